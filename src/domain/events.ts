/**
 * The register's events: one io-ts codec per event type (the single source of each type), the
 * metadata every stored event carries, and the stored record as `log` prints it.
 */
import * as t from 'io-ts'
import { closed } from './codec.js'
import { Ground, contactChanges } from './commands.js'
import {
  Actor,
  AdviceOutcome,
  AdviceSource,
  ContactCategory,
  ContactForm,
  FactKind,
  IsoDate,
  KvkNumber,
  Language,
  NonEmptyString,
  OrganisationKind,
  PartnershipEndReason,
  ReportFormat,
  ReportKind,
  Theme,
  Uuid,
  Year,
} from './values.js'

// ---------------------------------------------------------------------------------------------
// model

/** Personal data sealed with AES-256-GCM under the person's own key (base64 fields). */
export const Sealed = closed('Sealed', {
  alg: t.literal('A256GCM'),
  iv: t.string,
  ciphertext: t.string,
  tag: t.string,
})
export type Sealed = t.TypeOf<typeof Sealed>

const Themes = t.readonlyArray(Theme)

export const OrganisationRegistered = closed(
  'OrganisationRegistered',
  { organisationId: Uuid, name: NonEmptyString, kind: OrganisationKind },
  { kvkNumber: KvkNumber, municipality: NonEmptyString },
)
export const OrganisationCorrected = closed(
  'OrganisationCorrected',
  { organisationId: Uuid, reason: NonEmptyString },
  { name: NonEmptyString, kind: OrganisationKind, kvkNumber: KvkNumber, municipality: NonEmptyString },
)
export const KeyFigureRegistered = closed(
  'KeyFigureRegistered',
  { personId: Uuid, personal: Sealed },
  { organisationId: Uuid },
)
export const KeyFigureErased = closed('KeyFigureErased', { personId: Uuid, reason: NonEmptyString })
export const ValuesEndorsed = closed('ValuesEndorsed', { organisationId: Uuid, endorsedOn: IsoDate, documentRef: NonEmptyString })
export const EndorsementWithdrawn = closed('EndorsementWithdrawn', {
  organisationId: Uuid,
  withdrawnOn: IsoDate,
  reason: NonEmptyString,
})
export const VettingAdviceRecorded = closed('VettingAdviceRecorded', {
  adviceId: Uuid,
  organisationId: Uuid,
  source: AdviceSource,
  advice: AdviceOutcome,
  receivedOn: IsoDate,
  reference: NonEmptyString,
})
export const FactRecorded = closed('FactRecorded', {
  factId: Uuid,
  organisationId: Uuid,
  kind: FactKind,
  observedOn: IsoDate,
  source: NonEmptyString,
  reference: NonEmptyString,
})
export const ExclusionDecided = closed(
  'ExclusionDecided',
  { decisionId: Uuid, organisationId: Uuid, decidedOn: IsoDate, grounds: t.readonlyArray(Ground), rationale: NonEmptyString },
  { reviewBy: IsoDate },
)
export const ExclusionLifted = closed('ExclusionLifted', {
  decisionId: Uuid,
  organisationId: Uuid,
  liftedOn: IsoDate,
  rationale: NonEmptyString,
})
export const PartnershipStarted = closed('PartnershipStarted', {
  partnershipId: Uuid,
  organisationId: Uuid,
  programme: NonEmptyString,
  themes: Themes,
  startedOn: IsoDate,
})
export const PartnershipEnded = closed(
  'PartnershipEnded',
  { partnershipId: Uuid, organisationId: Uuid, endedOn: IsoDate, reason: PartnershipEndReason },
  { causedBy: Uuid },
)
export const ContactRecorded = closed(
  'ContactRecorded',
  {
    contactId: Uuid,
    organisationIds: t.readonlyArray(Uuid),
    personIds: t.readonlyArray(Uuid),
    occurredOn: IsoDate,
    form: ContactForm,
    category: ContactCategory,
    themes: Themes,
    officials: t.readonlyArray(NonEmptyString),
  },
  { subject: NonEmptyString },
)
export const ContactCorrected = closed('ContactCorrected', { contactId: Uuid, reason: NonEmptyString }, contactChanges)
export const ContactRetracted = closed('ContactRetracted', { contactId: Uuid, reason: NonEmptyString })
export const ReportParameters = closed(
  'ReportParameters',
  { format: ReportFormat, language: Language },
  { year: Year, since: IsoDate, until: IsoDate },
)
export type ReportParameters = t.TypeOf<typeof ReportParameters>
export const ConsistencyLink = closed('ConsistencyLink', {
  fromReportId: Uuid,
  fromSize: t.number,
  toSize: t.number,
  proof: t.readonlyArray(t.string),
})
export const ReportSnapshotTaken = closed(
  'ReportSnapshotTaken',
  {
    reportId: Uuid,
    kind: ReportKind,
    parameters: ReportParameters,
    logSize: t.number,
    checkpoint: t.string,
    contentHash: t.string,
  },
  { consistency: ConsistencyLink },
)
export const ReportPublished = closed('ReportPublished', { reportId: Uuid, publishedOn: IsoDate, channel: NonEmptyString })
export const ReportSharedConfidentially = closed('ReportSharedConfidentially', {
  reportId: Uuid,
  sharedOn: IsoDate,
  recipient: NonEmptyString,
})

