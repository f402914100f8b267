/**
 * `contact-ledger/adapters/memory`: event store and key store in memory, for tests, the demo and
 * one-process tools. Opens like every adapter (`openMemory`), with synchronous conveniences.
 */
import * as E from 'fp-ts/lib/Either.js'
import { eventStoreOver, type EventStore, type OpenedStores, type StoreError } from '../../src/store/index.js'
import { memoryDialect } from './dialect.js'
import { memoryKeyStore } from './key-store.js'

export { memoryDialect } from './dialect.js'
export { memoryKeyStore } from './key-store.js'
export { memoryProcessingLog } from './processing-log.js'

/** How to open an in-memory register (nothing to choose yet; the same shape as every adapter). */
export type MemoryOptions = Record<string, never>

/**
 * Makes an empty in-memory event store (synchronously; the same store `openMemory` gives).
 *
 * @example
 * const ledger = createLedger({ store: memoryEventStore() })
 */
export const memoryEventStore = (): EventStore => eventStoreOver(memoryDialect())

/**
 * Opens an empty in-memory register: its event store and key store.
 *
 * @example
 * const opened = await openMemory() // Right({ store, keys, close })
 */
export const openMemory = async (_options: MemoryOptions = {}): Promise<E.Either<StoreError, OpenedStores>> => {
  const store = memoryEventStore()
  const keys = memoryKeyStore()
  return E.right({ store, keys, close: async () => (await store.close(), await keys.close()) })
}
export { memoryAccessLog } from './access-log.js'
