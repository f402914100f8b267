/**
 * The SQLite EventStore: one file, WAL, one IMMEDIATE transaction per append (so appends from
 * every process on the machine are serialised and positions stay gapless), prepared statements.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import { prepareBatch } from '../../src/audit/entries.js'
import { frontierIds, type NodeId } from '../../src/audit/tree.js'
import { conflict, type Conflict, type StoreError } from '../../src/domain/errors.js'
import type { StoredEvent } from '../../src/domain/events.js'
import type { EventStore, ReadOptions, StoredEntry } from '../../src/ports/event-store.js'
import type { Query } from '../../src/ports/query.js'
import { guardedWith, sqliteError } from './errors.js'
import { migrateSqlite, type SqliteDatabase, type SqliteStatement } from './schema.js'

// ---------------------------------------------------------------------------------------------
// utils


/** How many idempotency keys one look-up statement checks. */
const KEY_CHUNK = 500
/**
 * SQL selecting the positions (>= a bound) of events matching a query, with its parameters;
 * `null` when the query matches every event. Each item drives from an index: the tag index
 * (intersected over the item's tags) or the type index.
 */
export const matchingPositions = (query: Query, from: number): { sql: string; params: unknown[] } | null => {
  const parts: string[] = []
  const params: unknown[] = []
  // items with one tag and the same types are asked together (`tag IN (…)`): a batch's query has
  // hundreds of them, and one UNION branch per item costs SQLite a temporary b-tree each
  const single = new Map<string, { types: ReadonlyArray<string> | undefined; tags: string[] }>()
  const rest: Query[number][] = []
  for (const item of query) {
    if (item.tags?.length === 1 && (item.types === undefined || item.types.length > 0)) {
      const key = item.types === undefined ? '*' : [...item.types].sort().join(',')
      const group = single.get(key) ?? { types: item.types, tags: [] }
      group.tags.push(item.tags[0]!)
      single.set(key, group)
    } else rest.push(item)
  }
  for (const { types, tags } of single.values())
    for (let i = 0; i < tags.length; i += 500) {
      const chunk = [...new Set(tags.slice(i, i + 500))]
      const typeIn = types === undefined ? '' : ` AND type IN (${types.map(() => '?').join(', ')})`
      parts.push(`SELECT position FROM event_tags WHERE tag IN (${chunk.map(() => '?').join(', ')}) AND position >= ?${typeIn}`)
      params.push(...chunk, from, ...(types ?? []))
    }
  for (const item of rest) {
    const tags = [...new Set(item.tags ?? [])]
    const types = item.types
    if (types !== undefined && types.length === 0) continue // matches nothing
    const typeIn = types === undefined ? '' : ` AND type IN (${types.map(() => '?').join(', ')})`
    if (tags.length === 0 && types === undefined) return null
    if (tags.length === 0) {
      parts.push(`SELECT position FROM events WHERE position >= ?${typeIn}`)
      params.push(from, ...types!)
      continue
    }
    const each = tags.map((tag, i) => {
      params.push(tag, from, ...(i === 0 && types !== undefined ? types : []))
      return `SELECT position FROM event_tags WHERE tag = ? AND position >= ?${i === 0 ? typeIn : ''}`
    })
    parts.push(each.length === 1 ? each[0]! : `SELECT position FROM (${each.join(' INTERSECT ')})`)
  }
  return { sql: parts.length === 0 ? 'SELECT NULL WHERE 0' : parts.join(' UNION '), params }
}

/** Runs of at least this many consecutive indexes on one level are read with one range query. */
const RANGE_RUN = 8

/**
 * Stored tree nodes by id: consecutive indexes of a level (verification asks for whole pages of
 * them) in one range query each, the rest one by one.
 */
