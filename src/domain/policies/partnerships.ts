/**
 * Partnerships that end because of something else (rules 4 and 5): an exclusion or a withdrawn
 * endorsement ends the organisation's open partnerships in the same append.
 */
import { event, type EventOf } from '../events.js'
import type { RegisterState } from '../state.js'
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
