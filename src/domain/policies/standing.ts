/**
 * An organisation's standing (rule 2): the events that make it up, which every decision that
 * asks for it must read, and the check itself. They live side by side so the query can never
 * miss an event the check depends on (an exclusion, a lifting, an advice).
 */
import * as E from 'fp-ts/lib/Either.js'
import { reject, type DomainRejection } from '../errors.js'
import type { EventType } from '../events.js'
import { ORGANISATION_EVENTS } from '../events/organisation.js'
import { queryItem, type QueryItem } from '../query.js'
import type { OrganisationState } from '../state.js'
import { activeExclusion, outstandingAdvice } from '../status.js'
import { orgTag } from '../tags.js'

// ---------------------------------------------------------------------------------------------
// model

/** The events an organisation's standing is made of: its record, advice, exclusions, partnerships. */
export const STANDING_EVENTS: ReadonlyArray<EventType> = [
  ...ORGANISATION_EVENTS,
  'VettingAdviceRecorded',
  'ExclusionDecided',
  'ExclusionLifted',
  'PartnershipStarted',
  'PartnershipEnded',
]

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * The query item for an organisation's standing, with any further event types the decision reads
 * about the organisation.
 *
 * @example
 * standingQuery(orgId) // { types: STANDING_EVENTS, tags: ['organisation:…'] }
 * standingQuery(orgId, ['FactRecorded'])
 */
export const standingQuery = (organisationId: string, also: ReadonlyArray<EventType> = []): QueryItem =>
  queryItem(also.length === 0 ? STANDING_EVENTS : [...STANDING_EVENTS, ...also], orgTag(organisationId))

// ---------------------------------------------------------------------------------------------
// utils

/**
 * Whether an organisation may be contacted now: `OrganisationExcluded` naming the decision, or
 * `AdvisedAgainst` naming the advice (rule 2; `rule` names the rule that asks, e.g. 5 for a
 * partnership). Reads only state built from `standingQuery`'s events.
 *
 * @example
 * pipe(knownOrganisation(s, id), E.chain((o) => mayBeContacted(o)))
 */
export const mayBeContacted = (o: OrganisationState, rule = 2): E.Either<DomainRejection, OrganisationState> => {
  const x = activeExclusion(o)
  if (x !== undefined)
    return E.left(
      reject(
        'OrganisationExcluded',
        `organisation ${o.name} (${o.organisationId}) is excluded by decision ${x.decisionId} of ${x.decidedOn} (rule ${rule})`,
        { organisationId: o.organisationId, decisionId: x.decisionId },
        rule,
      ),
    )
  const a = outstandingAdvice(o)
  if (a !== undefined)
    return E.left(
      reject(
        'AdvisedAgainst',
        `organisation ${o.name} (${o.organisationId}) has an outstanding advised-against advice ${a.adviceId} from ${a.source} received ${a.receivedOn} (rule ${rule})`,
        { organisationId: o.organisationId, adviceId: a.adviceId },
        rule,
      ),
    )
  return E.right(o)
}