const nodesOf = (s: ReturnType<typeof statements>, ids: ReadonlyArray<NodeId>): Array<Uint8Array | undefined> => {
  const out = new Array<Uint8Array | undefined>(ids.length)
  const byLevel = new Map<number, Array<{ index: number; at: number }>>()
  ids.forEach((id, at) => {
    const xs = byLevel.get(id.level)
    if (xs === undefined) byLevel.set(id.level, [{ index: id.index, at }])
    else xs.push({ index: id.index, at })
  })
  for (const [level, xs] of byLevel) {
    xs.sort((a, b) => a.index - b.index)
    for (let i = 0; i < xs.length; ) {
      let j = i + 1
      while (j < xs.length && xs[j]!.index - xs[j - 1]!.index <= 1) j++
      if (j - i >= RANGE_RUN) {
        // rows come in index order; a missing node leaves its slot undefined
        // as hex text: a Buffer per row from the driver costs an allocation outside the heap each,
        // while Buffer.from(hex) takes a slice of Node's shared pool
        const rows = s.nodeRange.all(level, xs[i]!.index, xs[j - 1]!.index) as Array<{ idx: number; hash: string }>
        let r = 0
        for (let k = i; k < j; k++) {
          while (r < rows.length && rows[r]!.idx < xs[k]!.index) r++
          if (r < rows.length && rows[r]!.idx === xs[k]!.index) out[xs[k]!.at] = Buffer.from(rows[r]!.hash, 'hex')
        }
      } else for (let k = i; k < j; k++) out[xs[k]!.at] = (s.node.get(level, xs[k]!.index) as { hash: Uint8Array } | undefined)?.hash
      i = j
    }
  }
  return out
}

/** The parsed canonical entry: the JSON record `encodeStored` gives, so it is the event itself. */
const parseEntry = (row: { entry: string }): StoredEvent => JSON.parse(row.entry) as StoredEvent

const done = <A>(a: E.Either<StoreError | Conflict, A>) => Promise.resolve(a)

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * An EventStore over an open SQLite database (migrating its schema first).
 *
 * @example
 * const store = sqliteEventStore(db, './contact-ledger.db') // Either<StoreError, EventStore>
 */
