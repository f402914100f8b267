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
  /** Writes the keys made since the last flush (one write); call before appending. */
  readonly flush: () => Promise<E.Either<StoreError, void>>
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

/**
 * The record keys of one call over a key store, with the keys of `existing` records read at once.
 *
 * @example
 * const ring = await recordKeys(keys, [contactId]) // Right(RecordKeys)
 * const sealed = sealEvent(ring.right.keyOf, event); await ring.right.flush()
 */
export const recordKeys = async (keys: KeyStore, existing: ReadonlyArray<string>): Promise<E.Either<StoreError, RecordKeys>> => {
  const ids = [...new Set(existing)]
  const fetched = await getKeys(keys, ids.map(recordKeyId))
  if (E.isLeft(fetched)) return fetched
  const known = new Map<string, Uint8Array>()
  for (const id of ids) {
    const key = fetched.right.get(recordKeyId(id))
    if (key !== null && key !== undefined) known.set(id, key)
  }
  let fresh: Array<[string, Uint8Array]> = []
  return E.right({
    keyOf: (record) => {
      const have = known.get(record)
      if (have !== undefined) return have
      const key = newRecordKey()
      known.set(record, key)
      fresh.push([recordKeyId(record), key])
      return key
    },
    flush: async () => {
      if (fresh.length === 0) return E.right(undefined)
      const writing = fresh
      fresh = []
      if (keys.putMany !== undefined) return keys.putMany(writing)()
      for (const [id, key] of writing) {
        const put = await keys.put(id, key)()
        if (E.isLeft(put)) return put
      }
      return E.right(undefined)
    },
  })
}
