/**
 * Free texts sealed per record (rules 10 and 21): which fields of which events are free text that
 * may name people, which record's key seals them, and sealing, opening and masking them. The
 * record's key lives in the key store under `text:<record id>` (apart from persons' keys), and the
 * record id is bound in as associated data, so a sealed text cannot be moved to another record.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { NewEvent, StoredEvent } from '../domain/events.js'
import { needsTextTag, textTag } from '../domain/tags.js'
import { isSealedText, type SealedText } from '../domain/events/parts.js'
import { forEachNestedSealed, mapNestedSealed } from '../domain/events/sealed-values.js'
import type { RegisterState } from '../domain/state.js'

// ---------------------------------------------------------------------------------------------
// model

/** Where an event's free texts are, and whose record they belong to. */
interface TextFields {
  readonly fields: ReadonlyArray<string>
  /** The record id from the event's data, or `causation` for events without a record of their own. */
  readonly record: string | 'causation'
  /** Fields holding an object, or a list of objects, whose named fields are free text (a registration's `distinctFrom[].reason`). */
  readonly nested?: Readonly<Record<string, ReadonlyArray<string>>>
}

/**
 * Every event type with free text, its fields and its record. Events without their own record
 * (an erasure, a redaction) seal under their causation id, which the log shows with the event.
 */
export const FREE_TEXT_FIELDS: Readonly<Record<string, TextFields>> = {
  ContactRecorded: { fields: ['subject', 'officials'], record: 'contactId' },
  ContactCorrected: { fields: ['reason', 'subject'], record: 'contactId' },
  ContactRetracted: { fields: ['reason'], record: 'contactId' },
  BreachAcknowledged: { fields: ['reason'], record: 'contactId' },
  BreachReviewed: { fields: ['note'], record: 'contactId' },
  ExclusionDecided: { fields: ['rationale'], record: 'decisionId' },
  ExclusionLifted: { fields: ['rationale'], record: 'decisionId' },
  ExclusionReviewed: { fields: ['rationale'], record: 'decisionId' },
  VettingAdviceRetracted: { fields: ['reason'], record: 'adviceId' },
  EndorsementWithdrawn: { fields: ['reason'], record: 'organisationId' },
  OrganisationCorrected: { fields: ['reason'], record: 'organisationId' },
  OrganisationRenamed: { fields: ['reason'], record: 'organisationId' },
  RecipientAdded: { fields: ['reason'], record: 'recipientId' },
  RecipientRemoved: { fields: ['reason'], record: 'recipientId' },
  KeyFigureErased: { fields: ['reason'], record: 'causation' },
  RecordRedacted: { fields: ['reason'], record: 'causation' },
  // rule 23: why a name-alike is another organisation may name its board or its imam
  OrganisationRegistered: { fields: [], record: 'organisationId', nested: { distinctFrom: ['reason'] } },
  // rule 18: a grant's or revocation's reason may name the person replaced, or a case; a grant has no record id of its own
  RoleGranted: { fields: ['reason'], record: 'causation' },
  RoleRevoked: { fields: ['reason'], record: 'causation' },
  // rule 19: a withdrawal's reason is the proposal's own record (ProposalMade's payload: proposal-texts.ts)
  ProposalWithdrawn: { fields: ['reason'], record: 'proposalId' },
}

/** The payload fields that name an existing record whose key a command may seal under. */
const RECORD_FIELDS = ['contactId', 'decisionId', 'adviceId', 'organisationId', 'recipientId'] as const

/** The marker a reader that does not unseal sees in place of a sealed text. */
export const SEALED_MARKER = { sealed: true } as const
/** What an unsealing reader sees once the record's key is gone. */
export const REDACTED = '[redacted]'

/** Gives the key of a record (synchronously: the keys were fetched, or are made, beforehand). */
export type KeyOf = (record: string) => Uint8Array

// ---------------------------------------------------------------------------------------------
// utils

/**
 * The key-store id of a record's key: apart from persons' keys, so no record id chosen by a
 * client can reach a person's key.
 *
 * @example
 * recordKeyId(contactId) // 'text:0190…'
 */
export const recordKeyId = (record: string): string => `text:${record}`

/**
 * Whether an event has free text that sealing would cover.
 *
 * @example
 * hasFreeText(event('ContactRetracted', { contactId, reason: 'dubbel' })) // true
 */
export const hasFreeText = (e: { readonly type: string; readonly data: unknown }): boolean => {
  const spec = FREE_TEXT_FIELDS[e.type]
  if (spec === undefined) return false
  const data = e.data as Readonly<Record<string, unknown>>
  return spec.fields.some((f) => isPlainText(data[f])) || (spec.nested !== undefined && hasPlainNested(data, spec.nested))
}

const isPlainText = (v: unknown): boolean => typeof v === 'string' || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string'))

