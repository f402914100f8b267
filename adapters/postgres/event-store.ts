/**
 * The PostgreSQL EventStore: appends serialised by a transaction-scoped advisory lock, so that
 * positions are gapless and assigned in commit order, and conditions hold, with any number of
 * writer processes on any number of machines. A later append waits for the earlier one's commit,
 * which is visible before its lock is released: a follower never sees position n+1 before n.
 */
import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import { prepareBatch } from '../../src/audit/entries.js'
import { frontierAfter, frontierIds } from '../../src/audit/tree.js'
import { conflict, storeError, type Conflict, type StoreError } from '../../src/domain/errors.js'
import type { StoredEvent } from '../../src/domain/events.js'
import type { EventStore, ReadOptions } from '../../src/ports/event-store.js'
import type { Query } from '../../src/ports/query.js'
import { guardedWith, pgError, type PgTarget } from './errors.js'
import { lockKey, migratePostgres, quoteSchema, type PgNamedQuery, type PgPool } from './schema.js'

// ---------------------------------------------------------------------------------------------
// utils

/**
 * A SQL condition on `events` matching a query (types × tags) for positions from `from` (a SQL
 * expression), with parameters numbered from `params.length + 1`; `TRUE` when it matches every
 * event, `FALSE` when it matches none. Tagged items are looked up in `event_tags` by (tag, type,
 * position), and all items form one list of positions, `position = ANY(ARRAY(… UNION ALL …))`:
 * the server gathers the matching positions by index first and then fetches just those events.
 * An OR of subqueries, or an IN the planner may turn around, had it scan every event from `from`
 * on, so the cost followed the length of the log rather than the events that match.
 */
export const matchingSql = (S: string, query: Query, params: unknown[], from: string): string => {
  const parts: string[] = []
  // items with one tag and the same types are asked together (`tag = ANY(…)`): a batch's query has hundreds
  const single = new Map<string, { types: ReadonlyArray<string> | undefined; tags: string[] }>()
  for (const item of query) {
    if (item.types !== undefined && item.types.length === 0) continue
    const tags = [...new Set(item.tags ?? [])]
    const typeIn = () => (item.types === undefined ? '' : ` AND type = ANY($${params.push([...item.types])}::text[])`)
    if (tags.length === 0) {
      if (item.types === undefined) return 'TRUE'
      parts.push(`SELECT position FROM ${S}.events WHERE position >= ${from}${typeIn()}`)
    } else if (tags.length === 1) {
      const key = item.types === undefined ? '*' : [...item.types].sort().join(',')
      const group = single.get(key) ?? { types: item.types, tags: [] }
      group.tags.push(tags[0]!)
      single.set(key, group)
    } else {
      const each = tags.map((tag, i) => `SELECT position FROM ${S}.event_tags WHERE tag = $${params.push(tag)} AND position >= ${from}${i === 0 ? typeIn() : ''}`)
      parts.push(`(${each.join(' INTERSECT ')})`)
    }
  }
  for (const { types, tags } of single.values()) {
    const typeIn = types === undefined ? '' : ` AND type = ANY($${params.push([...types])}::text[])`
    parts.push(`SELECT position FROM ${S}.event_tags WHERE tag = ANY($${params.push([...new Set(tags)])}::text[]) AND position >= ${from}${typeIn}`)
  }
  return parts.length === 0 ? 'FALSE' : `position = ANY(ARRAY(${parts.join(' UNION ALL ')}))`
}

/**
 * A statement prepared once per connection (its name is its text's hash), so the server does not
 * parse and plan the same SQL on every append. Only for statements whose best plan does not
 * depend on their values (the insert).
 */
const prepared = (text: string, values: ReadonlyArray<unknown>): PgNamedQuery => ({
  name: `cl_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`,
  text,
  values,
})

const parseEntries = (rows: ReadonlyArray<Record<string, unknown>>): StoredEvent[] =>
  rows.map((r) => JSON.parse(r['entry'] as string) as StoredEvent)

// ---------------------------------------------------------------------------------------------
// constructors

