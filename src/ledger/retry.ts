/**
 * The one retry loop of the ledger: an attempt reads, decides and appends; when the append lost
 * to a concurrent writer (`Conflict`) the loop asks whether that settled the matter (an
 * idempotent replay) and otherwise tries again after a short random pause, up to `maxRetries`;
 * a store busy with another writer's transaction is tried again at once, twice.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import type { Conflict, StoreError } from '../domain/errors.js'

// ---------------------------------------------------------------------------------------------
// model

/** Why an append failed. */
export type AppendFailure = StoreError | Conflict

/** After a conflict: the answer, when another writer's append settled it, or the work to try again. */
export type Settled<S, A> = { readonly _tag: 'Done'; readonly value: A } | { readonly _tag: 'Again'; readonly work: S }

export interface RetryPolicy<S, F, A> {
  /** How many conflicts are retried before the last one is the answer. */
  readonly maxRetries: number
  /** Asked after each conflict, before deciding to retry. */
  readonly settle: (work: S) => TE.TaskEither<F, Settled<S, A>>
  /** The failure an append failure that is not retried becomes. */
  readonly fail: (e: AppendFailure) => F
}

// ---------------------------------------------------------------------------------------------
// utils

/** A store busy with another writer's transaction (its own wait already ran out) is tried again, twice. */
const MAX_BUSY_RETRIES = 2
const isBusy = (e: AppendFailure): boolean => e._tag === 'StoreError' && e.reason === 'locked'

const pause =
  (attempt: number): TE.TaskEither<never, void> =>
  () =>
    new Promise((r) => setTimeout(() => r(E.right(undefined)), Math.min(50, 2 ** attempt) * Math.random()))

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * Runs `attempt` until its append succeeds, retrying busy stores and conflicts as the policy says.
 * An attempt fails outright (Left) for what no retry mends (a read error, a rejected decision);
 * it returns `Right(Left(failure))` when its append failed, for the loop to judge.
 *
 * @example
 * const run = retryAppend(attempt, { maxRetries: 10, settle: () => TE.right({ _tag: 'Again', work }), fail: (e) => e })
 * await run(work)()
 */
export const retryAppend =
  <S, F, A>(attempt: (work: S) => TE.TaskEither<F, E.Either<AppendFailure, A>>, policy: RetryPolicy<S, F, A>) =>
  (work: S): TE.TaskEither<F, A> => {
    const go =
      (w: S, n: number, busy: number): TE.TaskEither<F, A> =>
      async (): Promise<E.Either<F, A>> => {
        const tried = await attempt(w)()
        if (E.isLeft(tried)) return tried
        const appended = tried.right
        if (E.isRight(appended)) return appended
        const failed = appended.left
        if (isBusy(failed) && busy < MAX_BUSY_RETRIES) return go(w, n + 1, busy + 1)()
        if (failed._tag !== 'Conflict') return E.left(policy.fail(failed))
        const settled = await policy.settle(w)()
        if (E.isLeft(settled)) return settled
        const s = settled.right
        if (s._tag === 'Done') return E.right(s.value)
        if (n >= policy.maxRetries) return E.left(policy.fail(failed))
        await pause(n)()
        return go(s.work, n + 1, busy)()
      }
    return go(work, 0, 0)
  }
