/**
 * The SQLite dialect: one file, WAL, one IMMEDIATE transaction per append (so appends from every
 * process on the machine are serialised and positions stay gapless), prepared statements. Every
 * step is synchronous (better-sqlite3), returned as an already-resolved TaskEither; the rows are
 * written and committed in one step, so no reader on this connection sees them before the commit.
 */
import * as E from 'fp-ts/lib/Either.js'
import { anchorPathOf, guardSync, storeError, writeAnchor, type NodeId, type Selection, type StorageDialect, type StoredEntry, type StoredEvent, type StoreError, type WriteTransaction } from '../../src/store/index.js'
import { sqliteError } from './errors.js'
import { sqliteIndexes } from './indexes.js'
import { guarded as hasGuards, installGuards } from './guards.js'
import { postOrderOf } from './post-order.js'
import { BULK_TYPE, migrateSqlite, nodesByPostOrder, SQLITE_COSIGNATURES_VERSION, SQLITE_READ_SCHEMA_VERSION, SQLITE_SCHEMA_VERSION, type SqliteDatabase, type SqliteStatement } from './schema.js'

// ---------------------------------------------------------------------------------------------
// utils

/** How many idempotency keys, or tags, one statement names (SQLite takes at most 32,766 parameters). */
const CHUNK = 500

const marks = (xs: ReadonlyArray<unknown>): string => xs.map(() => '?').join(', ')

/**
 * SQL selecting the positions (>= a bound) of the events a selection holds, with its parameters;
 * `null` for all events. Each group drives from an index: `AnyTag` from the tag index
 * (`tag IN (…)`, in chunks), `AllTags` from it intersected over the tags, `Types` from the type
 * index (or, when it asks for the bulk type the index leaves out, from the log by position).
 * The groups are joined with UNION ALL, so a position may come more than once: the SQL is meant
 * for `position IN (…)` and `EXISTS`, which do not care, and it spares SQLite the temporary
 * b-tree a UNION builds to drop duplicates (README, "Issues 15 and 19: the benchmark clause").
 *
 * @example
 * compileSelection([{ _tag: 'Types', types: ['ExclusionDecided'] }], 10)
 * // { sql: "SELECT position FROM events WHERE position >= ? AND type IN (?) AND type <> 'ContactRecorded'", params: [10, 'ExclusionDecided'] }
 */
export const compileSelection = (selection: Selection, from: number): { sql: string; params: unknown[] } | null => {
  if (selection === 'all') return null
  const parts: string[] = []
  const params: unknown[] = []
  for (const g of selection) {
    const types = g.types
    const typeIn = types === undefined ? '' : ` AND type IN (${marks(types)})`
    switch (g._tag) {
      case 'AnyTag':
        for (let i = 0; i < g.tags.length; i += CHUNK) {
          const chunk = g.tags.slice(i, i + CHUNK)
          parts.push(`SELECT position FROM event_tags WHERE tag IN (${marks(chunk)}) AND position >= ?${typeIn}`)
          params.push(...chunk, from, ...(types ?? []))
        }
        break
      case 'AllTags': {
        const each = g.tags.map((tag, i) => {
          params.push(tag, from, ...(i === 0 && types !== undefined ? types : []))
          return `SELECT position FROM event_tags WHERE tag = ? AND position >= ?${i === 0 ? typeIn : ''}`
        })
        parts.push(each.length === 1 ? each[0]! : `SELECT position FROM (${each.join(' INTERSECT ')})`)
        break
      }
      case 'Types':
        // the type index holds every type but the bulk one (schema.ts); its WHERE clause, said
        // again here, is what lets SQLite use it. The bulk type is read along the log instead.
        parts.push(`SELECT position FROM events WHERE position >= ?${typeIn}${g.types.includes(BULK_TYPE) ? '' : ` AND type <> '${BULK_TYPE}'`}`)
        params.push(from, ...g.types)
    }
  }
  return { sql: parts.length === 0 ? 'SELECT NULL WHERE 0' : parts.join(' UNION ALL '), params }
}

/** Runs of at least this many nodes close together are read with one range query. */
const RANGE_RUN = 8

/**
 * How far apart two wanted nodes may lie in one range query: the leaves of consecutive entries
 * lie 1 + (trailing zeros of the next index) post-order positions apart, so a run of leaves reads
 * about one node it does not want per leaf; verification asks for the leaves and the nodes they
 * complete, which are every position of the range.
 */
