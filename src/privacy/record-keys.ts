/**
 * The record keys of one call (rule 21): fetched from the key store in one read before deciding,
 * made in memory while deciding (a new record's key), and written in one key-store write before
 * the events are appended, so no event is ever stored without its key and no record costs a round
 * trip of its own.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { StoreError } from '../domain/errors.js'
import type { KeyStore } from '../ports/key-store.js'
import { newRecordKey, recordKeyId, type KeyOf } from './free-text.js'

/** The record keys of one call. */
export interface RecordKeys {
  /** The key of a record: fetched, or made now (and written by `flush`). */
  readonly keyOf: KeyOf
  /** The key of a record if it was fetched or made (never makes one): for opening, not sealing. */
  readonly known: (record: string) => Uint8Array | undefined
  /** Whether keys were made since the last flush. */
  readonly pending: () => boolean
  /** Reads the keys of these records that are not known yet, in one key-store read. */
  readonly fetch: (records: ReadonlyArray<string>) => Promise<E.Either<StoreError, void>>
  /**
   * Writes the keys made since the last flush (one write); call before appending. `again` when a
   * record had a key already (one the decision's read did not show, or another writer's): that key
   * is now known, and the events must be sealed again before they are appended.
   */
  readonly flush: () => Promise<E.Either<StoreError, 'written' | 'again'>>
}

/**
 * Reads several keys in one round trip where the store can.
 *
 * @example
 * const keys = await getKeys(store, ['text:0190…'])
 */
export const getKeys = async (keys: KeyStore, ids: ReadonlyArray<string>): Promise<E.Either<StoreError, ReadonlyMap<string, Uint8Array | null>>> => {
  if (ids.length === 0) return E.right(new Map())
  if (keys.getMany !== undefined) return keys.getMany(ids)()
  const out = new Map<string, Uint8Array | null>()
  for (const id of ids) {
    const got = await keys.get(id)()
    if (E.isLeft(got)) return got
    out.set(id, got.right)
  }
  return E.right(out)
}

const TEXT_PREFIX = recordKeyId('')

/** Puts keys one by one (a store without putMany); the first failure is the answer. */
const putEach = async (keys: KeyStore, entries: ReadonlyArray<readonly [string, Uint8Array]>): Promise<E.Either<StoreError, void>> => {
  for (const [id, key] of entries) {
    const put = await keys.put(id, key)()
    if (E.isLeft(put)) return put
  }
  return E.right(undefined)
}

/**
 * The record keys of one call over a key store: `fetch` the keys of records that have sealed texts
 * already (the decision's read says which), then seal with `keyOf` and `flush` before appending.
 *
 * @example
 * const ring = recordKeys(keys)
 * await ring.fetch([contactId])
 * const sealed = sealEvent(ring.keyOf, event); await ring.flush()
 */
export const recordKeys = (keys: KeyStore): RecordKeys => {
  const known = new Map<string, Uint8Array>()
  let fresh: Array<[string, Uint8Array]> = []
  return {
    known: (record) => known.get(record),
    pending: () => fresh.length > 0,
    fetch: async (records) => {
      const ids = [...new Set(records)].filter((id) => !known.has(id))
      if (ids.length === 0) return E.right(undefined)
      const fetched = await getKeys(keys, ids.map(recordKeyId))
      if (E.isLeft(fetched)) return fetched
      for (const id of ids) {
        const key = fetched.right.get(recordKeyId(id))
        if (key !== null && key !== undefined) known.set(id, key)
      }
      return E.right(undefined)
    },
    keyOf: (record) => {
      const have = known.get(record)
      if (have !== undefined) return have
      const key = newRecordKey()
      known.set(record, key)
      fresh.push([recordKeyId(record), key])
      return key
    },
    flush: async () => {
      if (fresh.length === 0) return E.right('written')
      const writing = fresh
      fresh = []
      const put = keys.putMany !== undefined ? await keys.putMany(writing)() : await putEach(keys, writing)
      if (E.isRight(put)) return E.right('written')
      // some record had a key already: use the stored keys (all of this write's records are read again)
      const stored = await getKeys(keys, writing.map(([id]) => id))
      if (E.isLeft(stored)) return stored
      const taken = writing.filter(([id]) => stored.right.get(id) != null)
      if (taken.length === 0) return put
      for (const [id] of writing) {
        const record = id.slice(TEXT_PREFIX.length)
        const have = stored.right.get(id)
        if (have != null) known.set(record, have)
        else known.delete(record)
      }
      return E.right('again')
    },
  }
}
