/**
 * The KeyStore port: one AES-256 key per key figure, kept apart from the register so that
 * destroying a key erases the person's data everywhere the log is copied (rule 9).
 */
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { StoreError } from '../domain/errors.js'

export interface KeyStore {
  /** Stores a new key for a person; fails if the person has one already. */
  readonly put: (personId: string, key: Uint8Array) => TaskEither<StoreError, void>
  /** The person's key, or `null` when there is none (never made, or destroyed). */
  readonly get: (personId: string) => TaskEither<StoreError, Uint8Array | null>
  /** Destroys the person's key; destroying a missing key is not an error. */
  readonly destroy: (personId: string) => TaskEither<StoreError, void>
  /**
   * Stores several new keys in one write (record keys of a batch, rule 21); fails, storing none,
   * if any id has a key already. Optional: without it, keys are put one by one.
   */
  readonly putMany?: (entries: ReadonlyArray<readonly [string, Uint8Array]>) => TaskEither<StoreError, void>
  /** Several keys in one read (`null` for those there are none of). Optional: without it, `get` one by one. */
  readonly getMany?: (ids: ReadonlyArray<string>) => TaskEither<StoreError, ReadonlyMap<string, Uint8Array | null>>
  readonly close: () => Promise<void>
}
