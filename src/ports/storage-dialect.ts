/**
 * The storage dialect: the narrow port an adapter implements (in the spirit of kysely's `Dialect`
 * and Go tlog's `HashReader`). The append protocol (idempotency, the DCB condition, the Merkle
 * frontier and nodes) lives once in `src/store/` on top of it; a dialect only answers questions
 * inside a serialised write transaction, writes the rows it is handed, and reads.
 *
 * Every method returns a `TaskEither`; a dialect whose driver is synchronous may return an
 * already-resolved one. Drivers' exceptions are caught inside the dialect and returned as
 * `StoreError`.
 */
import type { Either } from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { StoreError } from '../domain/errors.js'
import type { StoredEvent } from '../domain/events.js'
import type { StoredCheckpoint, StoredEntry } from './event-store.js'
import type { DerivedIndexes } from './indexes.js'
import type { NodeId, TreeNode } from './tree-node.js'

// ---------------------------------------------------------------------------------------------
// selections: a query, grouped once by the core, compiled by each dialect

/**
 * One group of a selection; an event is selected when any group holds it.
 * - `AnyTag`: events with any one of `tags` (and of one of `types`, when given): the single-tag
 *   items of a query that ask the same types, asked together (`tag IN (…)`).
 * - `AllTags`: events with every one of `tags` (of one of `types`, when given): the intersection.
 * - `Types`: events of one of `types`, whatever their tags.
 */
export type TagGroup =
  | { readonly _tag: 'AnyTag'; readonly tags: ReadonlyArray<string>; readonly types?: ReadonlyArray<string> }
  | { readonly _tag: 'AllTags'; readonly tags: ReadonlyArray<string>; readonly types?: ReadonlyArray<string> }
  | { readonly _tag: 'Types'; readonly types: ReadonlyArray<string> }

/** Which events a query selects: `'all'` of them, or those any group holds (none when empty). */
export type Selection = 'all' | ReadonlyArray<TagGroup>

// ---------------------------------------------------------------------------------------------
// the write transaction

/** What the core asks at the start of an append, answered together (one round trip on a server). */
export interface Inspection {
  /** Idempotency keys of the batch: is any of them stored already? */
  readonly keys: ReadonlyArray<string>
  /** Does any event of `selection` lie at a position after `after`? (Absent: not asked.) */
  readonly condition?: { readonly selection: Selection; readonly after: number }
}

/** The answers to an `Inspection`. */
export interface Inspected {
  /** The number of events stored: the position the batch starts at. */
  readonly size: number
  readonly keySeen: boolean
  /** Whether an event of the condition's selection lies after its position (false when not asked). */
  readonly matched: boolean
}

/** One event ready to be written: the event at its position and its canonical text (what its leaf hashes). */
export interface PreparedRow {
  readonly event: StoredEvent
  readonly entry: string
}

/** What one append writes: its rows, in position order, and the Merkle nodes they complete. */
export interface WriteSet {
  readonly rows: ReadonlyArray<PreparedRow>
  readonly nodes: ReadonlyArray<TreeNode>
}

/** The questions a dialect answers inside its write transaction, against what it holds. */
export interface WriteTransaction {
  readonly inspect: (question: Inspection) => TaskEither<StoreError, Inspected>
  /** Stored nodes by id (the frontier); `undefined` where one is missing. */
  readonly nodes: (ids: ReadonlyArray<NodeId>) => TaskEither<StoreError, ReadonlyArray<Uint8Array | undefined>>
}

/** A `WriteTransaction` whose answers come at once (a dialect over memory or a synchronous driver). */
export interface SyncWriteTransaction {
  readonly inspect: (question: Inspection) => Either<StoreError, Inspected>
  readonly nodes: (ids: ReadonlyArray<NodeId>) => Either<StoreError, ReadonlyArray<Uint8Array | undefined>>
}

/**
 * A batch the core placed against the frontier it keeps (its own last append's), for a dialect
 * that can check and write in one step (`StorageDialect.appendPlaced`).
 */
export interface PlacedAppend {
  /** The size the batch was placed at: it is written only when the register holds exactly this many events. */
  readonly size: number
  readonly inspection: Inspection
  readonly write: WriteSet
}

