/**
 * Rule 2 on the contact's date (valid time): whether an exclusion or an advice held on a date, by
 * the records' own dates, as far as the register knows them. Pure and structural, so the
 * deciders (over `OrganisationState`) and the auditor's view (over its own fold) ask the same.
 */

// ---------------------------------------------------------------------------------------------
// model

/** What rule 2 reads of an exclusion decision. */
export interface ExclusionLike {
  readonly decisionId: string
  readonly decidedOn: string
  readonly lifted?: { readonly liftedOn: string }
}

/** What rule 2 reads of a vetting advice. */
export interface AdviceLike {
  readonly adviceId: string
  readonly source: string
  readonly service?: string
  readonly advice: string
  readonly receivedOn: string
  readonly position: number
  readonly retracted?: unknown
}

/** What rule 2 reads of an organisation: its exclusions and its advice. */
export interface VettingLike<X extends ExclusionLike = ExclusionLike, A extends AdviceLike = AdviceLike> {
  readonly exclusions: ReadonlyArray<X>
  readonly advices: ReadonlyArray<A>
}

/** What blocks a contact on a date: an exclusion, or an outstanding advised-against advice. */
export type Block<X extends ExclusionLike = ExclusionLike, A extends AdviceLike = AdviceLike> =
  | { readonly _tag: 'exclusion'; readonly exclusion: X }
  | { readonly _tag: 'advice'; readonly advice: A }

// ---------------------------------------------------------------------------------------------
// utils

/**
 * The exclusion an organisation was under on a date: decided on or before it and not lifted by
 * it (a lift dated D ends it from D on; a contact on the decision's own day is inside it).
 *
 * @example
 * exclusionOn(org, '2024-06-01')?.decisionId
 */
export const exclusionOn = <X extends ExclusionLike>(o: { readonly exclusions: ReadonlyArray<X> }, on: string): X | undefined =>
  o.exclusions.find((x) => x.decidedOn <= on && (x.lifted === undefined || x.lifted.liftedOn > on))

/** Whether an advice came from a security service (the only source that counts for new advice, rule 4). */
export const fromSecurityService = (a: Pick<AdviceLike, 'source'>): boolean => a.source === 'security-service'

const later = (b: AdviceLike, a: AdviceLike): boolean => b.receivedOn > a.receivedOn || (b.receivedOn === a.receivedOn && b.position > a.position)

/**
 * Whether advice `b` supersedes advice `a` (rule 2): it is later (received later, or the same day
 * and recorded after) and speaks for the same adviser. A security service's advice is superseded
 * by a later one of the same service (any security service's, when `a` names none). An advice an
 * earlier version recorded from another source keeps its old reading: only a later advice from
 * that same source supersedes it (rule 22: an upgrade changes no effect silently); otherwise it
 * holds until a vetting officer retracts it.
 *
 * @example
 * supersedes(noObjectionAivd, advisedAgainstAivd) // true when later
 */
export const supersedes = (b: AdviceLike, a: AdviceLike): boolean => {
  if (b.adviceId === a.adviceId || b.retracted !== undefined || !later(b, a)) return false
  if (!fromSecurityService(a)) return b.source === a.source
  return fromSecurityService(b) && (a.service === undefined || b.service === a.service)
}

/**
 * The outstanding `advised-against` advice of an organisation on a date: received on or before
 * it, not retracted, and not superseded by an advice received by that date. The earliest recorded
 * one when several hold.
 *
 * @example
 * adviceOn(org, '2024-09-01')?.adviceId
 */
export const adviceOn = <A extends AdviceLike>(o: { readonly advices: ReadonlyArray<A> }, on: string): A | undefined => {
  const known = o.advices.filter((a) => a.retracted === undefined && a.receivedOn <= on)
  return known.find((a) => a.advice === 'advised-against' && !known.some((b) => supersedes(b, a)))
}

/**
 * What blocked contact with an organisation on a date (rule 2), the exclusion first; undefined
 * when nothing did.
 *
 * @example
 * blockOn(org, '2023-03-01') // undefined: a contact before the exclusion is a fact of the past
 */
export const blockOn = <X extends ExclusionLike, A extends AdviceLike>(o: VettingLike<X, A>, on: string): Block<X, A> | undefined => {
  const exclusion = exclusionOn(o, on)
  if (exclusion !== undefined) return { _tag: 'exclusion', exclusion }
  const advice = adviceOn(o, on)
  return advice === undefined ? undefined : { _tag: 'advice', advice }
}
