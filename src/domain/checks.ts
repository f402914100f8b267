/** Small checks every decision uses: dates not in the future, ids filled in, checks chained. */
import * as E from 'fp-ts/lib/Either.js'
import { reject, type DomainRejection } from './errors.js'

/** Rejects a business date after today (rule 10). @example notInFuture('occurredOn', d, ctx.today) */
export const notInFuture = (field: string, date: string, today: string): E.Either<DomainRejection, void> =>
  date > today
    ? E.left(reject('FutureDate', `${field} ${date} lies after today (${today}); a record cannot be dated in the future`, { [field]: date }, 10))
    : E.right(undefined)

/** The id a ledger filled in before deciding; a missing one is a programming error, reported as such. */
export const idOf = (value: string | undefined, field: string): E.Either<DomainRejection, string> =>
  value === undefined ? E.left(reject('InvalidCommand', `${field} is missing; the ledger fills it before deciding`)) : E.right(value)

/**
 * Chains checks that return Either<DomainRejection, void>, stopping at the first rejection.
 *
 * @example
 * checks(() => notInFuture('liftedOn', p.liftedOn, ctx.today), () => knownOrganisation(s, id))
 */
export const checks = (...xs: ReadonlyArray<() => E.Either<DomainRejection, unknown>>): E.Either<DomainRejection, void> => {
  for (const x of xs) {
    const r = x()
    if (E.isLeft(r)) return r
  }
  return E.right(undefined)
}
