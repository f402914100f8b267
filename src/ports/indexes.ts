/**
 * The derived data a store keeps beside its canonical entries (the tag index, the type and
 * idempotency-key columns, the checkpoints a snapshot names), as verification reads it to
 * recompute and compare, and as a repair rebuilds it. Decisions read through these indexes, so a
 * row deleted or altered by hand could hide an exclusion from a decision: `verify` names it, and
 * `rebuild` puts back what the entries say.
 */
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { StoreError } from '../domain/errors.js'

/** One tag row of an index: which table holds it, the tag and the event type stored with it. */
export interface IndexedTag {
  readonly table: string
  readonly tag: string
  readonly type: string
}

/** What the derived data holds for the event at one position. */
export interface IndexedRow {
  readonly position: number
  /** The event type column (the type index), as stored. */
  readonly type: string
  /** The idempotency-key column (what a replay looks up), as stored. */
  readonly idempotencyKey: string | null
  /** Every tag row stored for this position, in every tag table. */
  readonly tags: ReadonlyArray<IndexedTag>
}

/** A derived row that names no event of the log, or a tree node beyond the log's tree. */
export interface StrayRow {
  readonly table: string
  readonly position: number
  readonly detail: string
}

/** What a rebuild changed, per table (rows written again, removed or added). */
export type RebuildCounts = Readonly<Record<string, number>>

/** The derived data of a store, for verification and repair. */
export interface DerivedIndexes {
  /** The tables (or columns) that hold a row per tag of an event, as `IndexedTag.table` names them. */
  readonly tagTables: ReadonlyArray<string>
  /** The derived rows of the events at positions `from` … `from + limit - 1`, in position order. */
  readonly rows: (range: { readonly from: number; readonly limit: number }) => TaskEither<StoreError, ReadonlyArray<IndexedRow>>
  /** Derived rows (tags, tree nodes) at a position the log of `size` entries does not have; at most a few. */
  readonly strays: (size: number) => TaskEither<StoreError, ReadonlyArray<StrayRow>>
  /**
   * Rebuilds the tag index, the type and idempotency-key columns from the canonical entries, and
   * stores again every checkpoint a report snapshot records (when missing), in one write
   * transaction serialised with appends. Tree nodes are not rebuilt: they are what proves the
   * entries were not rewritten.
   */
  readonly rebuild: () => TaskEither<StoreError, RebuildCounts>
}
