/**
 * Tags of events (DESIGN.md, "Consistency"): every event names the entities it concerns, so a
 * decision can read exactly the events it depends on and append on that condition.
 */
import type { DomainEvent } from './events.js'

/** The tag of an organisation. @example orgTag(id) === `organisation:${id}` */
export const orgTag = (id: string): string => `organisation:${id}`
export const contactTag = (id: string): string => `contact:${id}`
export const personTag = (id: string): string => `person:${id}`
export const partnershipTag = (id: string): string => `partnership:${id}`
export const reportTag = (id: string): string => `report:${id}`
export const decisionTag = (id: string): string => `decision:${id}`
export const adviceTag = (id: string): string => `advice:${id}`
export const factTag = (id: string): string => `fact:${id}`

/**
 * The tags of an event, from its data alone.
 *
 * @example
 * tagsOf(event('ContactRetracted', { contactId, reason })) // ['contact:…']
 */
export const tagsOf = (e: DomainEvent): ReadonlyArray<string> => {
  switch (e.type) {
    case 'OrganisationRegistered':
    case 'OrganisationCorrected':
    case 'ValuesEndorsed':
    case 'EndorsementWithdrawn':
      return [orgTag(e.data.organisationId)]
    case 'KeyFigureRegistered':
      return [personTag(e.data.personId), ...(e.data.organisationId ? [orgTag(e.data.organisationId)] : [])]
    case 'KeyFigureErased':
      return [personTag(e.data.personId)]
    case 'VettingAdviceRecorded':
      return [orgTag(e.data.organisationId), adviceTag(e.data.adviceId)]
    case 'FactRecorded':
      return [orgTag(e.data.organisationId), factTag(e.data.factId)]
    case 'ExclusionDecided':
    case 'ExclusionLifted':
      return [orgTag(e.data.organisationId), decisionTag(e.data.decisionId)]
    case 'PartnershipStarted':
    case 'PartnershipEnded':
      return [orgTag(e.data.organisationId), partnershipTag(e.data.partnershipId)]
    case 'ContactRecorded':
      return [contactTag(e.data.contactId), ...e.data.organisationIds.map(orgTag), ...e.data.personIds.map(personTag)]
    case 'ContactCorrected':
      return [
        contactTag(e.data.contactId),
        ...(e.data.organisationIds ?? []).map(orgTag),
        ...(e.data.personIds ?? []).map(personTag),
      ]
    case 'ContactRetracted':
      return [contactTag(e.data.contactId)]
    case 'ReportSnapshotTaken':
    case 'ReportPublished':
    case 'ReportSharedConfidentially':
      return [reportTag(e.data.reportId)]
  }
}

/** The business date an event is about (rule 11), or undefined when only the recording date applies. */
export const businessDateOfEvent = (e: DomainEvent): string | undefined => {
  switch (e.type) {
    case 'ValuesEndorsed':
      return e.data.endorsedOn
    case 'EndorsementWithdrawn':
      return e.data.withdrawnOn
    case 'VettingAdviceRecorded':
      return e.data.receivedOn
    case 'FactRecorded':
      return e.data.observedOn
    case 'ExclusionDecided':
      return e.data.decidedOn
    case 'ExclusionLifted':
      return e.data.liftedOn
    case 'PartnershipStarted':
      return e.data.startedOn
    case 'PartnershipEnded':
      return e.data.endedOn
    case 'ContactRecorded':
      return e.data.occurredOn
    case 'ContactCorrected':
      return e.data.occurredOn
    case 'ReportPublished':
      return e.data.publishedOn
    case 'ReportSharedConfidentially':
      return e.data.sharedOn
    default:
      return undefined
  }
}
