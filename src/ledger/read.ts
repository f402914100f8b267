/**
 * Reading the log: the register's state as of any position. The paged reading it folds over
 * (`pages`, `foldLog`, `PAGE_SIZE`, `StoreFailure`) lives with the port in `src/ports/pages.ts`
 * and is re-exported here for the callers that import it from the ledger.
 */
import type * as E from 'fp-ts/lib/Either.js'
import type { StoreError } from '../domain/errors.js'
import { evolveAll } from '../domain/evolve.js'
import { initialState, type RegisterState } from '../domain/state.js'
import type { EventStore } from '../ports/event-store.js'
import { foldLog } from '../ports/pages.js'

export { PAGE_SIZE, StoreFailure, foldLog, pages } from '../ports/pages.js'

/**
 * The register's state as of its first `at` entries (the whole log when `at` is left out).
 *
 * @example
 * const then = await stateAt(store, 120) // the register as it was after entry 119
 */
export const stateAt = (store: EventStore, at?: number): Promise<E.Either<StoreError, RegisterState>> =>
  foldLog(store, initialState, evolveAll, at !== undefined ? { to: at } : {})
