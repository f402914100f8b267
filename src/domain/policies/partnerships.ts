/**
 * Partnerships and what ends them (rules 5 and 6): an exclusion or a withdrawn endorsement ends
 * the organisation's open partnerships in the same append; a partnership is judged on its start
 * date, so one entered late ends in its own append on a later exclusion or withdrawal.
 */
import { event, type EventOf } from '../events.js'
import type { EndorsementState, OrganisationState, RegisterState } from '../state.js'
import { openPartnerships } from '../status.js'
import { knownDate, knownUuid, type Uuid } from '../values.js'

/** The programme a partnership belongs to when the command names none. */
export const DEFAULT_PROGRAMME = 'actieagenda-integratie'

/**
 * The PartnershipEnded events that end an organisation's open partnerships on a date (never
 * before a partnership's start).
 *
 * @example
 * endOpenPartnerships(s, orgId, '2025-01-10', 'excluded', decisionId) // [PartnershipEnded, …]
 */
export const endOpenPartnerships = (
  s: RegisterState,
  organisationId: Uuid,
  on: string,
  reason: 'excluded' | 'endorsement-withdrawn',
  causedBy?: Uuid,
): ReadonlyArray<EventOf<'PartnershipEnded'>> =>
  openPartnerships(s, organisationId).map((ps) =>
    event('PartnershipEnded', {
      partnershipId: knownUuid(ps.partnershipId),
      organisationId,
      endedOn: knownDate(on < ps.startedOn ? ps.startedOn : on),
      reason,
      ...(causedBy !== undefined ? { causedBy } : {}),
    }),
  )

/**
 * Whether the organisation's endorsement stood on a date (rule 6): an endorsement given on or
 * before it, not withdrawn after that endorsement and on or before the date. Returns the
 * endorsement that stood, or undefined.
 *
 * @example
 * endorsementOn(org, '2024-01-15')?.endorsedOn // '2024-01-01'
 */
export const endorsementOn = (o: OrganisationState, on: string): EndorsementState | undefined => {
  const given = (o.endorsements ?? (o.endorsement ? [o.endorsement] : [])).filter((e) => e.endorsedOn <= on)
  const last = given.reduce<EndorsementState | undefined>((a, e) => (a === undefined || e.endorsedOn > a.endorsedOn || (e.endorsedOn === a.endorsedOn && e.position > a.position) ? e : a), undefined)
  if (last === undefined) return undefined
  const withdrawn = o.endorsementWithdrawals.some(
    (w) => w.withdrawnOn <= on && (w.withdrawnOn > last.endorsedOn || (w.withdrawnOn === last.endorsedOn && w.position > last.position)),
  )
  return withdrawn ? undefined : last
}

/**
 * The first thing already recorded that ends a partnership starting on a date (rule 6): an
 * exclusion decided after the start, or the withdrawal of the endorsement that stood on it. A
 * partnership entered late ends on that date in the same append.
 *
 * @example
 * endAfterStart(org, '2023-02-01', endorsement) // { endedOn: '2024-06-01', reason: 'excluded', causedBy: decisionId }
 */
export const endAfterStart = (
  o: OrganisationState,
  startedOn: string,
  endorsement: EndorsementState,
): { readonly endedOn: string; readonly reason: 'excluded' | 'endorsement-withdrawn'; readonly causedBy?: string } | undefined => {
  const ends = [
    ...o.exclusions.filter((x) => x.decidedOn > startedOn).map((x) => ({ endedOn: x.decidedOn, reason: 'excluded' as const, causedBy: x.decisionId })),
    ...o.endorsementWithdrawals
      .filter((w) => w.withdrawnOn > startedOn && w.withdrawnOn >= endorsement.endorsedOn)
      .map((w) => ({ endedOn: w.withdrawnOn, reason: 'endorsement-withdrawn' as const })),
  ]
  return ends.sort((a, b) => (a.endedOn < b.endedOn ? -1 : a.endedOn > b.endedOn ? 1 : 0))[0]
}