const RANGE_GAP = 16

/**
 * Stored tree nodes by id, keyed by post-order position: runs of nearby positions (verification
 * asks for whole pages of them) in one range query each, the rest one by one. A row names its
 * node twice, by key and by (level, idx); one whose two names disagree (written by hand, say) is
 * no node: it reads as missing, and verification names it as a stray.
 */
const nodesByPosition = (s: ReturnType<typeof statements>, ids: ReadonlyArray<NodeId>): Array<Uint8Array | undefined> => {
  const out = new Array<Uint8Array | undefined>(ids.length)
  const wanted = ids.map((id, at) => ({ key: postOrderOf(id), id, at })).sort((a, b) => a.key - b.key)
  for (let i = 0; i < wanted.length; ) {
    let j = i + 1
    while (j < wanted.length && wanted[j]!.key - wanted[j - 1]!.key <= RANGE_GAP) j++
    if (j - i >= RANGE_RUN) {
      // rows come in key order; a missing node leaves its slot undefined
      // as hex text: a Buffer per row from the driver costs an allocation outside the heap each,
      // while Buffer.from(hex) takes a slice of Node's shared pool
      const rows = s.nodeRange.all(wanted[i]!.key, wanted[j - 1]!.key) as Array<{ id: number; level: number; idx: number; hash: string }>
      let r = 0
      for (let k = i; k < j; k++) {
        const w = wanted[k]!
        while (r < rows.length && rows[r]!.id < w.key) r++
        const row = rows[r]
        if (row !== undefined && row.id === w.key && row.level === w.id.level && row.idx === w.id.index) out[w.at] = Buffer.from(row.hash, 'hex')
      }
    } else for (let k = i; k < j; k++) out[wanted[k]!.at] = (s.node.get(wanted[k]!.key, wanted[k]!.id.level, wanted[k]!.id.index) as { hash: Uint8Array } | undefined)?.hash
    i = j
  }
  return out
}

/**
 * Stored tree nodes by id in a register of schema 4 or older (keyed by level and index), opened
 * by a command that only reads: consecutive indexes of a level in one range query each, the rest
 * one by one.
 */
