/** The ledger's public model: its options, what it answers, and the service itself. */
import type * as E from 'fp-ts/lib/Either.js'
import type { Rejection, StoreError } from '../domain/errors.js'
import type { StoredEvent } from '../domain/events.js'
import type { RegisterState } from '../domain/state.js'
import type { Clock } from '../ports/clock.js'
import type { EventStore } from '../ports/event-store.js'
import type { Ids } from '../ports/ids.js'
import type { KeyStore } from '../ports/key-store.js'
import type { AccessLog } from '../ports/access-log.js'
import type { ProcessingLog } from '../ports/processing-log.js'
import type { SnapshotRenderer } from './snapshot.js'

/**
 * What a ledger is made of: its store and the ports it works with. There is no option to trust the
 * roles commands claim (rule 18): every write is checked against the grants recorded in the
 * register, and a register without grants (a new one, or one written before grants existed) takes
 * no write but its opening administrator grant (`openRegister`, or `contact-ledger init
 * --administrator ID`); it opens, verifies and reports as before.
 *
 * @example
 * const options: LedgerOptions = { store: memoryEventStore(), keys: memoryKeyStore(), accessLog: memoryAccessLog() }
 */
export interface LedgerOptions {
  readonly store: EventStore
  /** Where key figures' keys live; without one, `registerKeyFigure` is refused. */
  readonly keys?: KeyStore
  readonly clock?: Clock
  readonly ids?: Ids
  /** How often a decision is retried after a concurrent append won (default 10). */
  readonly maxRetries?: number
  /** Where erasures are logged (Logboek Dataverwerkingen); without one they are not logged. */
  readonly processingLog?: ProcessingLog
  /** Where restricted reads are logged (rule 20, `restrictedReads`); without one they are refused. */
  readonly accessLog?: AccessLog
  /** Renders reports for snapshots; without one, `takeReportSnapshot` is refused. */
  readonly renderSnapshot?: SnapshotRenderer
}

/** What an accepted command returns: its events at their positions. */
export interface Receipt {
  readonly events: ReadonlyArray<StoredEvent>
  /** True when the idempotency key was seen before and nothing was appended now. */
  readonly replayed: boolean
  /** When the command was a proposal (rule 19): the proposal's id, for `confirmProposal`; its only event is ProposalMade. */
  readonly proposalId?: string
}

/** Why a batch appended nothing: the first command that failed, by its index in the batch. */
export interface BatchRejection {
  readonly index: number
  readonly rejection: Rejection
}

/** The ledger as one actor uses it (`ledger.as(actorId)`): every command acts for that actor. */
export interface ActingLedger {
  /** The actor this host acts for. */
  readonly actorId: string
  /** Executes one command (untrusted JSON) for the actor. Never throws. */
  readonly execute: (command: unknown) => Promise<E.Either<Rejection, Receipt>>
  /** Executes commands as one atomic append, each for the actor. Never throws. */
  readonly executeBatch: (commands: ReadonlyArray<unknown>) => Promise<E.Either<BatchRejection, ReadonlyArray<Receipt>>>
}

export interface Ledger {
  /**
   * The ledger as one actor uses it (rules 12 and 18): every command acts for `actorId`, the
   * identity the embedding tool authenticated; a command naming another `actor.id` is refused
   * (`ActorMismatch`). The way a host that serves several people should call the ledger.
   *
   * @example
   * await ledger.as('a.jansen').execute({ command: 'retractContact', payload: { contactId, reason: 'dubbel' } })
   */
  readonly as: (actorId: string) => ActingLedger
  /**
   * Executes one command given as untrusted JSON. Never throws. The command's own `actor.id` is
   * taken as the authenticated identity (its roles are then looked up in the grants, never taken
   * from the command): meant for a host that authenticated that id itself, such as a service
   * acting for one person. A host serving several people uses `as(id)` with the id it
   * authenticated, so a command naming someone else is refused.
   *
   * @example
   * await ledger.execute({ command: 'retractContact', actor: { id: 'a.jansen' }, payload: { contactId, reason: 'dubbel' } })
   */
  readonly execute: (command: unknown) => Promise<E.Either<Rejection, Receipt>>
  /**
   * Executes commands as one atomic append: each is decided against the state the earlier ones
   * leave; if any is rejected, nothing is appended. Commands whose idempotency key was seen
   * before are answered with their first result and append nothing. Never throws.
   */
  readonly executeBatch: (commands: ReadonlyArray<unknown>) => Promise<E.Either<BatchRejection, ReadonlyArray<Receipt>>>
  /** The register's state as of its first `at` entries (default: all). */
  readonly state: (at?: number) => Promise<E.Either<StoreError, RegisterState>>
  readonly store: EventStore
  readonly clock: Clock
  readonly ids: Ids
  readonly keys: KeyStore | undefined
  /** The access log restricted reads write to (`restrictedReads`), if the ledger was given one. */
  readonly accessLog?: AccessLog
  /** The processing log key-figure reads write to, if the ledger was given one. */
  readonly processingLog?: ProcessingLog
}

/**
 * A rejection of the command at `index` of a batch.
 *
 * @example
 * pipe(decodeCommand(input), E.mapLeft(rejectedAt(3)))
 */
export const rejectedAt =
  (index: number) =>
  (rejection: Rejection): BatchRejection => ({ index, rejection })

/**
 * The receipt of a command's events: with the proposal's id when the command made a proposal.
 *
 * @example
 * receiptOf(appended, false).proposalId // the id to confirm, when events[0] is ProposalMade
 */
export const receiptOf = (events: ReadonlyArray<StoredEvent>, replayed: boolean): Receipt => {
  const first = events[0]
  return first?.type === 'ProposalMade' ? { events, replayed, proposalId: first.data.proposalId } : { events, replayed }
}