const isObject = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** One object with its plaintext `fields` replaced by `seal(value)`; the same object when none is plaintext. */
const sealFields = (o: Readonly<Record<string, unknown>>, fields: ReadonlyArray<string>, seal: (v: unknown) => unknown): Readonly<Record<string, unknown>> => {
  let out: Record<string, unknown> | undefined
  for (const f of fields) if (isPlainText(o[f])) (out ??= { ...o })[f] = seal(o[f])
  return out ?? o
}

/**
 * A value with the plaintext free texts inside its nested fields (an object, or a list of
 * objects, per field) replaced by `seal(value)`; the same value when none is plaintext.
 *
 * @example
 * sealNested(registration, { distinctFrom: ['reason'] }, (v) => sealText(key, id, v)).distinctFrom[0].reason // SealedText
 */
export const sealNested = (
  data: Readonly<Record<string, unknown>>,
  nested: Readonly<Record<string, ReadonlyArray<string>>>,
  seal: (v: unknown) => unknown,
): Readonly<Record<string, unknown>> => {
  let out = data
  for (const field in nested) {
    const inner = nested[field]!
    const v = out[field]
    if (Array.isArray(v)) {
      let list: unknown[] | undefined
      v.forEach((x, i) => {
        const sealed = isObject(x) ? sealFields(x, inner, seal) : x
        if (sealed !== x) (list ??= [...v])[i] = sealed
      })
      if (list !== undefined) out = { ...out, [field]: list }
    } else if (isObject(v)) {
      const sealed = sealFields(v, inner, seal)
      if (sealed !== v) out = { ...out, [field]: sealed }
    }
  }
  return out
}

/** Whether a nested field holds a plaintext free text (without copying anything). */
const hasPlainNested = (data: Readonly<Record<string, unknown>>, nested: Readonly<Record<string, ReadonlyArray<string>>>): boolean => {
  for (const field in nested) {
    const v = data[field]
    const inner = nested[field]!
    const items = Array.isArray(v) ? v : [v]
    if (items.some((x) => isObject(x) && inner.some((f) => isPlainText(x[f])))) return true
  }
  return false
}

/**
 * The records a command names (its record id fields) that hold sealed texts already, by the state
 * its decision reads: the keys to fetch before sealing under them (a new record has none).
 *
 * @example
 * sealedRecordsOfCommand({ contactId, … }, state) // [contactId] when the contact has sealed texts
 */
export const sealedRecordsOfCommand = (payload: unknown, state: Pick<RegisterState, 'sealedTexts'>): ReadonlyArray<string> => {
  const sealed = state.sealedTexts
  if (sealed === undefined) return []
  const p = payload as Readonly<Record<string, unknown>>
  return RECORD_FIELDS.flatMap((f) => {
    const id = typeof p[f] === 'string' ? (p[f] as string).toLowerCase() : undefined
    return id !== undefined && sealed[id] !== undefined ? [id] : []
  })
}

// ---------------------------------------------------------------------------------------------
// sealing

/**
 * GCM nonces: a random 96-bit base per process plus a counter, so no two texts this process seals
 * share one (under any key) and texts sealed by other processes collide with negligible chance,
 * as with random nonces; without a call to the random source per text (on the append path).
 */
const IV_BASE = randomBytes(12)
const IV_LOW = IV_BASE.readUInt32BE(8)
let ivCounter = 0
const nextIv = (): Buffer => {
  const iv = Buffer.from(IV_BASE)
  ivCounter++
  const low = IV_LOW + (ivCounter % 0x1_0000_0000)
  iv.writeUInt32BE(low >>> 0, 8)
  // the middle word counts the low word's wraps (and its carry), so no nonce repeats in a process
  iv.writeUInt32BE((iv.readUInt32BE(4) + Math.floor(ivCounter / 0x1_0000_0000) + (low > 0xffff_ffff ? 1 : 0)) >>> 0, 4)
  return iv
}

/** Fresh 256-bit keys, drawn from the random source 64 at a time (a key per new record is on the append path). */
let keyPool = Buffer.alloc(0)
/**
 * A fresh random 256-bit record key.
 *
 * @example
 * const key = newRecordKey()
 */
export const newRecordKey = (): Buffer => {
  if (keyPool.length < 32) keyPool = randomBytes(32 * 64)
  const key = Buffer.from(keyPool.subarray(0, 32))
  keyPool.fill(0, 0, 32)
  keyPool = keyPool.subarray(32)
  return key
}

/** The associated data of a record (the last one kept: an event's texts share their record). */
let lastAad: { readonly record: string; readonly bytes: Buffer } | undefined
const aadOf = (record: string): Buffer => {
  if (lastAad?.record !== record) lastAad = { record, bytes: Buffer.from(record, 'utf8') }
  return lastAad.bytes
}

/**
 * Seals one text (any JSON value) under a record's key, with the record id as associated data.
 *
 * @example
 * const sealed = sealText(key, contactId, 'Gesprek over taalcoaches')
 */