const nodesByLevel = (s: ReturnType<typeof statements>, ids: ReadonlyArray<NodeId>): Array<Uint8Array | undefined> => {
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

/** Stored tree nodes by id, in the layout the register has. */
const nodesOf = (s: ReturnType<typeof statements>, ids: ReadonlyArray<NodeId>): Array<Uint8Array | undefined> => (s.postOrder ? nodesByPosition(s, ids) : nodesByLevel(s, ids))

/**
 * Keeps a signed checkpoint beside the register file too (`PATH.checkpoint`, atomically; the
 * larger one wins), where a lost WAL file cannot take it with the entries it covers (anchor.ts).
 */
const keepAnchor = (path: string, note: string): void => {
  if (path === ':memory:' || path === '') return
  const file = anchorPathOf(path)
  try {
    writeAnchor(file, note)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error'
    throw storeError('io', `the checkpoint is stored, but its copy beside the register ${file} could not be written (${code}); free space or fix the folder's permissions and sign again`)
  }
}

/** The parsed canonical entry: the JSON record `encodeStored` gives, so it is the event itself. */
const parseEntry = (row: { entry: string }): StoredEvent => JSON.parse(row.entry) as StoredEvent


// ---------------------------------------------------------------------------------------------
// constructors

/** Options of the SQLite dialect. */
export interface SqliteDialectOptions {
  /**
   * Put the append-only triggers on the register when they are missing (guards.ts; default true).
   * False for a command that only reads: it never changes the file (DOMAIN.md rule 22).
   */
  readonly guard?: boolean
}

/** Puts the missing guard triggers on, in one IMMEDIATE transaction (nothing when they are all there). */
const guardRegister = (db: SqliteDatabase, fail: (e: unknown) => StoreError): E.Either<StoreError, void> => {
  try {
    if (hasGuards(db)) return E.right(undefined)
    db.exec('BEGIN IMMEDIATE')
    try {
      if (!hasGuards(db)) installGuards(db)
      db.exec('COMMIT')
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK')
      throw e
    }
    return E.right(undefined)
  } catch (e) {
    return E.left(fail(e))
  }
}

/**
 * A dialect over an open SQLite database (migrating its schema first, and guarding its tables
 * against UPDATE and DELETE unless `guard: false`).
 *
 * @example
 * const dialect = sqliteDialect(db, './contact-ledger.db') // Either<StoreError, StorageDialect>
 */
export const sqliteDialect = (db: SqliteDatabase, path: string, { guard = true }: SqliteDialectOptions = {}): E.Either<StoreError, StorageDialect> => {
  // a command that only reads takes the register no further than earlier versions did on every open
  // a write-open migrates and guards the tables it made in one transaction
  const migrated = guard ? migrateSqlite(db, path, SQLITE_SCHEMA_VERSION, installGuards) : migrateSqlite(db, path, SQLITE_READ_SCHEMA_VERSION)
  if (E.isLeft(migrated)) return migrated
  let version = migrated.right
  const fail = sqliteError(path)
  if (guard) {
    const guardedNow = guardRegister(db, fail)
    if (E.isLeft(guardedNow)) return guardedNow
  }
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
  const guarded = guardSync(fail)
  const rollback = () => {
    try {
      if (db.inTransaction) db.exec('ROLLBACK')
    } catch {
      // the connection is gone; the transaction did not commit
    }
  }

  const tx: WriteTransaction = {
    inspect: ({ keys, condition }) =>
      guarded(() => {
        const size = sizeNow()
        let keySeen = false
        for (let i = 0; i < keys.length && !keySeen; i += CHUNK) {
          const chunk = keys.slice(i, i + CHUNK)
          keySeen = prepared(`SELECT 1 FROM events WHERE idempotency_key IN (${marks(chunk)}) LIMIT 1`).get(...chunk) !== undefined
        }
        let matched = false
        if (!keySeen && condition !== undefined && size > condition.after + 1) {
          const m = compileSelection(condition.selection, condition.after + 1)
          matched = m === null || prepared(`SELECT 1 FROM (${m.sql}) LIMIT 1`).get(...m.params) !== undefined
        }
        return { size, keySeen, matched }
      }),
    nodes: (ids) => guarded(() => nodesOf(s, ids)),
  }

  return E.right({
    transact: (plan) => () => {
      try {
        db.exec('BEGIN IMMEDIATE')
      } catch (e) {
        return Promise.resolve(E.left(fail(e)))
      }
      return plan(tx)().then(
        (r) => {
          if (E.isLeft(r)) return (rollback(), r)
          try {
            for (const { event: e, entry } of r.right.rows) {
              s.insertEvent.run(e.position, e.type, e.meta.idempotencyKey ?? null, entry)
              for (const tag of e.tags) s.insertTag.run(tag, e.position, e.type)
            }
            if (s.postOrder) for (const n of r.right.nodes) s.insertNode.run(postOrderOf(n), n.level, n.index, n.hash)
            else for (const n of r.right.nodes) s.insertNode.run(n.level, n.index, n.hash)
            db.exec('COMMIT')
            return E.right(undefined)
          } catch (e) {
            rollback()
            return E.left(fail(e))
          }
        },
        (e: unknown) => (rollback(), E.left(fail(e))),
      )
    },
    size: () => guarded(sizeNow),
    read: ({ selection, from, to, limit }) =>
      guarded(() => {
        const m = compileSelection(selection, from)
        if (m === null) return (s.range.all(from, to ?? Number.MAX_SAFE_INTEGER, limit ?? -1) as { entry: string }[]).map(parseEntry)
        // a LIMIT clause, even `LIMIT -1`, makes SQLite read the IN list's positions the slow way
        // (about 60 µs more for a decision's read of two or three events): said only when asked for
        const sql = `SELECT entry FROM events WHERE position IN (${m.sql}) AND position < ? ORDER BY position${limit === undefined ? '' : ' LIMIT ?'}`
        const bounds = limit === undefined ? [to ?? Number.MAX_SAFE_INTEGER] : [to ?? Number.MAX_SAFE_INTEGER, limit]
        return (prepared(sql).all(...m.params, ...bounds) as { entry: string }[]).map(parseEntry)
      }),
    readByIdempotencyKey: (key) => guarded(() => (s.byKey.all(key) as { entry: string }[]).map(parseEntry)),
    entries: ({ from, limit }) => guarded(() => s.entries.all(from, limit) as StoredEntry[]),
    nodes: tx.nodes,
    putCheckpoint: (c) =>
      guarded(() => {
        s.putCheckpoint.run(c.treeSize, c.note)
        keepAnchor(path, c.note)
      }),
    checkpoints: () =>
      guarded(() => {
        const lines = new Map<number, string>()
        if (version >= SQLITE_COSIGNATURES_VERSION)
          for (const r of prepared('SELECT tree_size, line FROM checkpoint_cosignatures ORDER BY tree_size, rowid').all() as { tree_size: number; line: string }[])
            lines.set(r.tree_size, `${lines.get(r.tree_size) ?? ''}${r.line}\n`)
        return (s.checkpoints.all() as { tree_size: number; note: string }[]).map((r) => ({ treeSize: r.tree_size, note: r.note + (lines.get(r.tree_size) ?? '') }))
      }),
    addCosignatures: (treeSize, lines) => () => {
      // the first cosignature stored in a register opened read-only takes it to the schema that holds them
      if (version < SQLITE_COSIGNATURES_VERSION) {
        const up = migrateSqlite(db, path, SQLITE_SCHEMA_VERSION, installGuards)
        if (E.isLeft(up)) return Promise.resolve(up)
        const guardedNow = guardRegister(db, fail)
        if (E.isLeft(guardedNow)) return Promise.resolve(guardedNow)
        version = up.right
        // the migration may have re-keyed the tree: statements for the layout the register has now
        try {
          s = statements(db)
        } catch (e) {
          return Promise.resolve(E.left(fail(e)))
        }
      }
      return guarded(() => {
        const insert = prepared(
          'INSERT INTO checkpoint_cosignatures (tree_size, line) SELECT ?, ? WHERE EXISTS (SELECT 1 FROM checkpoints WHERE tree_size = ?) ON CONFLICT (tree_size, line) DO NOTHING',
        )
        db.exec('BEGIN IMMEDIATE')
        try {
          const added = lines.filter((l) => (insert.run(treeSize, l, treeSize) as { changes: number }).changes > 0)
          db.exec('COMMIT')
          return added
        } catch (e) {
          rollback()
          throw e
        }
      })()
    },
    indexes: sqliteIndexes(db, fail),
    close: async () => {
      rollback()
      db.close()
    },
  })
}

const statements = (db: SqliteDatabase) => {
  const postOrder = nodesByPostOrder(db)
  return {
  postOrder,
  size: db.prepare('SELECT coalesce(max(position) + 1, 0) AS n FROM events'),
  node: db.prepare(postOrder ? 'SELECT hash FROM nodes WHERE id = ? AND level = ? AND idx = ?' : 'SELECT hash FROM nodes WHERE level = ? AND idx = ?'),
  nodeRange: db.prepare(
    postOrder
      ? 'SELECT id, level, idx, hex(hash) AS hash FROM nodes WHERE id BETWEEN ? AND ? ORDER BY id'
      : 'SELECT idx, hex(hash) AS hash FROM nodes WHERE level = ? AND idx BETWEEN ? AND ? ORDER BY idx',
  ),
  insertEvent: db.prepare('INSERT INTO events (position, type, idempotency_key, entry) VALUES (?, ?, ?, ?)'),
  insertTag: db.prepare('INSERT OR IGNORE INTO event_tags (tag, position, type) VALUES (?, ?, ?)'),
  insertNode: db.prepare(postOrder ? 'INSERT INTO nodes (id, level, idx, hash) VALUES (?, ?, ?, ?)' : 'INSERT INTO nodes (level, idx, hash) VALUES (?, ?, ?)'),
  entries: db.prepare('SELECT position, type, idempotency_key AS idempotencyKey, entry FROM events WHERE position >= ? ORDER BY position LIMIT ?'),
  range: db.prepare('SELECT entry FROM events WHERE position >= ? AND position < ? ORDER BY position LIMIT ?'),
  byKey: db.prepare('SELECT entry FROM events WHERE idempotency_key = ? ORDER BY position'),
    // a stored checkpoint is evidence and never replaced (the table is append-only, guards.ts)
  putCheckpoint: db.prepare('INSERT INTO checkpoints (tree_size, note) VALUES (?, ?) ON CONFLICT (tree_size) DO NOTHING'),
  checkpoints: db.prepare('SELECT tree_size, note FROM checkpoints ORDER BY tree_size'),
  }
}
