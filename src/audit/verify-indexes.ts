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
import type { EventStore, StoredEntry } from '../ports/event-store.js'
import type { DerivedIndexes, IndexedRow, RebuildCounts, StrayRow, WantedTag } from '../ports/indexes.js'
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

/** The first difference between what an entry says and the per-event row stored for it (type, key, in-row tags), or undefined. */
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

type Found = E.Either<StoreError, VerificationFailure | undefined>

/**
 * Checks a store's derived data page by page as the entries are read (once, by `verifyLog` or by
 * `verifyIndexes`), then as a whole: `page` with each page of entries in order, `finish` after the
 * last. Each answers the first difference (kind `index`) or undefined; `Left` is a store that could
 * not be read. The keyed tag table is checked by looking up the rows the entries want and by one
 * count at the end, so the cost is linear in the register (no scan of the tag table per page).
 *
 * @example
 * const check = indexChecker(store, indexes, checkpoints)
 * for (const page of pages) if ((await check.page(page)) …) …
 * const last = await check.finish() // Right(undefined) when the derived data matched
 */
export const indexChecker = (indexes: DerivedIndexes, checkpoints: ReadonlyMap<number, string>) => {
  const rowTables = indexes.tagTables.filter((t) => t !== indexes.tagTable)
  const fail = (p: number, reason: string): Found => E.right(verificationFailure(p, 'index', reason))
  let wantedRows = 0
  let checked = 0
  return {
    page: async (entries: ReadonlyArray<StoredEntry>): Promise<Found> => {
      if (entries.length === 0) return E.right(undefined)
      let byPosition: Map<number, IndexedRow> | undefined
      if (indexes.rows !== undefined) {
        const rows = await indexes.rows({ from: entries[0]!.position, limit: entries.length })()
        if (E.isLeft(rows)) return rows
        byPosition = new Map(rows.right.map((r) => [r.position, r]))
      }
      const wanted: WantedTag[] = []
      let rowFailure: { p: number; reason: string } | undefined
      for (const entry of entries) {
        const p = entry.position
        const want = expectedOf(p, entry.entry)
        if (typeof want === 'string') {
          rowFailure = { p, reason: want }
          break
        }
        const row: IndexedRow | undefined =
          byPosition !== undefined
            ? byPosition.get(p)
            : { position: p, type: entry.type, idempotencyKey: entry.idempotencyKey === undefined ? want.idempotencyKey : entry.idempotencyKey, tags: [] }
        const diff = row === undefined ? `no derived row is stored for entry ${p}` : differenceAt(p, want, row, rowTables)
        const lost =
          want.snapshot !== undefined && checkpoints.get(want.snapshot.logSize) === undefined
            ? `the checkpoints table lacks the checkpoint at size ${want.snapshot.logSize} that the report snapshot at position ${p} records: a checkpoint was deleted`
            : undefined
        for (const tag of new Set(want.tags)) wanted.push({ position: p, tag, type: want.type })
        if (diff !== undefined || lost !== undefined) {
          rowFailure = { p, reason: (diff ?? lost)! }
          break
        }
      }
      // the first difference of the page: a missing tag row at or before the first row difference
      const missing = await indexes.missingTag(wanted)()
      if (E.isLeft(missing)) return missing
      const m = missing.right
      if (m !== undefined && (rowFailure === undefined || m.position < rowFailure.p))
        return fail(m.position, `${indexes.tagTable} lacks the row for tag ${m.tag} (${m.type}) at position ${m.position}: a derived row was deleted or altered`)
      if (rowFailure !== undefined) return fail(rowFailure.p, rowFailure.reason)
      wantedRows += wanted.length
      checked += entries.length
      return E.right(undefined)
    },
    /** The whole-table checks after the last page: no tag row beyond the wanted ones, no stray node or cosignature. */
    finish: async (): Promise<Found> => {
      const strays = await indexes.strays(checked)()
      if (E.isLeft(strays)) return strays
      const held = await indexes.tagRows()()
      if (E.isLeft(held)) return held
      let extra: StrayRow | undefined
      if (held.right !== wantedRows) {
        // every wanted row is there (the pages found none missing), so the table holds others: name the first
        const x = await indexes.extraTag()()
        if (E.isLeft(x)) return x
        const t = x.right
        extra =
          t === undefined
            ? { table: indexes.tagTable, position: checked, detail: `${held.right} rows where the entries want ${wantedRows}` }
            : t.stray
              ? { table: indexes.tagTable, position: t.position, detail: `a row for tag ${t.tag} at position ${t.position}, where the log has no entry` }
              : { table: indexes.tagTable, position: t.position, detail: `a row for tag ${t.tag} (${t.type}) at position ${t.position} that the entry does not have` }
      }
      const first = [...strays.right, ...(extra === undefined ? [] : [extra])].sort((a, b) => a.position - b.position)[0]
      if (first === undefined) return E.right(undefined)
      return fail(
        first.position,
        first.table === 'checkpoint_cosignatures'
          ? // evidence, not derived data: no rebuild puts the checkpoint back
            `${first.table} holds ${first.detail}: a checkpoint was deleted; restore the register from a copy`
          : first === extra && !first.detail.includes('where the log has no entry')
            ? `${first.table} holds ${first.detail}: a derived row was added or altered`
            : `${first.table} holds ${first.detail}: a derived row was added`,
      )
    },
    /** How many entries the pages held. */
    entries: (): number => checked,
  }
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
    const check = indexChecker(indexes, new Map(stored.right.map((c) => [c.treeSize, c.note])))
    let from = 0
    for (;;) {
      const entries = await store.entries({ from, limit: PAGE_SIZE })()
      if (E.isLeft(entries)) return entries
      const found = await check.page(entries.right)
      if (E.isLeft(found) || found.right !== undefined) return found as E.Either<StoreError, VerificationFailure>
      from += entries.right.length
      if (entries.right.length < PAGE_SIZE) break
    }
    const found = await check.finish()
    if (E.isLeft(found) || found.right !== undefined) return found as E.Either<StoreError, VerificationFailure>
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
