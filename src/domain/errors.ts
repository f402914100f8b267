/**
 * Rejections: every way a command can fail, as a `_tag` union with small constructors.
 * The tags listed in DOMAIN.md are a public contract; others may be added.
 */
import type { FieldProblem } from './codec.js'

// ---------------------------------------------------------------------------------------------
// model

interface Base<T extends string> {
  readonly _tag: T
  readonly message: string
}

/** The command is not well-formed; `problems` names each field path and what was expected. */
export interface DecodeError extends Base<'DecodeError'> {
  readonly problems: ReadonlyArray<FieldProblem>
}
/**
 * The actor may not issue this command (rules 12, 18): the role it names may not issue it, or the
 * actor does not hold the role it needs on the date it is recorded. `role` is the role the command
 * named (or, when it named none, the one it needs); `needed` the role it needs; `held` the roles
 * the actor holds that day (when the grants were looked up).
 */
export interface Unauthorized extends Base<'Unauthorized'> {
  readonly role: string
  readonly command: string
  readonly actorId?: string
  readonly needed?: string
  readonly held?: ReadonlyArray<string>
}
/** A rule of DOMAIN.md forbids the command; `rule` is its number, `refs` the ids behind it. */
export interface RuleViolation<T extends string> extends Base<T> {
  readonly rule?: number
  readonly refs: Readonly<Record<string, string>>
}

export type UnknownOrganisation = RuleViolation<'UnknownOrganisation'>
export type OrganisationExcluded = RuleViolation<'OrganisationExcluded'>
export type AdvisedAgainst = RuleViolation<'AdvisedAgainst'>
export type EvidenceMissing = RuleViolation<'EvidenceMissing'>
export type AdviceMissing = RuleViolation<'AdviceMissing'>
export type EndorsementMissing = RuleViolation<'EndorsementMissing'>
export type FutureDate = RuleViolation<'FutureDate'>
export type UnknownContact = RuleViolation<'UnknownContact'>
export type UnknownPerson = RuleViolation<'UnknownPerson'>
export type PersonErased = RuleViolation<'PersonErased'>
export type UnknownPartnership = RuleViolation<'UnknownPartnership'>
export type UnknownDecision = RuleViolation<'UnknownDecision'>
export type UnknownReport = RuleViolation<'UnknownReport'>
export type AlreadyExists = RuleViolation<'AlreadyExists'>
export type AlreadyExcluded = RuleViolation<'AlreadyExcluded'>
export type PartnershipMissing = RuleViolation<'PartnershipMissing'>
export type NotActive = RuleViolation<'NotActive'>
export type ConfidentialReport = RuleViolation<'ConfidentialReport'>
export type InvalidCommand = RuleViolation<'InvalidCommand'>
export type IdempotencyKeyReused = RuleViolation<'IdempotencyKeyReused'>
export type OriginFixed = RuleViolation<'OriginFixed'>
export type NotARecipient = RuleViolation<'NotARecipient'>
export type DuplicateOrganisation = RuleViolation<'DuplicateOrganisation'>
export type GroundNotAllowed = RuleViolation<'GroundNotAllowed'>
export type UnknownAdvice = RuleViolation<'UnknownAdvice'>
/** Rule 18: an administrator holds no other role (a grant that would mix them is refused). */
export type RoleConflict = RuleViolation<'RoleConflict'>
/** Rule 18: a revocation of a role the actor does not hold. */
export type RoleNotHeld = RuleViolation<'RoleNotHeld'>
/** Rule 18: the register has no grants yet; the first grant must be an administrator's. */
export type NotOpened = RuleViolation<'NotOpened'>
/** Rule 18: the revocation would leave the register without an administrator. */
export type LastAdministrator = RuleViolation<'LastAdministrator'>
/** The command names an actor other than the one the host acts for (`ledger.as`, `--actor`). */
export type ActorMismatch = RuleViolation<'ActorMismatch'>
/** Rule 18: the proposer of a proposal confirms it themselves. */
export type SelfConfirmation = RuleViolation<'SelfConfirmation'>
/** Rule 19: no proposal of that id was made. */
export type UnknownProposal = RuleViolation<'UnknownProposal'>
/** Rule 19: the proposal was confirmed or withdrawn already; the message names which, by whom. */
export type ProposalClosed = RuleViolation<'ProposalClosed'>

/** A concurrent append won; the ledger retries a bounded number of times before returning this. */
export interface Conflict extends Base<'Conflict'> {
  readonly after: number
}
/** The store failed: unreachable, locked, unreadable, a newer schema. `hint` says what to do. */
export interface StoreError extends Base<'StoreError'> {
  readonly reason: 'unreachable' | 'locked' | 'unreadable' | 'schema' | 'io' | 'corrupt'
}

