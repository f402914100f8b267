/**
 * The SQLite register's derived data, read for verification and rebuilt by a repair: the tag
 * index (`event_tags`), the `type` and `idempotency_key` columns of `events`, and the checkpoints
 * report snapshots record. A rebuild runs in one IMMEDIATE transaction, so no append sees half of it.
 * Witnesses' cosignatures (`checkpoint_cosignatures`) are evidence, not derived from the entries:
 * verification names one whose checkpoint is gone, and a rebuild never writes or removes one.
 */
import type { DerivedIndexes, IndexedRow, StoreError, StrayRow } from '../../src/store/index.js'
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
  const rows = db.prepare('SELECT position, type, idempotency_key FROM events WHERE position >= ? ORDER BY position LIMIT ?')
  const tags = db.prepare('SELECT tag, type, position FROM event_tags WHERE position >= ? AND position < ? ORDER BY position, tag')
  const strayTag = db.prepare(
    'SELECT t.position AS position, t.tag AS tag FROM event_tags t WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.position = t.position) ORDER BY t.position LIMIT 3',
  )
  return {
    tagTables: ['event_tags'],
    rows: ({ from, limit }) =>
      guarded(() => {
        const events = rows.all(from, limit) as Array<{ position: number; type: string; idempotency_key: string | null }>
        if (events.length === 0) return []
        const byPosition = new Map<number, Array<{ table: string; tag: string; type: string }>>()
        for (const t of tags.all(from, events[events.length - 1]!.position + 1) as Array<{ tag: string; type: string; position: number }>) {
          const xs = byPosition.get(t.position) ?? []
          xs.push({ table: 'event_tags', tag: t.tag, type: t.type })
          byPosition.set(t.position, xs)
        }
        return events.map((e): IndexedRow => ({ position: e.position, type: e.type, idempotencyKey: e.idempotency_key, tags: byPosition.get(e.position) ?? [] }))
      }),
    strays: (size) =>
      guarded(() => {
        const out: StrayRow[] = (strayTag.all() as Array<{ position: number; tag: string }>).map((r) => ({
          table: 'event_tags',
          position: r.position,
          detail: `a row for tag ${r.tag} at position ${r.position}, where the log has no entry`,
        }))
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
