/**
 * The register's events, aggregated from their families (`events/<family>.ts`, each holding its
 * codecs, evolve cases, tags and business dates): the data codec of every event type, the
 * metadata every stored event carries, and the stored record as `log` prints it.
 */
import * as t from 'io-ts'
import { closed } from './codec.js'
import { contactFamily } from './events/contact.js'
import { endorsementFamily } from './events/endorsement.js'
import type { EventBehaviour } from './events/family.js'
import { keyFigureFamily } from './events/key-figure.js'
import { organisationFamily } from './events/organisation.js'
import { partnershipFamily } from './events/partnership.js'
import { recipientFamily } from './events/recipient.js'
import { redactionFamily } from './events/redaction.js'
import { reportFamily } from './events/report.js'
import { rolesFamily } from './events/roles.js'
import { proposalFamily } from './events/proposal.js'
import { settingsFamily } from './events/settings.js'
import { vettingFamily } from './events/vetting.js'
import { isSealedText } from './events/parts.js'
import { forEachNestedSealed } from './events/sealed-values.js'
import { needsTextTag, textTag } from './tags.js'
import { Actor, IsoDate, Uuid } from './values.js'
import { upcasterOf, type EventHistory, type EventVersions } from './versions.js'
import { extend } from './extend.js'

export { OrganisationRegistered, OrganisationCorrected, OrganisationRenamed } from './events/organisation.js'
export { KeyFigureRegistered, KeyFigureErased } from './events/key-figure.js'
export { ValuesEndorsed, EndorsementWithdrawn } from './events/endorsement.js'
export { VettingAdviceRecorded, FactRecorded, ExclusionDecided, ExclusionLifted } from './events/vetting.js'
export { VettingAdviceRetracted, ExclusionReviewed } from './events/vetting.js'
export { PartnershipStarted, PartnershipEnded } from './events/partnership.js'
export { ContactRecorded, ContactCorrected, ContactRetracted } from './events/contact.js'
export { BreachAcknowledged, BreachReviewed } from './events/contact.js'
export { ConsistencyLink, ReportSnapshotTaken, ReportPublished, ReportSharedConfidentially } from './events/report.js'
export { RecipientAdded, RecipientRemoved } from './events/recipient.js'
export { Ground, ReportParameters, Sealed } from './events/parts.js'
export { RegisterConfigured, SETTINGS_TAG } from './events/settings.js'
export { RoleGranted, RoleRevoked, ROLE_EVENTS } from './events/roles.js'
export { ProposalMade, ProposalConfirmed, ProposalWithdrawn, PROPOSAL_EVENTS } from './events/proposal.js'

// ---------------------------------------------------------------------------------------------
// model

/** The event families of the register; an event type belongs to exactly one. */
export const EVENT_FAMILIES = {
  organisation: organisationFamily,
  keyFigure: keyFigureFamily,
  endorsement: endorsementFamily,
  vetting: vettingFamily,
  partnership: partnershipFamily,
  contact: contactFamily,
  report: reportFamily,
  settings: settingsFamily,
  recipient: recipientFamily,
  redaction: redactionFamily,
  roles: rolesFamily,
  proposal: proposalFamily,
} as const

