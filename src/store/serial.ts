/**
 * One write at a time per store, in process: a promise chain. Dialects over one connection (a
 * SQLite file, the in-memory log) need it once their transaction's steps are asynchronous, or two
 * appends of one process would interleave on one connection.
 */
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'

/** Runs tasks one after another, in the order they were started. */
export interface Serialiser {
  <E, A>(task: TaskEither<E, A>): TaskEither<E, A>
  /**
   * Whether no task is waiting or running: a synchronous step may then run at once, in its turn
   * (nothing started before it is still to come).
   */
  readonly idle: () => boolean
}

/**
 * A new serialiser (a mutex as a promise chain).
 *
 * @example
 * const one = serialiser()
 * await Promise.all([one(appendA)(), one(appendB)()]) // B starts when A has finished
 */
export const serialiser = (): Serialiser => {
  let tail: Promise<unknown> = Promise.resolve()
  let pending = 0
  const done = (): void => void pending--
  const one = <E, A>(task: TaskEither<E, A>): TaskEither<E, A> => () => {
    pending++
    const run = tail.then(() => task())
    tail = run.then(done, done)
    return run
  }
  return Object.assign(one, { idle: () => pending === 0 })
}
