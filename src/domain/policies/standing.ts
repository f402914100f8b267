/**
 * An organisation's standing (rule 2): the events that make it up, which every decision that
 * asks for it must read, and the check itself, judged on a date (the contact's, the partnership's
 * start) against the records' own dates. They live side by side so the query can never miss an
 * event the check depends on (an exclusion, a lifting, an advice, a retraction).
 */
import * as E from 'fp-ts/lib/Either.js'
import { reject, type DomainRejection } from '../errors.js'
import type { EventType } from '../events.js'
import { ORGANISATION_EVENTS } from '../events/organisation.js'
import { VETTING_EVENTS } from '../events/vetting.js'
import { queryItem, type QueryItem } from '../query.js'
import type { AdviceState, ExclusionState, OrganisationState } from '../state.js'
import { orgTag } from '../tags.js'
import { blockOn, type Block } from './valid-time.js'

// ---------------------------------------------------------------------------------------------
// model

/** The events an organisation's standing is made of: its record, vetting, partnerships. */
export const STANDING_EVENTS: ReadonlyArray<EventType> = [
  ...ORGANISATION_EVENTS,
  ...VETTING_EVENTS,
  'PartnershipStarted',
  'PartnershipEnded',
]

/** What blocked an organisation on a date, with the organisation. */
export interface Blocked {
  readonly organisation: OrganisationState
  readonly block: Block<ExclusionState, AdviceState>
}

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * The query item for an organisation's standing, with any further event types the decision reads
 * about the organisation.
 *
 * @example
 * standingQuery(orgId) // { types: STANDING_EVENTS, tags: ['organisation:…'] }
 * standingQuery(orgId, ['ValuesEndorsed'])
 */
export const standingQuery = (organisationId: string, also: ReadonlyArray<EventType> = []): QueryItem =>
  queryItem(also.length === 0 ? STANDING_EVENTS : [...STANDING_EVENTS, ...also], orgTag(organisationId))

// ---------------------------------------------------------------------------------------------
// utils

/**
 * What blocked contact with an organisation on a date (rule 2), or undefined.
 *
 * @example
 * blockedOn(org, '2024-03-05')?.block._tag // 'exclusion' | 'advice'
 */
export const blockedOn = (o: OrganisationState, on: string): Blocked | undefined => {
  const block = blockOn(o, on)
  return block === undefined ? undefined : { organisation: o, block }
}

/**
 * The rejection a block gives: `OrganisationExcluded` naming the decision, or `AdvisedAgainst`
 * naming the advice (`rule` names the rule that asks, e.g. 6 for a partnership).
 *
 * @example
 * rejectionOf(blocked, '2024-03-05')
 */
export const rejectionOf = ({ organisation: o, block }: Blocked, on: string, rule = 2): DomainRejection =>
  block._tag === 'exclusion'
    ? reject(
        'OrganisationExcluded',
        `organisation ${o.name} (${o.organisationId}) was excluded on ${on} by decision ${block.exclusion.decisionId} of ${block.exclusion.decidedOn}` +
          `${block.exclusion.lifted ? `, lifted on ${block.exclusion.lifted.liftedOn}` : ''} (rule ${rule})`,
        { organisationId: o.organisationId, decisionId: block.exclusion.decisionId },
        rule,
      )
    : reject(
        'AdvisedAgainst',
        `organisation ${o.name} (${o.organisationId}) had on ${on} an outstanding advised-against advice ${block.advice.adviceId} from ` +
          `${block.advice.service ?? block.advice.source} received ${block.advice.receivedOn} (rule ${rule})`,
        { organisationId: o.organisationId, adviceId: block.advice.adviceId },
        rule,
      )

/**
 * Whether an organisation may be contacted on a date (rule 2): judged against its exclusions' and
 * advice's own dates, as the state knows them. Reads only state built from `standingQuery`'s events.
 *
 * @example
 * pipe(knownOrganisation(s, id), E.chain((o) => mayBeContacted(o, p.occurredOn)))
 */
export const mayBeContacted = (o: OrganisationState, on: string, rule = 2): E.Either<DomainRejection, OrganisationState> => {
  const blocked = blockedOn(o, on)
  return blocked === undefined ? E.right(o) : E.left(rejectionOf(blocked, on, rule))
}
