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

/** A tag row the entries say the tag table must hold. */
export interface WantedTag {
  readonly position: number
  readonly tag: string
  readonly type: string
}

/**
 * The derived data of a store, for verification and repair. Verification reads it in one pass:
 * the per-event columns page by page beside the entries, the keyed tag table by lookups of the
 * rows the entries want plus one count (a table holding every wanted row and no more rows than
 * wanted holds no other row), so its cost grows linearly with the register.
 */
export interface DerivedIndexes {
  /** The tables (or columns) that hold a row per tag of an event, as `IndexedTag.table` names them. */
  readonly tagTables: ReadonlyArray<string>
  /** The keyed tag table among `tagTables` (one row per tag, type and position), checked by `missingTag`, `tagRows` and `extraTag`. */
  readonly tagTable: string
  /**
   * The per-event derived data (type, key, the tags kept in the event's own row) of the events at
   * positions `from` … `from + limit - 1`, in position order; `tags` never holds `tagTable`'s rows.
   * Absent where the store's `entries` carry the type and idempotency key and no tag is kept in the row.
   */
  readonly rows?: (range: { readonly from: number; readonly limit: number }) => TaskEither<StoreError, ReadonlyArray<IndexedRow>>
  /** The first of `wanted` (in the order given) that `tagTable` lacks, or undefined. */
  readonly missingTag: (wanted: ReadonlyArray<WantedTag>) => TaskEither<StoreError, WantedTag | undefined>
  /** How many rows `tagTable` holds. */
  readonly tagRows: () => TaskEither<StoreError, number>
  /** The first row of `tagTable` (by position) that its entry does not have, or that names no entry (`stray`). */
  readonly extraTag: () => TaskEither<StoreError, (WantedTag & { readonly stray: boolean }) | undefined>
  /** Derived rows other than tags (tree nodes, cosignatures) at a position the log of `size` entries does not have; at most a few. */
  readonly strays: (size: number) => TaskEither<StoreError, ReadonlyArray<StrayRow>>
  /**
   * Rebuilds the tag index, the type and idempotency-key columns from the canonical entries, and
   * stores again every checkpoint a report snapshot records (when missing), in one write
   * transaction serialised with appends. Tree nodes are not rebuilt: they are what proves the
   * entries were not rewritten.
   */
  readonly rebuild: () => TaskEither<StoreError, RebuildCounts>
}