export const sealText = (key: Uint8Array, record: string, value: unknown): SealedText => {
  const iv = nextIv()
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(aadOf(record))
  // GCM is a stream mode: `final` gives no bytes, so the update's output is the whole ciphertext (no concat copy)
  const ciphertext = cipher.update(JSON.stringify(value), 'utf8').toString('base64')
  cipher.final()
  return { sealed: 'A256GCM', record, iv: iv.toString('base64'), ciphertext, tag: cipher.getAuthTag().toString('base64') }
}

/**
 * Opens a sealed text; `undefined` when the key is gone (redacted) or does not fit.
 *
 * @example
 * openText(key, sealed) // 'Gesprek over taalcoaches'
 */
export const openText = (key: Uint8Array | null | undefined, sealed: SealedText): unknown => {
  if (key === null || key === undefined) return undefined
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'))
    decipher.setAAD(Buffer.from(sealed.record, 'utf8'))
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'))
    return JSON.parse(Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8')) as unknown
  } catch {
    return undefined
  }
}

/**
 * An event with its free texts sealed under its record's key, and its tags recomputed (a sealed
 * text adds its record's tag); the same event when it has no free text.
 *
 * @example
 * const sealed = sealEvent(keyOf, stampedContactRecorded) // subject and officials now SealedText
 */
export const sealEvent = <E extends NewEvent>(keyOf: KeyOf, e: E): E => {
  const spec = FREE_TEXT_FIELDS[e.type]
  if (spec === undefined) return e
  const data = e.data as Readonly<Record<string, unknown>>
  const nested = spec.nested
  if (!spec.fields.some((f) => isPlainText(data[f])) && (nested === undefined || !hasPlainNested(data, nested))) return e
  const record = (spec.record === 'causation' ? e.meta.causationId : (data[spec.record] as string)).toLowerCase()
  const key = keyOf(record)
  let sealed: Record<string, unknown> = { ...data }
  for (const f of spec.fields) if (isPlainText(data[f])) sealed[f] = sealText(key, record, data[f])
  if (nested !== undefined) sealed = sealNested(sealed, nested, (v) => sealText(key, record, v)) as Record<string, unknown>
  // the event's tags are its stamped ones (from ids, never from a text) and its record's text tag
  // where its contact tag does not find it, as `tagsOf` gives them for the sealed event: added here
  // without recomputing the others
  return { ...e, data: sealed, tags: needsTextTag(e.tags, record) ? [...e.tags, textTag(record)] : e.tags }
}

/** The records whose keys an event's sealed texts need. */
const recordsIn = (e: { readonly data: unknown }, into: Set<string>): void => {
  const data = e.data as Readonly<Record<string, unknown>>
  for (const k in data) {
    const v = data[k]
    if (isSealedText(v)) into.add(v.record)
    else if (typeof v === 'object' && v !== null) forEachNestedSealed(v, (n) => into.add(n.record))
  }
}

/**
 * The records whose sealed texts these events hold.
 *
 * @example
 * sealedRecordsOf(events) // Set { contactId, decisionId }
 */
export const sealedRecordsOf = (events: ReadonlyArray<{ readonly data: unknown }>): Set<string> => {
  const records = new Set<string>()
  for (const e of events) recordsIn(e, records)
  return records
}

/**
 * An event with each sealed text replaced: by `open(sealed)` (a reader that unseals: the text, or
 * `[redacted]`), or by the marker `{"sealed":true}` (a reader that does not).
 *
 * @example
 * maskEvent(e, () => SEALED_MARKER) // what `log` prints without --unseal
 */
export const maskEvent = <E extends { readonly data: unknown }>(e: E, replace: (sealed: SealedText, field: string) => unknown): E => {
  const data = e.data as Readonly<Record<string, unknown>>
  let out: Record<string, unknown> | undefined
  for (const k in data) {
    const v = data[k]
    if (!isSealedText(v)) {
      // a proposal's payload: its texts are sealed where they sit
      const nested = typeof v === 'object' && v !== null ? mapNestedSealed(v, replace, k) : v
      if (nested !== v) (out ??= { ...data })[k] = nested
      continue
    }
    out ??= { ...data }
    out[k] = replace(v, k)
  }
  return out === undefined ? e : { ...e, data: out }
}

/**
 * Events with their sealed texts opened with the given keys (`[redacted]` where a key is gone).
 *
 * @example
 * const plain = unsealWith(keys, events) // keys: Map of record id → key (or null)
 */
export const unsealWith = <E extends StoredEvent | NewEvent>(keys: ReadonlyMap<string, Uint8Array | null>, events: ReadonlyArray<E>): ReadonlyArray<E> =>
  events.map((e) => maskEvent(e, (s, field) => openText(keys.get(s.record), s) ?? (field === 'officials' ? [REDACTED] : REDACTED)))
