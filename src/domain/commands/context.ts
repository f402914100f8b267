/**
 * What a decision is given besides the payload and the state (today's business date and the
 * values the ledger computed before deciding) and what it returns.
 */
import type * as E from 'fp-ts/lib/Either.js'
import type { DomainRejection } from '../errors.js'
import type { DomainEvent } from '../events.js'
import type { ReportParameters, Sealed } from '../events/parts.js'
import type { Role } from '../values.js'

// ---------------------------------------------------------------------------------------------
// model

/** A rendered report, fixed to a log size, ready to be recorded as a snapshot. */
export interface RenderedSnapshot {
  readonly logSize: number
  readonly checkpoint: string
  readonly contentHash: string
  readonly parameters: ReportParameters
  /** The report version that rendered it, when not 1 (absent means 1, as on every older snapshot). */
  readonly reportVersion?: number
  readonly consistency?: {
    readonly fromReportId: string
    readonly fromSize: number
    readonly toSize: number
    readonly proof: ReadonlyArray<string>
  }
}

/**
 * Who a command acts for, as the host gave it (rules 12 and 18): the actor's id, and the role the
 * command names, when it names one (checked against the grants, never trusted).
 */
export interface ActingActor {
  readonly id: string
  readonly role?: Role
}

export interface DecideContext {
  /** Today in Europe/Amsterdam, `YYYY-MM-DD`; business dates after it are in the future. */
  readonly today: string
  /** The actor the command acts for (the host's identity), and the role it names, if any. */
  readonly actor: ActingActor
  /**
   * The date the command is recorded on (Europe/Amsterdam, `YYYY-MM-DD`; today): the date the
   * actor's roles are looked up on (rule 12), never the command's business date.
   */
  readonly recordedOn: string
  /**
   * The id the ledger drew for this command (its causation id): a command that is a proposal
   * (rule 19) takes it as the proposal's id. Without it, the id is derived from the command.
   */
  readonly commandId?: string
  /**
   * Opens the sealed texts inside a value (rule 21) with the record keys the ledger fetched for this
   * command (`[redacted]` where a key is gone): how `confirmProposal` reads its proposal's payload.
   * Absent on a register without a key store.
   */
  readonly openSealed?: (value: unknown) => unknown
  /** For `registerKeyFigure`: the personal fields, sealed under the person's new key. */
  readonly sealed?: Sealed
  /** For `takeReportSnapshot`: the rendered report. */
  readonly snapshot?: RenderedSnapshot
}

/**
 * What a caller of the registry's `decide` gives: `actor` and `recordedOn` may be left out, and
 * are then the command's own actor and `today`.
 */
export type DecideInput = Omit<DecideContext, 'actor' | 'recordedOn'> & Partial<Pick<DecideContext, 'actor' | 'recordedOn'>>

/** What a decision returns: the events to append, or why not. */
export type Decision = E.Either<DomainRejection, ReadonlyArray<DomainEvent>>
