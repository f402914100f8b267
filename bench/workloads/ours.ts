/**
 * Our side: stores opened through the library's adapters, and the ledger service over them,
 * set up with the benchmark's 1,000 organisations.
 */
import * as E from 'fp-ts/lib/Either.js'
import { memoryEventStore, memoryKeyStore } from '../../adapters/memory/index.js'
import { createLedger, type Ledger } from '../../src/ledger/ledger.js'
import type { EventStore } from '../../src/ports/event-store.js'
import { uuidV7 } from '../../src/ports/ids.js'
import { clock, setupCommands } from '../data.js'

export type StoreKind = 'memory' | 'sqlite' | 'postgres'

/** An opened store of ours; `close` releases it and removes what it made. */
export interface OpenedOurs {
  readonly store: EventStore
  readonly close: () => Promise<void>
}

/** Opens a fresh store of a kind. @example const { store, close } = await openOurs('memory') */
export const openOurs = async (kind: StoreKind): Promise<OpenedOurs> => {
  switch (kind) {
    case 'memory': {
      const store = memoryEventStore()
      return { store, close: () => store.close() }
    }
    default:
      throw new Error(`the ${kind} adapter is not on this branch yet`)
  }
}

/**
 * A ledger over `store` with the 1,000 organisations and their partnerships registered.
 *
 * @example
 * const ledger = await readyLedger(store)
 */
export const readyLedger = async (store: EventStore): Promise<Ledger> => {
  const ledger = createLedger({ store, keys: memoryKeyStore(), clock, ids: uuidV7 })
  const setup = setupCommands()
  for (let i = 0; i < setup.length; i += 200) {
    const r = await ledger.executeBatch(setup.slice(i, i + 200))
    if (E.isLeft(r)) throw new Error(`benchmark setup rejected at ${i + r.left.index}: ${r.left.rejection.message}`)
  }
  return ledger
}