/** Every event's data codec, by event type. */
export const eventData = {
  OrganisationRegistered,
  OrganisationCorrected,
  KeyFigureRegistered,
  KeyFigureErased,
  ValuesEndorsed,
  EndorsementWithdrawn,
  VettingAdviceRecorded,
  FactRecorded,
  ExclusionDecided,
  ExclusionLifted,
  PartnershipStarted,
  PartnershipEnded,
  ContactRecorded,
  ContactCorrected,
  ContactRetracted,
  ReportSnapshotTaken,
  ReportPublished,
  ReportSharedConfidentially,
} as const

export type EventType = keyof typeof eventData
export const EVENT_TYPES = Object.keys(eventData) as ReadonlyArray<EventType>
export const EventTypeCodec = t.keyof(
  Object.fromEntries(EVENT_TYPES.map((n) => [n, null])) as Record<EventType, null>,
  'EventType',
)
export type DataOf<K extends EventType> = t.TypeOf<(typeof eventData)[K]>

/** A domain event: its type and data, before it is stored. */
export type DomainEvent = { [K in EventType]: { readonly type: K; readonly data: DataOf<K> } }[EventType]
export type EventOf<K extends EventType> = Extract<DomainEvent, { type: K }>

/** The current schema version of stored events. */
export const SCHEMA_VERSION = 1

/** What every stored event says about where it came from (rule 11). */
export const EventMeta = closed(
  'EventMeta',
  {
    actor: Actor,
    recordedAt: t.string,
    businessDate: IsoDate,
    correlationId: Uuid,
    causationId: Uuid,
    command: t.string,
    schemaVersion: t.number,
  },
  { idempotencyKey: t.string, commandHash: t.string },
)
export type EventMeta = t.TypeOf<typeof EventMeta>

/** An event as handed to the store: domain event plus its tags and metadata. */
export type NewEvent = DomainEvent & { readonly tags: ReadonlyArray<string>; readonly meta: EventMeta }

/** An event as the store holds it, at its position (its leaf index in the Merkle tree). */
export type StoredEvent = NewEvent & { readonly position: number }

// ---------------------------------------------------------------------------------------------
// constructors

/** An event of type `K`. @example event('ContactRetracted', { contactId, reason: 'duplicate' }) */
export const event = <K extends EventType>(type: K, data: DataOf<K>): EventOf<K> => ({ type, data }) as EventOf<K>

/** The JSON form of a stored event, exactly as `log` prints it and as it is hashed. */
export interface StoredEventJson {
  readonly position: number
  readonly type: string
  readonly tags: ReadonlyArray<string>
  readonly data: unknown
  readonly meta: unknown
}

/**
 * Encodes a stored event to the plain JSON record that `log` prints and the audit log hashes.
 *
 * @example
 * JSON.stringify(encodeStored(stored)) // '{"position":0,"type":"OrganisationRegistered",...}'
 */
export const encodeStored = (e: StoredEvent): StoredEventJson => ({
  position: e.position,
  type: e.type,
  tags: [...e.tags],
  data: (eventData[e.type] as t.Type<unknown, unknown, unknown>).encode(e.data),
  meta: EventMeta.encode(e.meta),
})

/** Decodes a stored record, naming the field path when it is not a valid event. */
export const decodeStored = (u: unknown): t.Validation<StoredEvent> => {
  const Envelope = closed('StoredEvent', {
    position: t.number,
    type: EventTypeCodec,
    tags: t.readonlyArray(t.string),
    data: t.unknown,
    meta: EventMeta,
  })
  const env = Envelope.decode(u)
  if (env._tag === 'Left') return env
  const codec = eventData[env.right.type] as t.Type<unknown, unknown, unknown>
  const data = codec.validate(env.right.data, [{ key: 'data', type: codec, actual: env.right.data }])
  if (data._tag === 'Left') return data
  return t.success({ ...env.right, data: data.right } as StoredEvent)
}
