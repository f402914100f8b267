/**
 * Reading sealed free texts (rules 20 and 21): the one place a reader unseals them, so the check of
 * who may read them (and the access log) can be added here. A reader that does not unseal sees the
 * marker `{"sealed":true}` where a text is; one that unseals sees the text, or `[redacted]` once its
 * record's key is gone.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { StoreError } from '../domain/errors.js'
import { encodeStored, type NewEvent, type StoredEvent, type StoredEventJson } from '../domain/events.js'
import type { EventStore } from '../ports/event-store.js'
import type { KeyStore } from '../ports/key-store.js'
import type { FreeText } from '../domain/events/parts.js'
import { maskEvent, openText, recordKeyId, REDACTED, SEALED_MARKER, sealedRecordsOf, unsealWith } from './free-text.js'
import { mapNestedSealed } from '../domain/events/sealed-values.js'
import { getKeys } from './record-keys.js'

/** How a read shows sealed free texts. */
export interface TextReading {
  /** Unseal (the roles DOMAIN.md rule 20 allows: privacy-officer, auditor); else the marker. */
  readonly unseal: boolean
}

/**
 * Events with their sealed texts opened (`[redacted]` where the record's key is gone), for a
 * reader allowed to read them; the keys of all the events' records are read in one key-store read.
 *
 * @example
 * const plain = await unsealEvents(keys, events) // Right(events whose texts are strings again)
 */
export const unsealEvents = async <T extends StoredEvent | NewEvent>(keys: KeyStore | undefined, events: ReadonlyArray<T>): Promise<E.Either<StoreError, ReadonlyArray<T>>> => {
  const records = [...sealedRecordsOf(events)]
  if (records.length === 0) return E.right(events)
  const got = keys === undefined ? E.right(new Map<string, Uint8Array | null>()) : await getKeys(keys, records.map(recordKeyId))
  if (E.isLeft(got)) return got
  const byRecord = new Map(records.map((r) => [r, got.right.get(recordKeyId(r)) ?? null] as const))
  return E.right(unsealWith(byRecord, events))
}

/**
 * Stored events as a reader sees them, as JSON (what `log` prints): sealed texts opened
 * (`unseal`), or each replaced by `{"sealed":true}`.
 *
 * @example
 * const shown = await readTexts(keys, page, { unseal: false }) // Right([{ …, data: { subject: { sealed: true } } }])
 */
export const readTexts = async (keys: KeyStore | undefined, events: ReadonlyArray<StoredEvent>, reading: TextReading): Promise<E.Either<StoreError, ReadonlyArray<StoredEventJson>>> => {
  if (!reading.unseal) return E.right(events.map((e) => maskEvent(encodeStored(e), () => SEALED_MARKER)))
  const opened = await unsealEvents(keys, events)
  return E.isLeft(opened) ? opened : E.right(opened.right.map(encodeStored))
}

/**
 * A view of a store whose reads give events with their sealed texts opened: what the auditor's
 * view folds when it is asked to unseal (rule 20: auditor). Everything else passes through.
 *
 * @example
 * const r = await renderAt(unsealingStore(store, keys), { kind: 'audit-view' }, { format: 'md' })
 */
export const unsealingStore = (store: EventStore, keys: KeyStore | undefined): EventStore => ({
  ...store,
  read: (options) => async () => {
    const page = await store.read(options)()
    return E.isLeft(page) ? page : unsealEvents(keys, page.right)
  },
})

/**
 * One free text as a string for a reader allowed to read it: plaintext history as it is, a sealed
 * text opened with its record's key, `[redacted]` once the key is gone.
 *
 * @example
 * const reason = await openFreeText(keys, breach.reason) // 'onaangekondigd mede-panellid …'
 */
export const openFreeText = async (keys: KeyStore | undefined, text: FreeText): Promise<E.Either<StoreError, string>> => {
  if (typeof text === 'string') return E.right(text)
  const key = keys === undefined ? E.right(null) : await keys.get(recordKeyId(text.record))()
  if (E.isLeft(key)) return key
  const opened = openText(key.right, text)
  return E.right(typeof opened === 'string' ? opened : Array.isArray(opened) ? opened.join(', ') : REDACTED)
}

/**
 * A value (a proposal's payload) with each sealed text inside it shown as `{"sealed":true}`, as
 * `log` shows it without --unseal: what `proposals` prints.
 *
 * @example
 * maskSealed(proposal.payload) // { decisionId, …, rationale: { sealed: true } }
 */
export const maskSealed = (value: unknown): unknown => mapNestedSealed(value, () => SEALED_MARKER)
