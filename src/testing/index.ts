/**
 * `contact-ledger/testing`: what test authors need to test tools built on the register and new
 * storage adapters: arbitraries for commands and whole histories, and given/when/then for the
 * decider.
 */
export { arbCommand, arbMalformed, arbUuid, arbDate, arbText } from './arbitraries.js'
export { arbHistory, compileHistory, testId, HISTORY_NOW, ORGANISATION_NAMES } from './history.js'
export type { CommandJson } from './history.js'
export { deciderSpec, asStored } from './decider-spec.js'
export type { Outcome } from './decider-spec.js'
export { describeEventStoreConformance } from './conformance.js'
export type { StoreFactory, StoreUnderTest } from './conformance.js'
export { describeKeyStoreConformance } from './key-store-conformance.js'
export type { KeyStoreFactory, KeyStoreUnderTest } from './key-store-conformance.js'
export { sampleOrganisation, sampleContact, sampleEndorsement, orgTagOf } from './sample-events.js'
export type { SampleOptions } from './sample-events.js'