/** Options of the PostgreSQL event store. */
export interface PgStoreOptions {
  /** The PostgreSQL schema holding the register (default `contact_ledger`), created on first use. */
  readonly schema?: string
}

/**
 * An EventStore over a node-postgres pool, creating the register's tables on first use.
 *
 * @example
 * const store = await postgresEventStore(pool, targetOf(url), { schema: 'contact_ledger' })
 */
export const postgresEventStore = async (pool: PgPool, target: PgTarget, options: PgStoreOptions = {}): Promise<E.Either<StoreError, EventStore>> => {
  const schema = options.schema ?? 'contact_ledger'
  const quoted = quoteSchema(schema)
  if (E.isLeft(quoted)) return quoted
  const S = quoted.right
  const fail = pgError(target)
  try {
    const migrated = await migratePostgres(pool, schema)
    if (E.isLeft(migrated)) return migrated
  } catch (e) {
    return E.left(fail(e))
  }
  const LOCK = lockKey('append', schema)

  const guarded = guardedWith(fail)

  /** The tree's frontier at a size, as left by this store's own last append. */
  let known: { readonly size: number; readonly frontier: ReadonlyArray<Uint8Array> } | undefined

  const append: EventStore['append'] = (batch, options = {}) => async () => {
    let client
    try {
      client = await pool.connect()
    } catch (e) {
      return E.left(fail(e))
    }
    let broken = false
    try {
      await client.query(`BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(${LOCK})`)
      const keys = [...new Set(batch.flatMap((e) => (e.meta.idempotencyKey !== undefined ? [e.meta.idempotencyKey] : [])))]
      const condition = options.condition
      const params: unknown[] = [keys]
      let hit = 'FALSE'
      if (condition !== undefined) {
        const from = `$${params.push(condition.after + 1)}::bigint`
        hit = `EXISTS (SELECT 1 FROM ${S}.events WHERE position >= ${from} AND ${matchingSql(S, condition.query, params, from)})`
      }
      // planned for these values each time (not prepared): a generic plan cannot know that
      // `position >= $n` leaves only the last few events, and would scan the log
      const check = await client.query(
        `SELECT (SELECT coalesce(max(position) + 1, 0) FROM ${S}.events)::text AS size,
                EXISTS (SELECT 1 FROM ${S}.events WHERE idempotency_key = ANY($1::text[])) AS key_seen,
                ${hit} AS hit`,
        params,
      )
      const row = check.rows[0]!
      const size = Number(row['size'])
      if (row['key_seen'] === true) return (await client.query('ROLLBACK'), E.left<StoreError | Conflict>(conflict(size - 1)))
      if (row['hit'] === true) return (await client.query('ROLLBACK'), E.left<StoreError | Conflict>(conflict(condition!.after)))
      const ids = frontierIds(size)
      const found = known?.size === size ? { rows: [] } : await client.query(
        `SELECT level, idx::text AS idx, hash FROM ${S}.nodes WHERE (level, idx) IN (SELECT * FROM unnest($1::integer[], $2::bigint[]))`,
        [ids.map((i) => i.level), ids.map((i) => i.index)],
      )
      const byId = new Map(found.rows.map((r) => [`${r['level']}:${r['idx']}`, r['hash'] as Buffer]))
      // nothing was appended since our own last append: the frontier we kept is the stored one
      const frontier = known?.size === size ? known.frontier : ids.map((i) => byId.get(`${i.level}:${i.index}`))
      if (frontier.some((h) => h === undefined)) {
        await client.query('ROLLBACK')
        return E.left<StoreError | Conflict>(storeError('corrupt', `the register in schema ${schema} lacks tree nodes of size ${size}; run verify and restore from a copy`))
      }
      const ready = prepareBatch(size, frontier as Buffer[], batch)
      await client.query(
        prepared(
        `WITH e AS (
           INSERT INTO ${S}.events (position, type, tags, idempotency_key, entry)
           SELECT p, ty, ARRAY(SELECT jsonb_array_elements_text(tg)), k, en
           FROM unnest($1::bigint[], $2::text[], $3::jsonb[], $4::text[], $5::text[]) AS u(p, ty, tg, k, en)
         ), t AS (
           INSERT INTO ${S}.event_tags (tag, position, type)
           SELECT DISTINCT g.tag, u.p, u.ty FROM unnest($1::bigint[], $2::text[], $3::jsonb[]) AS u(p, ty, tg)
             CROSS JOIN LATERAL jsonb_array_elements_text(u.tg) AS g(tag)
         ), n AS (
           INSERT INTO ${S}.nodes (level, idx, hash) SELECT * FROM unnest($6::integer[], $7::bigint[], $8::bytea[])
         ) SELECT 1`,
        [
          ready.events.map((e) => e.position),
          ready.events.map((e) => e.type),
          ready.events.map((e) => JSON.stringify(e.tags)),
          ready.events.map((e) => e.meta.idempotencyKey ?? null),
          ready.bytes.map((b) => b.toString('utf8')),
          ready.nodes.map((n) => n.level),
          ready.nodes.map((n) => n.index),
          ready.nodes.map((n) => Buffer.from(n.hash)),
        ],
        ),
      )
      known = undefined // until the commit is known to have happened
      await client.query('COMMIT')
      known = { size: size + ready.events.length, frontier: frontierAfter(size, frontier as Buffer[], ready.nodes, ready.events.length) }
      return E.right(ready.events)
    } catch (e) {
      broken = true
      await client.query('ROLLBACK').catch(() => undefined)
      return E.left(fail(e))
    } finally {
      client.release(broken)
    }
  }

  const read = (options: ReadOptions = {}): TaskEither<StoreError, ReadonlyArray<StoredEvent>> =>
    guarded(async () => {
      const params: unknown[] = [Math.max(0, options.from ?? 0), options.to ?? Number.MAX_SAFE_INTEGER, options.limit ?? null]
      const where = options.query === undefined ? 'TRUE' : matchingSql(S, options.query, params, '$1::bigint')
      if (where === 'FALSE') return []
      const r = await pool.query(`SELECT entry FROM ${S}.events WHERE position >= $1 AND position < $2 AND ${where} ORDER BY position LIMIT $3`, params)
      return parseEntries(r.rows)
    })

  return E.right({
    append,
    read,
    size: () => guarded(async () => Number((await pool.query(`SELECT (coalesce(max(position) + 1, 0))::text AS n FROM ${S}.events`)).rows[0]!['n'])),
    readByIdempotencyKey: (key) =>
      guarded(async () => parseEntries((await pool.query(`SELECT entry FROM ${S}.events WHERE idempotency_key = $1 ORDER BY position`, [key])).rows)),
    entries: ({ from, limit }) =>
      guarded(async () =>
        (await pool.query(`SELECT position::text AS p, type, entry FROM ${S}.events WHERE position >= $1 ORDER BY position LIMIT $2`, [Math.max(0, from), limit])).rows.map(
          (r) => ({ position: Number(r['p']), type: r['type'] as string, entry: r['entry'] as string }),
        ),
      ),
    nodes: (ids) =>
      guarded(async () => {
        if (ids.length === 0) return []
        const r = await pool.query(
          `SELECT level, idx::text AS idx, hash FROM ${S}.nodes WHERE (level, idx) IN (SELECT * FROM unnest($1::integer[], $2::bigint[]))`,
          [ids.map((i) => i.level), ids.map((i) => i.index)],
        )
        const byId = new Map(r.rows.map((row) => [`${row['level']}:${row['idx']}`, row['hash'] as Buffer]))
        return ids.map((i) => byId.get(`${i.level}:${i.index}`))
      }),
    putCheckpoint: (c) =>
      guarded(async () => {
        await pool.query(`INSERT INTO ${S}.checkpoints (tree_size, note) VALUES ($1, $2) ON CONFLICT (tree_size) DO UPDATE SET note = excluded.note`, [c.treeSize, c.note])
      }),
    checkpoints: () =>
      guarded(async () =>
        (await pool.query(`SELECT tree_size::text AS s, note FROM ${S}.checkpoints ORDER BY tree_size`)).rows.map((r) => ({ treeSize: Number(r['s']), note: r['note'] as string })),
      ),
    close: () => pool.end().catch(() => undefined),
  })
}
