/**
 * What a decision is given besides the payload and the state (today's business date and the
 * values the ledger computed before deciding), what it returns, and small checks every decision
 * uses.
 */
import * as E from 'fp-ts/lib/Either.js'
import { reject, type DomainRejection } from '../errors.js'
import type { DomainEvent } from '../events.js'
import type { ReportParameters, Sealed } from '../events/parts.js'

// ---------------------------------------------------------------------------------------------
// model

/** A rendered report, fixed to a log size, ready to be recorded as a snapshot. */
export interface RenderedSnapshot {
  readonly logSize: number
  readonly checkpoint: string
  readonly contentHash: string
  readonly parameters: ReportParameters
  readonly consistency?: {
    readonly fromReportId: string
    readonly fromSize: number
    readonly toSize: number
    readonly proof: ReadonlyArray<string>
  }
}

export interface DecideContext {
  /** Today in Europe/Amsterdam, `YYYY-MM-DD`; business dates after it are in the future. */
  readonly today: string
  /** For `registerKeyFigure`: the personal fields, sealed under the person's new key. */
  readonly sealed?: Sealed
  /** For `takeReportSnapshot`: the rendered report. */
  readonly snapshot?: RenderedSnapshot
}

/** What a decision returns: the events to append, or why not. */
export type Decision = E.Either<DomainRejection, ReadonlyArray<DomainEvent>>

// ---------------------------------------------------------------------------------------------
// utils

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
