/**
 * The PostgreSQL register's derived data, read for verification and rebuilt by a repair: the tag
 * index (`event_tags`), the `tags`, `type` and `idempotency_key` columns of `events`, and the
 * checkpoints report snapshots record. A rebuild runs in one transaction under the append lock.
 * Witnesses' cosignatures (`checkpoint_cosignatures`) are evidence, not derived from the entries:
 * verification names one whose checkpoint is gone, and a rebuild never writes or removes one.
 */
import { guardAsync, type DerivedIndexes, type IndexedRow, type IndexedTag, type StoreError, type StrayRow } from '../../src/store/index.js'
import { dropGuardsSql, installGuardsSql } from './guards.js'
import { lockKey, type PgPool } from './schema.js'

/** The deepest tree level a stray node is looked for on (2^62 entries). */
const LEVELS = 62

/**
 * The derived data of a register in schema `S` (quoted) on a pool.
 *
 * @example
 * const indexes = postgresIndexes(pool, 'contact_ledger', '"contact_ledger"', pgError(target))
 */
export const postgresIndexes = (pool: PgPool, schema: string, S: string, fail: (e: unknown) => StoreError): DerivedIndexes => {
  const guarded = guardAsync(fail)
  const entryJson = `e.entry::jsonb`
  return {
    tagTables: ['events.tags', 'event_tags'],
    tagTable: 'event_tags',
    // the events' own columns, by the primary key's range; the tag table is looked up by its key (missingTag)
    rows: ({ from, limit }) =>
      guarded(async () => {
        const events = (
          await pool.query(
            `SELECT position::text AS p, type, idempotency_key AS k, tags FROM ${S}.events WHERE position >= $1 ORDER BY position LIMIT $2`,
            [from, limit],
          )
        ).rows
        return events.map(
          (e): IndexedRow => ({
            position: Number(e['p']),
            type: e['type'] as string,
            idempotencyKey: (e['k'] as string | null) ?? null,
            tags: (e['tags'] as string[]).map((tag): IndexedTag => ({ table: 'events.tags', tag, type: e['type'] as string })),
          }),
        )
      }),
    missingTag: (wanted) =>
      guarded(async () => {
        if (wanted.length === 0) return undefined
        const r = await pool.query(
          `SELECT w.i::int AS i FROM unnest($1::text[], $2::text[], $3::bigint[]) WITH ORDINALITY AS w(tag, type, position, i)
           WHERE NOT EXISTS (SELECT 1 FROM ${S}.event_tags t WHERE t.tag = w.tag AND t.type = w.type AND t.position = w.position) ORDER BY w.i LIMIT 1`,
          [wanted.map((w) => w.tag), wanted.map((w) => w.type), wanted.map((w) => w.position)],
        )
        return r.rows.length === 0 ? undefined : wanted[Number(r.rows[0]!['i']) - 1]
      }),
    tagRows: () => guarded(async () => Number((await pool.query(`SELECT count(*)::text AS n FROM ${S}.event_tags`)).rows[0]!['n'])),
    extraTag: () =>
      guarded(async () => {
        const r = await pool.query(
          `SELECT t.position::text AS p, t.tag, t.type, e.position IS NULL AS stray
           FROM ${S}.event_tags t LEFT JOIN ${S}.events e ON e.position = t.position
           WHERE e.position IS NULL OR t.type IS DISTINCT FROM ${entryJson}->>'type' OR NOT ((${entryJson}->'tags') ? t.tag)
           ORDER BY t.position, t.tag LIMIT 1`,
        )
        const t = r.rows[0]
        return t === undefined ? undefined : { position: Number(t['p']), tag: t['tag'] as string, type: t['type'] as string, stray: t['stray'] === true }
      }),
    strays: (size) =>
      guarded(async () => {
        const out: StrayRow[] = []
        const cosigned = await pool.query(
          `SELECT DISTINCT x.tree_size::text AS s FROM ${S}.checkpoint_cosignatures x
             WHERE NOT EXISTS (SELECT 1 FROM ${S}.checkpoints c WHERE c.tree_size = x.tree_size) ORDER BY 1 LIMIT 3`,
        ).catch((e: unknown) => {
          if ((e as { code?: string }).code === '42P01') return { rows: [] } // an older register opened read-only: no such table
          throw e
        })
        for (const r of cosigned.rows)
          out.push({ table: 'checkpoint_cosignatures', position: Number(r['s']), detail: `a cosignature of the checkpoint at size ${r['s'] as string}, which the checkpoints table lacks` })
        const levels = [...Array(LEVELS + 1).keys()]
        const nodes = await pool.query(
          `SELECT n.level, min(n.idx)::text AS idx FROM ${S}.nodes n JOIN unnest($1::integer[], $2::bigint[]) AS w(level, width) ON n.level = w.level AND n.idx >= w.width
           GROUP BY n.level ORDER BY n.level LIMIT 3`,
          [levels, levels.map((l) => Math.floor(size / 2 ** l))],
        )
        for (const n of nodes.rows)
          out.push({
            table: 'nodes',
            position: Number(n['idx']) * 2 ** Number(n['level']),
            detail: `node ${n['level'] as number}:${n['idx'] as string}, beyond the tree of ${size} entries`,
          })
        return out
      }),
    rebuild: () =>
      guarded(async () => {
        const client = await pool.connect()
        let broken = false
        try {
          await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${lockKey('append', schema)})`)
          // the one sanctioned way around the append-only triggers: dropped here, put on again before the commit
          await client.query(dropGuardsSql(S))
          await client.query(`CREATE TEMP TABLE old_tags ON COMMIT DROP AS SELECT tag, type, position FROM ${S}.event_tags; DELETE FROM ${S}.event_tags`)
          await client.query(
            `INSERT INTO ${S}.event_tags (tag, type, position)
               SELECT DISTINCT j.tag, ${entryJson}->>'type', e.position FROM ${S}.events e CROSS JOIN LATERAL jsonb_array_elements_text(${entryJson}->'tags') AS j(tag)`,
          )
          const count = async (sql: string): Promise<number> => Number((await client.query(sql)).rows[0]!['n'])
          const eventTags = await count(
            `SELECT (SELECT count(*) FROM (SELECT tag, type, position FROM ${S}.event_tags EXCEPT SELECT tag, type, position FROM old_tags) a)
                  + (SELECT count(*) FROM (SELECT tag, type, position FROM old_tags EXCEPT SELECT tag, type, position FROM ${S}.event_tags) b) AS n`,
          )
          const fixed = await count(
            `WITH fixed AS (
               UPDATE ${S}.events e SET
                 type = ${entryJson}->>'type',
                 tags = ARRAY(SELECT jsonb_array_elements_text(${entryJson}->'tags')),
                 idempotency_key = ${entryJson}->'meta'->>'idempotencyKey'
               WHERE e.type IS DISTINCT FROM ${entryJson}->>'type'
                  OR e.tags IS DISTINCT FROM ARRAY(SELECT jsonb_array_elements_text(${entryJson}->'tags'))
                  OR e.idempotency_key IS DISTINCT FROM ${entryJson}->'meta'->>'idempotencyKey'
               RETURNING 1)
             SELECT count(*) AS n FROM fixed`,
          )
          const checkpoints = await count(
            `WITH put AS (
               INSERT INTO ${S}.checkpoints (tree_size, note)
                 SELECT DISTINCT ON (size) size, note FROM (
                   SELECT (${entryJson}->'data'->>'logSize')::bigint AS size, ${entryJson}->'data'->>'checkpoint' AS note, e.position
                   FROM ${S}.events e WHERE e.entry::jsonb->>'type' = 'ReportSnapshotTaken') s
                 ORDER BY size, position
               ON CONFLICT (tree_size) DO NOTHING RETURNING 1)
             SELECT count(*) AS n FROM put`,
          )
          await client.query(installGuardsSql(S))
          await client.query('COMMIT')
          return { event_tags: eventTags, events: fixed, checkpoints }
        } catch (e) {
          broken = true
          await client.query('ROLLBACK').catch(() => undefined)
          throw e
        } finally {
          client.release(broken)
        }
      }),
  }
}