export const sqliteEventStore = (db: SqliteDatabase, path: string): E.Either<StoreError, EventStore> => {
  const migrated = migrateSqlite(db, path)
  if (E.isLeft(migrated)) return migrated
  const fail = sqliteError(path)
  let s: ReturnType<typeof statements>
  try {
    s = statements(db)
  } catch (e) {
    return E.left(fail(e))
  }
  const cache = new Map<string, SqliteStatement>()
  const prepared = (sql: string): SqliteStatement => {
    let st = cache.get(sql)
    if (st === undefined) {
      if (cache.size >= 256) cache.clear()
      st = db.prepare(sql)
      cache.set(sql, st)
    }
    return st
  }
  const sizeNow = () => (s.size.get() as { n: number }).n

  /** Runs `work` and turns a thrown driver error into a StoreError. */
  const guarded = guardedWith(fail)

  const append: EventStore['append'] = (batch, options = {}) => () => {
    try {
      db.exec('BEGIN IMMEDIATE')
    } catch (e) {
      return done(E.left(fail(e)))
    }
    try {
      const size = sizeNow()
      const keys = [...new Set(batch.flatMap((e) => (e.meta.idempotencyKey !== undefined ? [e.meta.idempotencyKey] : [])))]
      // in chunks: SQLite takes at most 32,766 parameters in one statement
      for (let i = 0; i < keys.length; i += KEY_CHUNK) {
        const chunk = keys.slice(i, i + KEY_CHUNK)
        if (prepared(`SELECT 1 FROM events WHERE idempotency_key IN (${chunk.map(() => '?').join(', ')}) LIMIT 1`).get(...chunk) !== undefined)
          return (db.exec('ROLLBACK'), done(E.left(conflict(size - 1))))
      }
      const condition = options.condition
      if (condition !== undefined && size > condition.after + 1) {
        const m = matchingPositions(condition.query, condition.after + 1)
        const hit = m === null ? true : prepared(`SELECT 1 FROM (${m.sql}) LIMIT 1`).get(...m.params) !== undefined
        if (hit) return (db.exec('ROLLBACK'), done(E.left(conflict(condition.after))))
      }
      const frontier = frontierIds(size).map((id) => (s.node.get(id.level, id.index) as { hash: Uint8Array } | undefined)?.hash)
      if (frontier.some((h) => h === undefined)) throw Object.assign(new Error(`tree nodes of size ${size} are missing`), { code: 'SQLITE_CORRUPT' })
      const batchReady = prepareBatch(size, frontier as Uint8Array[], batch)
      batchReady.events.forEach((e, i) => {
        s.insertEvent.run(e.position, e.type, e.meta.idempotencyKey ?? null, batchReady.bytes[i]!.toString('utf8'))
        for (const tag of e.tags) s.insertTag.run(tag, e.position, e.type)
      })
      for (const n of batchReady.nodes) s.insertNode.run(n.level, n.index, n.hash)
      db.exec('COMMIT')
      return done(E.right(batchReady.events))
    } catch (e) {
      try {
        if (db.inTransaction) db.exec('ROLLBACK')
      } catch {
        // the connection is gone; the transaction did not commit
      }
      return done(E.left(fail(e)))
    }
  }

  const read = (options: ReadOptions = {}): TaskEither<StoreError, ReadonlyArray<StoredEvent>> =>
    guarded(() => {
      const from = Math.max(0, options.from ?? 0)
      const to = options.to ?? Number.MAX_SAFE_INTEGER
      const limit = options.limit ?? -1
      if (options.query === undefined) return (s.range.all(from, to, limit) as { entry: string }[]).map(parseEntry)
      const m = matchingPositions(options.query, from)
      if (m === null) return (s.range.all(from, to, limit) as { entry: string }[]).map(parseEntry)
      const sql = `SELECT entry FROM events WHERE position IN (${m.sql}) AND position < ? ORDER BY position LIMIT ?`
      return (prepared(sql).all(...m.params, to, limit) as { entry: string }[]).map(parseEntry)
    })

  return E.right({
    append,
    read,
    size: () => guarded(sizeNow),
    readByIdempotencyKey: (key) => guarded(() => (s.byKey.all(key) as { entry: string }[]).map(parseEntry)),
    entries: ({ from, limit }) => guarded(() => s.entries.all(Math.max(0, from), limit) as StoredEntry[]),
    nodes: (ids) => guarded(() => nodesOf(s, ids)),
    putCheckpoint: (c) => guarded(() => void s.putCheckpoint.run(c.treeSize, c.note)),
    checkpoints: () =>
      guarded(() => (s.checkpoints.all() as { tree_size: number; note: string }[]).map((r) => ({ treeSize: r.tree_size, note: r.note }))),
    close: async () => {
      if (db.inTransaction) db.exec('ROLLBACK')
      db.close()
    },
  })
}

const statements = (db: SqliteDatabase) => ({
  size: db.prepare('SELECT coalesce(max(position) + 1, 0) AS n FROM events'),
  node: db.prepare('SELECT hash FROM nodes WHERE level = ? AND idx = ?'),
  nodeRange: db.prepare('SELECT idx, hex(hash) AS hash FROM nodes WHERE level = ? AND idx BETWEEN ? AND ? ORDER BY idx'),
  insertEvent: db.prepare('INSERT INTO events (position, type, idempotency_key, entry) VALUES (?, ?, ?, ?)'),
  insertTag: db.prepare('INSERT OR IGNORE INTO event_tags (tag, position, type) VALUES (?, ?, ?)'),
  insertNode: db.prepare('INSERT INTO nodes (level, idx, hash) VALUES (?, ?, ?)'),
  entries: db.prepare('SELECT position, type, entry FROM events WHERE position >= ? ORDER BY position LIMIT ?'),
  range: db.prepare('SELECT entry FROM events WHERE position >= ? AND position < ? ORDER BY position LIMIT ?'),
  byKey: db.prepare('SELECT entry FROM events WHERE idempotency_key = ? ORDER BY position'),
  putCheckpoint: db.prepare('INSERT INTO checkpoints (tree_size, note) VALUES (?, ?) ON CONFLICT (tree_size) DO UPDATE SET note = excluded.note'),
  checkpoints: db.prepare('SELECT tree_size, note FROM checkpoints ORDER BY tree_size'),
})
