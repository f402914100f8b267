/**
 * What every adapter's `open…` factory gives: the event store and the key store of one register,
 * and one `close` for both.
 */
import * as E from 'fp-ts/lib/Either.js'
import { storeError, type StoreError } from '../domain/errors.js'
import type { EventStore } from '../ports/event-store.js'
import type { KeyStore } from '../ports/key-store.js'
import type { Anchor } from './anchor.js'

/** Where an opened register keeps its last signed checkpoint outside the log (anchor.ts). */
export interface AnchorSource {
  /** The anchor's place, for messages (a file beside the register, a table in the key database). */
  readonly name: string
  /** The register, for messages. */
  readonly register: string
  /** The anchor kept, or undefined when none was kept yet. */
  readonly read: () => Promise<E.Either<StoreError, Anchor | undefined>>
}

/** An opened register: `open…(options): Promise<Either<StoreError, OpenedStores>>` in every adapter. */
export interface OpenedStores {
  readonly store: EventStore
  readonly keys: KeyStore
  /** Releases both stores (and the connection they share). */
  readonly close: () => Promise<void>
  /** Where the register's last signed checkpoint is kept outside the log, when the adapter keeps one. */
  readonly anchor?: AnchorSource
}

/**
 * The error every key store gives when a person has a key already (keys are never overwritten).
 *
 * @example
 * if (exists) return TE.left(keyExists(personId))
 */
export const keyExists = (personId: string): StoreError => storeError('io', `a key for person ${personId} exists already`)

/**
 * Pairs two opened halves into `OpenedStores`, closing the first when the second failed.
 *
 * @example
 * return bothOrNeither(store, keys) // Either<StoreError, OpenedStores>
 */
export const bothOrNeither = async (
  store: E.Either<StoreError, EventStore>,
  keys: () => Promise<E.Either<StoreError, KeyStore>>,
): Promise<E.Either<StoreError, OpenedStores>> => {
  if (E.isLeft(store)) return store
  const k = await keys()
  if (E.isLeft(k)) return (await store.right.close(), k)
  return E.right({ store: store.right, keys: k.right, close: async () => (await store.right.close(), await k.right.close()) })
}
