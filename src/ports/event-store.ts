/**
 * The EventStore port: one global, gapless, append-only sequence of tagged events, each with its
 * Merkle leaf, kept with the tree's nodes in the same atomic append. Adapters implement it;
 * `contact-ledger/testing/vitest` exports the conformance suite every adapter must pass.
 */
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { NewEvent, StoredEvent } from '../domain/events.js'
import type { Conflict, StoreError } from '../domain/errors.js'
import type { AppendCondition, Query } from './query.js'
import type { DerivedIndexes } from './indexes.js'
import type { NodeId } from './tree-node.js'

/** Options of an append. */
export interface AppendOptions {
  /** Fail with `Conflict` if an event matching the condition's query lies after its position. */
  readonly condition?: AppendCondition
}

/** Options of a read; positions are 0-based, `to` is exclusive. */
export interface ReadOptions {
  readonly query?: Query
  readonly from?: number
  readonly to?: number
  readonly limit?: number
}

/** An entry as stored: its position, its type and its canonical text (the bytes its leaf hashes). */
export interface StoredEntry {
  readonly position: number
  readonly type: string
  readonly entry: string
  /** The idempotency-key column as stored, where the store reads it with the entry (for `verifyIndexes`). */
  readonly idempotencyKey?: string | null
}

/** A checkpoint the register signed, as stored. */
export interface StoredCheckpoint {
  readonly treeSize: number
  readonly note: string
}

/**
 * The storage port. Every method returns a `TaskEither`; drivers' exceptions are caught inside
 * the adapter and returned as `StoreError`.
 */
export interface EventStore {
  /**
   * Optional: the account the store authenticated (PostgreSQL's `session_user`): the ledger records
   * it as `meta.dbUser` on every event it appends, so an auditor sees which database account wrote what.
   */
  readonly sessionUser?: string
  /**
   * Appends a batch atomically at the next positions, with its leaves and tree nodes. Fails with
   * `Conflict` when the condition fails, or when an idempotency key in the batch's metadata is
   * already stored by an earlier append.
   */
  readonly append: (
    events: ReadonlyArray<NewEvent>,
    options?: AppendOptions,
  ) => TaskEither<StoreError | Conflict, ReadonlyArray<StoredEvent>>
  /** Events in position order, filtered by query and position range. */
  readonly read: (options?: ReadOptions) => TaskEither<StoreError, ReadonlyArray<StoredEvent>>
  /** The number of events stored (the next position). */
  readonly size: () => TaskEither<StoreError, number>
  /** The events appended by the command with this idempotency key, or none. */
  readonly readByIdempotencyKey: (key: string) => TaskEither<StoreError, ReadonlyArray<StoredEvent>>
  /** Stored Merkle nodes (level 0 = leaf hashes); `undefined` where one is missing. */
  readonly nodes: (ids: ReadonlyArray<NodeId>) => TaskEither<StoreError, ReadonlyArray<Uint8Array | undefined>>
  /** Stores a signed checkpoint. */
  readonly putCheckpoint: (checkpoint: StoredCheckpoint) => TaskEither<StoreError, void>
  /**
   * Every stored checkpoint, by tree size: its note as signed, followed by the witnesses'
   * cosignature lines stored for it (`addCosignatures`), in the order they were stored.
   */
  readonly checkpoints: () => TaskEither<StoreError, ReadonlyArray<StoredCheckpoint>>
  /**
   * Stores witnesses' cosignature lines (`— name base64`) of the stored checkpoint at `treeSize`,
   * as records of their own: a stored checkpoint is never replaced, and a stored line never
   * changed or removed. Returns the lines newly stored, in the order given (none when the store
   * holds no checkpoint at that size, or holds every line already). A line that is not one
   * signature line is a StoreError, and nothing is stored.
   */
  readonly addCosignatures: (treeSize: number, lines: ReadonlyArray<string>) => TaskEither<StoreError, ReadonlyArray<string>>
  /**
   * Optional: entries in position order as stored, without parsing them, so that `verify` hashes
   * the very bytes the store holds instead of encoding each event again. Adapters that keep the
   * canonical text provide it; without it, verification encodes the parsed events.
   */
  readonly entries?: (options: { readonly from: number; readonly limit: number }) => TaskEither<StoreError, ReadonlyArray<StoredEntry>>
  /**
   * Optional: the store's derived data (tag index, type and idempotency-key columns), for
   * `verifyIndexes` to recompute from the entries and compare, and for a repair to rebuild.
   */
  readonly indexes?: DerivedIndexes
  /** Releases the store's resources. */
  readonly close: () => Promise<void>
}