/** Every event's data codec, by event type. */
export const eventData = {
  ...organisationFamily.codecs,
  ...keyFigureFamily.codecs,
  ...endorsementFamily.codecs,
  ...vettingFamily.codecs,
  ...partnershipFamily.codecs,
  ...contactFamily.codecs,
  ...reportFamily.codecs,
  ...settingsFamily.codecs,
  ...recipientFamily.codecs,
  ...redactionFamily.codecs,
  ...rolesFamily.codecs,
  ...proposalFamily.codecs,
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

/** Every event type's evolve case, tags and business date, from its family. */
export const eventBehaviour: { readonly [K in EventType]: EventBehaviour<DataOf<K>> } = {
  ...organisationFamily.behaviour,
  ...keyFigureFamily.behaviour,
  ...endorsementFamily.behaviour,
  ...vettingFamily.behaviour,
  ...partnershipFamily.behaviour,
  ...contactFamily.behaviour,
  ...reportFamily.behaviour,
  ...settingsFamily.behaviour,
  ...recipientFamily.behaviour,
  ...redactionFamily.behaviour,
  ...rolesFamily.behaviour,
  ...proposalFamily.behaviour,
}

const behaviourOf = (e: DomainEvent): EventBehaviour<unknown> => eventBehaviour[e.type] as EventBehaviour<unknown>

/**
 * The schema version of an event type that has never changed shape: the version every event type
 * starts at, and the one every stored event of a register written before versions had. A type's
 * current version is `schemaVersionOf(type)`.
 */
export const SCHEMA_VERSION = 1

/**
 * The schema histories of the event types that have more than one version, from their families'
 * `versions` (rule 22). Empty while no event type has changed shape.
 */
export const eventVersions: EventVersions = Object.fromEntries(
  Object.values(EVENT_FAMILIES).flatMap((f) => Object.entries((f as { versions?: Record<string, EventHistory<unknown>> }).versions ?? {})),
)

const upcaster = upcasterOf(eventVersions)

/**
 * The schema version new events of a type are written with: its history's newest, else 1.
 *
 * @example
 * schemaVersionOf('ContactRecorded') // 1
 */
export const schemaVersionOf = (type: EventType): number => upcaster.currentVersion(type)

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
  // fourEyes: on every event of a confirmed proposal (rule 19): the proposal and its proposer beside `actor`, the confirmer;
  // dbUser: the account the store authenticated (PostgreSQL's session_user), beside the actor (issue 15)
  { idempotencyKey: t.string, commandHash: t.string, fourEyes: closed('FourEyes', { proposalId: Uuid, proposedBy: Actor }), dbUser: t.string },
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

/**
 * The tags of an event, from its data alone (its family says which).
 *
 * @example
 * tagsOf(event('ContactRetracted', { contactId, reason })) // ['contact:…']
 */
export const tagsOf = (e: DomainEvent): ReadonlyArray<string> => {
  const tags = behaviourOf(e).tags(e.data)
  // rule 21: an event that sealed a free text is found by its record's tag (for a redaction), or
  // by its contact tag when the record is the contact (tags.ts)
  let texts: string[] | undefined
  const data = e.data as Readonly<Record<string, unknown>>
  const add = (record: string): void => {
    if (needsTextTag(tags, record) && !(texts ?? []).includes(textTag(record))) (texts ??= []).push(textTag(record))
  }
  for (const k in data) {
    const v = data[k]
    if (isSealedText(v)) add(v.record)
    // a proposal's payload holds its command's texts, sealed where they sit
    else if (typeof v === 'object' && v !== null) forEachNestedSealed(v, (s) => add(s.record))
  }
  return texts === undefined ? tags : [...tags, ...texts]
}

/**
 * The business date an event is about (rule 11), or undefined when only the recording date applies.
 *
 * @example
 * businessDateOfEvent(event('ContactRecorded', { …, occurredOn: '2025-03-01' })) // '2025-03-01'
 */
export const businessDateOfEvent = (e: DomainEvent): string | undefined => behaviourOf(e).businessDate?.(e.data)

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

/**
 * A stored event as its type's current schema version reads it (rule 22): the same event when it
 * is current, else its data decoded with the codec of the version that wrote it and upcast to the
 * current one. Never hashed or stored again: its canonical entry stays the bytes it was written as.
 *
 * @example
 * const current = upcastStored(stored) // Right(stored) while its type has one version
 */
export const upcastStored = (e: StoredEvent): t.Validation<StoredEvent> => upcaster.upcast(e)

/**
 * `upcastStored` for folds, which never fail: the upcast event, or the event as stored when it
 * does not upcast (`verify` and `decodeStored` name such an entry).
 *
 * @example
 * applyToDraft(draft, readAsCurrent(stored))
 */
export const readAsCurrent = (e: StoredEvent): StoredEvent => {
  if (e.meta.schemaVersion === upcaster.currentVersion(e.type)) return e
  const r = upcaster.upcast(e)
  return r._tag === 'Right' ? r.right : e
}

/**
 * Decodes a stored record, naming the field path when it is not a valid event: its data through
 * the codec of the schema version that wrote it, upcast to the current version (rule 22).
 *
 * @example
 * decodeStored(JSON.parse(line)) // Right(StoredEvent) or Left(errors naming the path)
 */
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
  const type = env.right.type
  if (env.right.meta.schemaVersion !== schemaVersionOf(type)) return upcaster.upcast(env.right as StoredEvent)
  const codec = eventData[type] as t.Type<unknown, unknown, unknown>
  const data = codec.validate(env.right.data, [{ key: 'data', type: codec, actual: env.right.data }])
  if (data._tag === 'Left') return data
  return t.success(extend(env.right, { data: data.right }) as StoredEvent)
}