/** Every rule violation tag. */
export type RuleTag =
  | 'UnknownOrganisation'
  | 'OrganisationExcluded'
  | 'AdvisedAgainst'
  | 'EvidenceMissing'
  | 'AdviceMissing'
  | 'EndorsementMissing'
  | 'FutureDate'
  | 'UnknownContact'
  | 'UnknownPerson'
  | 'PersonErased'
  | 'UnknownPartnership'
  | 'UnknownDecision'
  | 'UnknownReport'
  | 'AlreadyExists'
  | 'AlreadyExcluded'
  | 'PartnershipMissing'
  | 'NotActive'
  | 'ConfidentialReport'
  | 'InvalidCommand'
  | 'IdempotencyKeyReused'
  | 'OriginFixed'
  | 'NotARecipient'
  | 'DuplicateOrganisation'
  | 'GroundNotAllowed'
  | 'UnknownAdvice'
  | 'UnknownRecord'
  | 'AlreadyRedacted'
  | 'RoleConflict'
  | 'RoleNotHeld'
  | 'NotOpened'
  | 'LastAdministrator'
  | 'ActorMismatch'
  | 'SelfConfirmation'
  | 'UnknownProposal'
  | 'ProposalClosed'
  | 'UnknownRecord'
  | 'AlreadyRedacted'

/** What `decide` can return on its left side. */
export type DomainRejection = Unauthorized | RuleViolation<RuleTag>

/** Everything a command can be answered with on its left side. */
export type Rejection = DecodeError | DomainRejection | Conflict | StoreError

// ---------------------------------------------------------------------------------------------
// constructors

/** A rule violation. @example reject('UnknownContact', 'no contact 0190…', { contactId }) */
export const reject = <T extends RuleTag>(
  _tag: T,
  message: string,
  refs: Readonly<Record<string, string>> = {},
  rule?: number,
): RuleViolation<T> => (rule === undefined ? { _tag, message, refs } : { _tag, message, refs, rule })

/** A decode error from field problems. */
export const decodeError = (message: string, problems: ReadonlyArray<FieldProblem>): DecodeError => ({
  _tag: 'DecodeError',
  message,
  problems,
})

/** The role may not issue the command. */
export const unauthorized = (role: string, command: string, allowed: string): Unauthorized => ({
  _tag: 'Unauthorized',
  message: `role ${role} may not issue ${command}; it needs the role ${allowed} (rule 12)`,
  role,
  command,
  needed: allowed,
})

/**
 * The actor does not hold the role a command needs on the date it is recorded (rules 12, 18),
 * naming the roles it holds and the one needed.
 *
 * @example
 * notHeld('a.jansen', [], 'recordContact', 'official', '2026-11-30').message
 * // 'a.jansen holds no role on 2026-11-30; recordContact needs the role official …'
 */
export const notHeld = (actorId: string, held: ReadonlyArray<string>, command: string, needed: string, onDate: string): Unauthorized => ({
  _tag: 'Unauthorized',
  message: `${actorId} ${held.length === 0 ? 'holds no role' : `holds ${held.join(', ')}`} on ${onDate}; ${command} needs the role ${needed}, which an administrator grants (grantRole) (rules 12, 18)`,
  role: needed,
  command,
  actorId,
  needed,
  held,
})

/**
 * A write to a register that has no grants yet (rule 18): it is opened by granting its first
 * administrator, who then grants the others their roles.
 *
 * @example
 * notOpened('a.jansen', 'recordContact', 'official')._tag === 'Unauthorized'
 */
export const notOpened = (actorId: string, command: string, needed: string): Unauthorized => ({
  _tag: 'Unauthorized',
  message: `the register has no grants yet, so no one may issue ${command}: open it by granting its first administrator (contact-ledger init --administrator ID, or openRegister(ledger, id) in the library), who then grants each actor their role (grantRole) (rule 18)`,
  role: needed,
  command,
  actorId,
  needed,
  held: [],
})

/** A concurrent append won after the position `after` was read. */
export const conflict = (after: number): Conflict => ({
  _tag: 'Conflict',
  message: `another command appended events this decision depends on after position ${after}; try again`,
  after,
})

/** A storage fault with a message that says what to do. */
export const storeError = (reason: StoreError['reason'], message: string): StoreError => ({
  _tag: 'StoreError',
  message,
  reason,
})
