/**
 * `contact-ledger/testing/vitest`: the suites that need a test runner (vitest): the event-store
 * and key-store conformance suites every adapter must pass. Everything runner-free
 * (`contact-ledger/testing`: arbitraries, histories, sample events, the decider's given/when/then)
 * is re-exported here too, so one import serves a vitest test file.
 *
 * @example
 * import { describeEventStoreConformance } from 'contact-ledger/testing/vitest'
 * describeEventStoreConformance('my adapter', async () => ({ store: await openMine(), cleanup: async () => {} }))
 */
export * from './index.js'
export { describeEventStoreConformance } from './conformance.js'
export type { StoreFactory, StoreUnderTest } from './conformance.js'
export { describeKeyStoreConformance } from './key-store-conformance.js'
export type { KeyStoreFactory, KeyStoreUnderTest } from './key-store-conformance.js'
