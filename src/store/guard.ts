/**
 * The adapter boundary: driver work run as a `TaskEither`, a thrown error turned into the
 * register's `StoreError` by the adapter's own error table.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { StoreError } from '../domain/errors.js'

/**
 * Runs synchronous driver work as an already-resolved TaskEither (no extra turn of the event loop).
 *
 * @example
 * const size = guardSync(sqliteError(path))(() => db.prepare('SELECT 1').get())
 */
export const guardSync =
  (fail: (e: unknown) => StoreError) =>
  <A>(work: () => A): TaskEither<StoreError, A> =>
  () => {
    try {
      return Promise.resolve(E.right(work()))
    } catch (e) {
      return Promise.resolve(E.left(fail(e)))
    }
  }

/**
 * Runs asynchronous driver work as a TaskEither, turning a rejection into a StoreError.
 *
 * @example
 * const n = guardAsync(pgError(target))(async () => (await pool.query('SELECT 1')).rows.length)
 */
export const guardAsync =
  (fail: (e: unknown) => StoreError) =>
  <A>(work: () => Promise<A>): TaskEither<StoreError, A> =>
  () => {
    try {
      return work().then(E.right, (e: unknown) => E.left(fail(e)))
    } catch (e) {
      return Promise.resolve(E.left(fail(e)))
    }
  }
