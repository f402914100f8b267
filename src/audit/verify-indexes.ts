/**
 * Verification of a store's derived data: the tag index, the type and idempotency-key columns
 * and the checkpoints report snapshots record are recomputed from the canonical entries and
 * compared with what the store holds, page by page; the first difference is named with its table
 * and position. Decisions read the tag index, so a tag row deleted by hand (an exclusion's, say)
 * would let a decision miss the event: this check is what finds it, and `rebuildIndexes` puts it back.
 * Witnesses' cosignatures are not derived data but evidence, like the checkpoints: a cosignature
 * whose checkpoint is gone is named (the checkpoint was deleted), and no rebuild touches them.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import { storeError, type StoreError } from '../domain/errors.js'
import type { EventStore } from '../ports/event-store.js'
import type { IndexedRow, RebuildCounts } from '../ports/indexes.js'
import { PAGE_SIZE } from '../ports/pages.js'
import { verificationFailure, type VerificationFailure } from './result.js'

/** The derived data matched the entries: how many entries' rows were compared. */
export interface IndexesVerified {
  readonly _tag: 'IndexesVerified'
  readonly entries: number
  /** The tag tables compared (empty when the store keeps no derived data it can show). */
  readonly tables: ReadonlyArray<string>
}

/** What an entry says its derived rows are. */
interface Expected {
  readonly type: string
  readonly tags: ReadonlyArray<string>
  readonly idempotencyKey: string | null
  readonly snapshot?: { readonly logSize: number; readonly checkpoint: string }
}

const expectedOf = (position: number, text: string): Expected | string => {
  let e: { type?: unknown; tags?: unknown; meta?: { idempotencyKey?: unknown }; data?: { logSize?: unknown; checkpoint?: unknown } }
  try {
    e = JSON.parse(text) as typeof e
  } catch {
    return `entry ${position} is not JSON: the entry was altered`
  }
  if (typeof e.type !== 'string' || !Array.isArray(e.tags)) return `entry ${position} has no type or tags: the entry was altered`
  const key = e.meta?.idempotencyKey
  const snap =
    e.type === 'ReportSnapshotTaken' && typeof e.data?.logSize === 'number' && typeof e.data.checkpoint === 'string'
      ? { snapshot: { logSize: e.data.logSize, checkpoint: e.data.checkpoint } }
      : {}
  return { type: e.type, tags: e.tags as string[], idempotencyKey: typeof key === 'string' ? key : null, ...snap }
}

const quote = (s: string | null): string => (s === null ? 'none' : JSON.stringify(s))

/** The first difference between what an entry says and the rows stored for it, or undefined. */
const differenceAt = (p: number, want: Expected, row: IndexedRow, tables: ReadonlyArray<string>): string | undefined => {
  if (row.type !== want.type) return `the type index (events.type) says ${quote(row.type)} at position ${p}, but the entry is a ${want.type}: the column was altered`
  if (row.idempotencyKey !== want.idempotencyKey)
    return `the idempotency key column (events.idempotency_key) holds ${quote(row.idempotencyKey)} at position ${p}, but the entry's key is ${quote(want.idempotencyKey)}: the column was altered`
  for (const table of tables) {
    const stored = new Set(row.tags.filter((t) => t.table === table).map((t) => `${t.type}\u0000${t.tag}`))
    const wanted = new Set(want.tags.map((t) => `${want.type}\u0000${t}`))
    for (const t of want.tags)
      if (!stored.has(`${want.type}\u0000${t}`)) return `${table} lacks the row for tag ${t} (${want.type}) at position ${p}: a derived row was deleted or altered`
    for (const t of row.tags)
      if (t.table === table && !wanted.has(`${t.type}\u0000${t.tag}`))
        return `${table} holds a row for tag ${t.tag} (${t.type}) at position ${p} that the entry does not have: a derived row was added or altered`
  }
  return undefined
}

/**
 * Recomputes the store's derived data from its canonical entries and compares; `Right` holds
 * `IndexesVerified` or the first difference (kind `index`), `Left` a store that could not be read.
 * A store without derived data to show (`store.indexes` absent, as in memory) verifies with no tables.
 *
 * @example
 * const r = await verifyIndexes(store)()
 * if (E.isRight(r) && r.right._tag === 'VerificationFailure') console.log(r.right.reason) // 'event_tags lacks the row for tag …'
 */
export const verifyIndexes =
  (store: EventStore): TaskEither<StoreError, IndexesVerified | VerificationFailure> =>
  async () => {
    const indexes = store.indexes
    if (indexes === undefined || store.entries === undefined) return E.right({ _tag: 'IndexesVerified', entries: 0, tables: [] })
    const stored = await store.checkpoints()()
    if (E.isLeft(stored)) return stored
    const checkpoints = new Map(stored.right.map((c) => [c.treeSize, c.note]))
    const fail = (p: number, reason: string) => E.right(verificationFailure(p, 'index', reason))
    let from = 0
    for (;;) {
      const entries = await store.entries({ from, limit: PAGE_SIZE })()
      if (E.isLeft(entries)) return entries
      const rows = await indexes.rows({ from, limit: PAGE_SIZE })()
      if (E.isLeft(rows)) return rows
      const byPosition = new Map(rows.right.map((r) => [r.position, r]))
      for (const entry of entries.right) {
        const p = entry.position
        const want = expectedOf(p, entry.entry)
        if (typeof want === 'string') return fail(p, want)
        const row = byPosition.get(p)
        if (row === undefined) return fail(p, `no derived row is stored for entry ${p}`)
        const diff = differenceAt(p, want, row, indexes.tagTables)
        if (diff !== undefined) return fail(p, diff)
        if (want.snapshot !== undefined && checkpoints.get(want.snapshot.logSize) === undefined)
          return fail(
            p,
            `the checkpoints table lacks the checkpoint at size ${want.snapshot.logSize} that the report snapshot at position ${p} records: a checkpoint was deleted`,
          )
      }
      from += entries.right.length
      if (entries.right.length < PAGE_SIZE) break
    }
    const strays = await indexes.strays(from)()
    if (E.isLeft(strays)) return strays
    const first = [...strays.right].sort((a, b) => a.position - b.position)[0]
    if (first !== undefined)
      return fail(
        first.position,
        first.table === 'checkpoint_cosignatures'
          ? // evidence, not derived data: no rebuild puts the checkpoint back
            `${first.table} holds ${first.detail}: a checkpoint was deleted; restore the register from a copy`
          : `${first.table} holds ${first.detail}: a derived row was added`,
      )
    return E.right({ _tag: 'IndexesVerified', entries: from, tables: indexes.tagTables })
  }

/**
 * Rebuilds the store's derived data from its canonical entries in one write transaction (the tag
 * index, the type and idempotency-key columns, the checkpoints snapshots record); `Right` holds
 * how many rows each table had wrong, `Left` a store that has no derived data or could not write.
 * Run it only after `verifyLog` passed: the entries and the tree are what the rebuild trusts.
 *
 * @example
 * const r = await rebuildIndexes(store)() // Right({ event_tags: 1, 'events.type': 0, … })
 */
export const rebuildIndexes = (store: EventStore): TaskEither<StoreError, RebuildCounts> =>
  store.indexes === undefined
    ? () => Promise.resolve(E.left(storeError('io', 'this store keeps no derived data to rebuild')))
    : store.indexes.rebuild()
