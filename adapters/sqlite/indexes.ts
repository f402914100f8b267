/**
 * The SQLite register's derived data, read for verification and rebuilt by a repair: the tag
 * index (`event_tags`), the `type` and `idempotency_key` columns of `events`, and the checkpoints
 * report snapshots record. A rebuild runs in one IMMEDIATE transaction, so no append sees half of it.
 * Witnesses' cosignatures (`checkpoint_cosignatures`) are evidence, not derived from the entries:
 * verification names one whose checkpoint is gone, and a rebuild never writes or removes one.
 */
import type { DerivedIndexes, StoreError, StrayRow } from '../../src/store/index.js'
import { guardSync } from '../../src/store/index.js'
import { dropGuards, installGuards } from './guards.js'
import { storedNodeCount } from './post-order.js'
import { nodesByPostOrder, type SqliteDatabase } from './schema.js'

/** The deepest tree level a stray node is looked for on (2^62 entries). */
const LEVELS = 62

/**
 * The derived data of an open SQLite register.
 *
 * @example
 * const indexes = sqliteIndexes(db, sqliteError(path)) // DerivedIndexes
 */
export const sqliteIndexes = (db: SqliteDatabase, fail: (e: unknown) => StoreError): DerivedIndexes => {
  const guarded = guardSync(fail)
  // the wanted rows of a page, looked up by the table's key (tag, type, position) in one statement
  const missing = db.prepare(
    `SELECT CAST(j.key AS INTEGER) AS i FROM json_each(?) j
     WHERE NOT EXISTS (SELECT 1 FROM event_tags t WHERE t.tag = j.value ->> 0 AND t.type = j.value ->> 1 AND t.position = j.value ->> 2)
     ORDER BY CAST(j.key AS INTEGER) LIMIT 1`,
  )
  const count = db.prepare('SELECT count(*) AS n FROM event_tags')
  // one pass over the tag table, each row against its entry: run only when the count differs
  const extra = db.prepare(
    `SELECT t.position AS position, t.tag AS tag, t.type AS type, e.position IS NULL AS stray
     FROM event_tags t LEFT JOIN events e ON e.position = t.position
     WHERE e.position IS NULL OR t.type IS NOT json_extract(e.entry, '$.type')
        OR NOT EXISTS (SELECT 1 FROM json_each(e.entry, '$.tags') j WHERE j.value = t.tag)
     ORDER BY t.position, t.tag LIMIT 1`,
  )
  return {
    tagTables: ['event_tags'],
    tagTable: 'event_tags',
    missingTag: (wanted) =>
      guarded(() => {
        if (wanted.length === 0) return undefined
        const r = missing.get(JSON.stringify(wanted.map((w) => [w.tag, w.type, w.position]))) as { i: number } | undefined
        return r === undefined ? undefined : wanted[r.i]
      }),
    tagRows: () => guarded(() => (count.get() as { n: number }).n),
    extraTag: () =>
      guarded(() => {
        const r = extra.get() as { position: number; tag: string; type: string; stray: number } | undefined
        return r === undefined ? undefined : { position: r.position, tag: r.tag, type: r.type, stray: r.stray === 1 }
      }),
    strays: (size) =>
      guarded(() => {
        const out: StrayRow[] = []
        const cosigned = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'checkpoint_cosignatures'`).get() !== undefined
        if (cosigned)
          for (const r of db
            .prepare('SELECT DISTINCT x.tree_size FROM checkpoint_cosignatures x WHERE NOT EXISTS (SELECT 1 FROM checkpoints c WHERE c.tree_size = x.tree_size) ORDER BY 1 LIMIT 3')
            .all() as { tree_size: number }[])
            out.push({ table: 'checkpoint_cosignatures', position: r.tree_size, detail: `a cosignature of the checkpoint at size ${r.tree_size}, which the checkpoints table lacks` })
        const stray = (n: { level: number; idx: number }): StrayRow => ({ table: 'nodes', position: n.idx * 2 ** n.level, detail: `node ${n.level}:${n.idx}, beyond the tree of ${size} entries` })
        // keyed by post-order position, the tree of `size` entries is exactly the keys below storedNodeCount(size)
        if (nodesByPostOrder(db))
          for (const n of db.prepare('SELECT level, idx FROM nodes WHERE id >= ? ORDER BY id LIMIT ?').all(storedNodeCount(size), 3 - out.length) as { level: number; idx: number }[])
            out.push(stray(n))
        else {
          const strayNode = db.prepare('SELECT level, idx FROM nodes WHERE level = ? AND idx >= ? ORDER BY idx LIMIT 1')
          for (let level = 0; level <= LEVELS && out.length < 3; level++) {
            const n = strayNode.get(level, Math.floor(size / 2 ** level)) as { level: number; idx: number } | undefined
            if (n !== undefined) out.push(stray(n))
          }
        }
        return out
      }),
    rebuild: () =>
      guarded(() => {
        db.exec('BEGIN IMMEDIATE')
        try {
          // the one sanctioned way around the append-only triggers: dropped and recreated in this transaction
          dropGuards(db)
          const changes = (sql: string): number => (db.prepare(sql).run() as { changes: number }).changes
          db.exec('DROP TABLE IF EXISTS temp.old_tags; CREATE TEMP TABLE old_tags AS SELECT tag, type, position FROM event_tags')
          changes('DELETE FROM event_tags')
          changes(
            `INSERT OR IGNORE INTO event_tags (tag, type, position)
               SELECT j.value, json_extract(e.entry, '$.type'), e.position FROM events e, json_each(e.entry, '$.tags') j`,
          )
          const types = changes(`UPDATE events SET type = json_extract(entry, '$.type') WHERE type IS NOT json_extract(entry, '$.type')`)
          const keys = changes(
            `UPDATE events SET idempotency_key = json_extract(entry, '$.meta.idempotencyKey') WHERE idempotency_key IS NOT json_extract(entry, '$.meta.idempotencyKey')`,
          )
          const checkpoints = changes(
            `INSERT INTO checkpoints (tree_size, note)
               SELECT json_extract(entry, '$.data.logSize'), json_extract(entry, '$.data.checkpoint') FROM events
               WHERE json_extract(entry, '$.type') = 'ReportSnapshotTaken' ORDER BY position
               ON CONFLICT (tree_size) DO NOTHING`,
          )
          const tagRows = (
            db
              .prepare(
                `SELECT (SELECT count(*) FROM (SELECT * FROM event_tags EXCEPT SELECT * FROM temp.old_tags))
                      + (SELECT count(*) FROM (SELECT * FROM temp.old_tags EXCEPT SELECT * FROM event_tags)) AS n`,
              )
              .get() as { n: number }
          ).n
          db.exec('DROP TABLE temp.old_tags')
          installGuards(db)
          db.exec('COMMIT')
          return { event_tags: tagRows, 'events.type': types, 'events.idempotency_key': keys, checkpoints }
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK')
          throw e
        }
      }),
  }
}