/**
 * What a one-step append did: `Written`; `Refused` (a key seen or the condition matched, as
 * `inspect` answers; nothing written); `Moved` (the register holds `size` events, not the size
 * the batch was placed at; nothing written; `frontier` holds the stored nodes of `frontierIds(size)`
 * that exist, read under the same lock); `Unavailable` (the dialect cannot here: the core runs
 * `transact` instead).
 */
export type PlacedOutcome =
  | { readonly _tag: 'Written' }
  | { readonly _tag: 'Refused'; readonly inspected: Inspected }
  | { readonly _tag: 'Moved'; readonly size: number; readonly frontier: ReadonlyArray<TreeNode> }
  | { readonly _tag: 'Unavailable' }

// ---------------------------------------------------------------------------------------------
// the dialect

/** A read by selection and position range (0-based, `to` exclusive). */
export interface ReadRequest {
  readonly selection: Selection
  readonly from: number
  readonly to?: number
  readonly limit?: number
}

/**
 * The storage port of an adapter. `transact` opens a write transaction serialised against every
 * other writer of the register (BEGIN IMMEDIATE, an advisory lock, one thread), runs `plan` in
 * it, and then either writes the `WriteSet` the plan returns and commits, in one step with no
 * reader of the register seeing the rows before the commit, or rolls back when the plan fails.
 */
export interface StorageDialect {
  readonly transact: <E>(plan: (tx: WriteTransaction) => TaskEither<StoreError | E, WriteSet>) => TaskEither<StoreError | E, void>
  /**
   * Optional: `transact` for a dialect whose every step is synchronous, with the same meaning.
   * The core then runs an append in one synchronous step (no promise hop between the questions,
   * the plan and the write) and still one at a time, in the order appends were started. A
   * wrapper that replaces `transact` must drop this too.
   */
  readonly transactSync?: <E>(plan: (tx: SyncWriteTransaction) => Either<StoreError | E, WriteSet>) => Either<StoreError | E, void>
  /**
   * True when concurrent `transact` calls each get their own connection and the dialect
   * serialises them itself (PostgreSQL's advisory lock); otherwise the core runs one write
   * transaction at a time per store (one SQLite connection, one in-memory log).
   */
  readonly parallelTransactions?: boolean
  /**
   * Optional: the whole append in one step (one round trip on a server), serialised like
   * `transact`: answer the inspection, check that the register still holds `size` events, and
   * write the rows, atomically. The core uses it when it keeps the frontier of its own last
   * append; a wrapper that replaces `transact` must drop this too.
   */
  readonly appendPlaced?: (request: PlacedAppend) => TaskEither<StoreError, PlacedOutcome>
  /**
   * Optional: the account the store itself authenticated (PostgreSQL's `session_user`), read once
   * when the store is opened; recorded beside the actor on every event appended through it.
   */
  readonly sessionUser?: string
  readonly size: () => TaskEither<StoreError, number>
  /** Events of a selection in a position range, in position order. */
  readonly read: (request: ReadRequest) => TaskEither<StoreError, ReadonlyArray<StoredEvent>>
  /** The events appended with this idempotency key, in position order. */
  readonly readByIdempotencyKey: (key: string) => TaskEither<StoreError, ReadonlyArray<StoredEvent>>
  /** Entries as stored (canonical text), from a position. */
  readonly entries: (range: { readonly from: number; readonly limit: number }) => TaskEither<StoreError, ReadonlyArray<StoredEntry>>
  /** Stored nodes by id, outside any transaction; `undefined` where one is missing. */
  readonly nodes: (ids: ReadonlyArray<NodeId>) => TaskEither<StoreError, ReadonlyArray<Uint8Array | undefined>>
  readonly putCheckpoint: (checkpoint: StoredCheckpoint) => TaskEither<StoreError, void>
  /** Every stored checkpoint by tree size, its stored cosignature lines appended to its note. */
  readonly checkpoints: () => TaskEither<StoreError, ReadonlyArray<StoredCheckpoint>>
  /**
   * Inserts cosignature lines (already checked by the core: one signature line each, no
   * duplicates) of the checkpoint at `treeSize`, in one transaction, skipping those stored and
   * all of them when no checkpoint of that size is stored; returns the lines it inserted.
   */
  readonly addCosignatures: (treeSize: number, lines: ReadonlyArray<string>) => TaskEither<StoreError, ReadonlyArray<string>>
  /** Optional: the derived data, for verification to compare and a repair to rebuild (`EventStore.indexes`). */
  readonly indexes?: DerivedIndexes
  readonly close: () => Promise<void>
}
