/**
 * Before deciding: fill in the ids a command left out (UUID v7 from the Ids port), and name the
 * events the decision depends on (its query), which is also the condition of its append.
 */
import type { Command } from './commands.js'
import type { EventType } from './events.js'
import { contactTag, decisionTag, orgTag, partnershipTag, personTag, reportTag } from './tags.js'
import type { Query, QueryItem } from '../ports/query.js'
import type { RegisterState } from './state.js'

const ID_FIELD: Partial<Record<Command['command'], string>> = {
  registerOrganisation: 'organisationId',
  registerKeyFigure: 'personId',
  recordVettingAdvice: 'adviceId',
  recordFact: 'factId',
  decideExclusion: 'decisionId',
  startPartnership: 'partnershipId',
  recordContact: 'contactId',
  takeReportSnapshot: 'reportId',
}

/**
 * The command with its own new id filled in when it gave none.
 *
 * @example
 * fillIds(cmd, () => v7()).payload.contactId // a fresh UUID v7
 */
export const fillIds = (command: Command, nextId: () => string): Command => {
  const field = ID_FIELD[command.command]
  const payload = command.payload as Record<string, unknown>
  if (field === undefined || payload[field] !== undefined) return command
  return { ...command, payload: { ...payload, [field]: nextId() } } as Command
}

// what each aspect of an organisation is made of
const ORG: ReadonlyArray<EventType> = ['OrganisationRegistered', 'OrganisationCorrected']
const STANDING: ReadonlyArray<EventType> = [
  ...ORG,
  'VettingAdviceRecorded',
  'ExclusionDecided',
  'ExclusionLifted',
  'PartnershipStarted',
  'PartnershipEnded',
]
const ENDORSEMENT: ReadonlyArray<EventType> = ['ValuesEndorsed', 'EndorsementWithdrawn']
const PERSON: ReadonlyArray<EventType> = ['KeyFigureRegistered', 'KeyFigureErased']

const item = (types: ReadonlyArray<EventType> | undefined, tag: string): QueryItem =>
  types === undefined ? { tags: [tag] } : { types, tags: [tag] }

/**
 * The events a command's decision depends on. The ledger reads them, decides, and appends on the
 * condition that none matching was appended in between. Given the state those events make, the
 * query may grow (a correction depends on the contact's current organisations): the ledger reads
 * again until it no longer does.
 *
 * @example
 * queryFor(recordContact) // organisation standing of each organisation, each person, the contact
 */
export const queryFor = (command: Command, state?: RegisterState): Query => {
  switch (command.command) {
    case 'registerOrganisation':
      return [item(ORG, orgTag(command.payload.organisationId!))]
    case 'correctOrganisation':
      return [item(ORG, orgTag(command.payload.organisationId))]
    case 'registerKeyFigure': {
      const p = command.payload
      return [item(PERSON, personTag(p.personId!)), ...(p.organisationId ? [item(ORG, orgTag(p.organisationId))] : [])]
    }
    case 'eraseKeyFigure':
      return [item(PERSON, personTag(command.payload.personId))]
    case 'endorseValues':
    case 'withdrawEndorsement':
      return [item([...STANDING, ...ENDORSEMENT], orgTag(command.payload.organisationId))]
    case 'recordVettingAdvice':
    case 'recordFact':
      return [item([...STANDING, 'FactRecorded'], orgTag(command.payload.organisationId))]
    case 'decideExclusion':
      return [
        item([...STANDING, 'FactRecorded'], orgTag(command.payload.organisationId)),
        item(undefined, decisionTag(command.payload.decisionId!)),
      ]
    case 'liftExclusion':
      return [item(STANDING, orgTag(command.payload.organisationId))]
    case 'startPartnership':
      return [
        item([...STANDING, ...ENDORSEMENT], orgTag(command.payload.organisationId)),
        item(undefined, partnershipTag(command.payload.partnershipId!)),
      ]
    case 'endPartnership':
      return [item(['PartnershipStarted', 'PartnershipEnded'], partnershipTag(command.payload.partnershipId))]
    case 'recordContact': {
      const p = command.payload
      return [
        item(undefined, contactTag(p.contactId!)),
        ...p.organisationIds.map((id) => item(STANDING, orgTag(id))),
        ...(p.personIds ?? []).map((id) => item(PERSON, personTag(id))),
      ]
    }
    case 'correctContact': {
      const p = command.payload
      // once the contact is known, its current organisations' standing matters too
      const current = state?.contacts[p.contactId]?.organisationIds ?? []
      return [
        item(undefined, contactTag(p.contactId)),
        ...current.map((id) => item(STANDING, orgTag(id))),
        ...(p.organisationIds ?? []).map((id) => item(STANDING, orgTag(id))),
        ...(p.personIds ?? []).map((id) => item(PERSON, personTag(id))),
      ]
    }
    case 'retractContact':
      return [item(undefined, contactTag(command.payload.contactId))]
    case 'takeReportSnapshot':
      return [item(undefined, reportTag(command.payload.reportId!)), { types: ['ReportSnapshotTaken'] }]
    case 'publishReport':
    case 'shareReportConfidentially':
      return [item(undefined, reportTag(command.payload.reportId))]
  }
}
