/**
 * The external command format (DOMAIN.md, "The external command format"): one codec per command
 * payload and the envelope around it. These codecs are the public contract; change them only by
 * adding optional fields.
 */
import * as t from 'io-ts'
import { closed } from './codec.js'
import {
  Actor,
  AdviceOutcome,
  AdviceSource,
  ContactCategory,
  ContactForm,
  CoordinatorEndReason,
  ExclusionGround,
  FactKind,
  IsoDate,
  KvkNumber,
  Language,
  NonEmptyString,
  OrganisationKind,
  ReportFormat,
  ReportKind,
  Theme,
  Uuid,
  Year,
  nonEmptyArray,
} from './values.js'

// ---------------------------------------------------------------------------------------------
// payloads

const Themes = t.readonlyArray(Theme, 'Themes')

export const RegisterOrganisation = closed(
  'registerOrganisation',
  { name: NonEmptyString, kind: OrganisationKind },
  { organisationId: Uuid, kvkNumber: KvkNumber, municipality: NonEmptyString },
)
export const CorrectOrganisation = closed(
  'correctOrganisation',
  { organisationId: Uuid, reason: NonEmptyString },
  { name: NonEmptyString, kind: OrganisationKind, kvkNumber: KvkNumber, municipality: NonEmptyString },
)
/** Personal fields (`name`, `role`, `email`, `phone`) are sealed before anything is stored. */
export const RegisterKeyFigure = closed(
  'registerKeyFigure',
  { name: NonEmptyString },
  { personId: Uuid, organisationId: Uuid, role: NonEmptyString, email: NonEmptyString, phone: NonEmptyString },
)
export const EraseKeyFigure = closed('eraseKeyFigure', { personId: Uuid, reason: NonEmptyString })
export const EndorseValues = closed('endorseValues', {
  organisationId: Uuid,
  endorsedOn: IsoDate,
  documentRef: NonEmptyString,
})
export const WithdrawEndorsement = closed('withdrawEndorsement', {
  organisationId: Uuid,
  withdrawnOn: IsoDate,
  reason: NonEmptyString,
})
export const RecordVettingAdvice = closed(
  'recordVettingAdvice',
  { organisationId: Uuid, source: AdviceSource, advice: AdviceOutcome, receivedOn: IsoDate, reference: NonEmptyString },
  { adviceId: Uuid },
)
export const RecordFact = closed(
  'recordFact',
  { organisationId: Uuid, kind: FactKind, observedOn: IsoDate, source: NonEmptyString, reference: NonEmptyString },
  { factId: Uuid },
)
export const Ground = closed('Ground', { ground: ExclusionGround, evidenceRefs: t.readonlyArray(NonEmptyString) })
export type Ground = t.TypeOf<typeof Ground>
export const DecideExclusion = closed(
  'decideExclusion',
  { organisationId: Uuid, decidedOn: IsoDate, grounds: t.readonlyArray(Ground), rationale: NonEmptyString },
  { decisionId: Uuid, reviewBy: IsoDate },
)
export const LiftExclusion = closed('liftExclusion', {
  organisationId: Uuid,
  decisionId: Uuid,
  liftedOn: IsoDate,
  rationale: NonEmptyString,
})
export const StartPartnership = closed(
  'startPartnership',
  { organisationId: Uuid, themes: nonEmptyArray(Theme), startedOn: IsoDate },
  { partnershipId: Uuid, programme: NonEmptyString },
)
export const EndPartnership = closed('endPartnership', {
  partnershipId: Uuid,
  endedOn: IsoDate,
  reason: CoordinatorEndReason,
})
export const RecordContact = closed(
  'recordContact',
  { organisationIds: t.readonlyArray(Uuid), occurredOn: IsoDate, form: ContactForm, category: ContactCategory, themes: Themes },
  { contactId: Uuid, personIds: t.readonlyArray(Uuid), subject: NonEmptyString, officials: t.readonlyArray(NonEmptyString) },
)
/** The fields of a contact that a correction may change; shared by the command and its event. */
export const contactChanges = {
  organisationIds: t.readonlyArray(Uuid),
  personIds: t.readonlyArray(Uuid),
  occurredOn: IsoDate,
  form: ContactForm,
  category: ContactCategory,
  themes: Themes,
  subject: NonEmptyString,
}
export const CorrectContact = closed('correctContact', { contactId: Uuid, reason: NonEmptyString }, contactChanges)
export const RetractContact = closed('retractContact', { contactId: Uuid, reason: NonEmptyString })
export const TakeReportSnapshot = closed(
  'takeReportSnapshot',
  { kind: ReportKind, format: ReportFormat },
  { reportId: Uuid, year: Year, since: IsoDate, until: IsoDate, language: Language },
)
export const PublishReport = closed('publishReport', { reportId: Uuid, publishedOn: IsoDate, channel: NonEmptyString })
export const ShareReportConfidentially = closed('shareReportConfidentially', {
  reportId: Uuid,
  sharedOn: IsoDate,
  recipient: NonEmptyString,
})

/** Every command's payload codec, by command name. */
export const commandPayloads = {
  registerOrganisation: RegisterOrganisation,
  correctOrganisation: CorrectOrganisation,
  registerKeyFigure: RegisterKeyFigure,
  eraseKeyFigure: EraseKeyFigure,
  endorseValues: EndorseValues,
  withdrawEndorsement: WithdrawEndorsement,
  recordVettingAdvice: RecordVettingAdvice,
  recordFact: RecordFact,
  decideExclusion: DecideExclusion,
  liftExclusion: LiftExclusion,
  startPartnership: StartPartnership,
  endPartnership: EndPartnership,
  recordContact: RecordContact,
  correctContact: CorrectContact,
  retractContact: RetractContact,
  takeReportSnapshot: TakeReportSnapshot,
  publishReport: PublishReport,
  shareReportConfidentially: ShareReportConfidentially,
} as const

export type CommandName = keyof typeof commandPayloads
export const COMMAND_NAMES = Object.keys(commandPayloads) as ReadonlyArray<CommandName>
export const CommandNameCodec = t.keyof(
  Object.fromEntries(COMMAND_NAMES.map((n) => [n, null])) as Record<CommandName, null>,
  'CommandName',
)
export type PayloadOf<K extends CommandName> = t.TypeOf<(typeof commandPayloads)[K]>

// ---------------------------------------------------------------------------------------------
// envelope

/** The envelope around every payload; `payload` is decoded by the command's own codec. */
export const Envelope = closed(
  'Command',
  { command: CommandNameCodec, actor: Actor, payload: t.unknown },
  { idempotencyKey: NonEmptyString, correlationId: Uuid },
)

/** A decoded command: the envelope with its typed payload. */
export type Command = {
  [K in CommandName]: {
    readonly command: K
    readonly actor: Actor
    readonly idempotencyKey?: string
    readonly correlationId?: Uuid
    readonly payload: PayloadOf<K>
  }
}[CommandName]

export type CommandOf<K extends CommandName> = Extract<Command, { command: K }>
