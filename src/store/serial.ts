/**
 * One write at a time per store, in process: a promise chain. Dialects over one connection (a
 * SQLite file, the in-memory log) need it once their transaction's steps are asynchronous, or two
 * appends of one process would interleave on one connection.
 */
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'

/** Runs tasks one after another, in the order they were started. */
export type Serialiser = <E, A>(task: TaskEither<E, A>) => TaskEither<E, A>

/**
 * A new serialiser (a mutex as a promise chain).
 *
 * @example
 * const one = serialiser()
 * await Promise.all([one(appendA)(), one(appendB)()]) // B starts when A has finished
 */
export const serialiser = (): Serialiser => {
  let tail: Promise<unknown> = Promise.resolve()
  return (task) => () => {
    const run = tail.then(() => task())
    tail = run.then(
      () => undefined,
      () => undefined,
    )
    return run
  }
}
