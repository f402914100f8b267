/**
 * The PostgreSQL dialect: write transactions serialised by a transaction-scoped advisory lock, so
 * that positions are gapless and assigned in commit order, and conditions hold, with any number of
 * writer processes on any number of machines. A later append waits for the earlier one's commit,
 * which is visible before its lock is released: a follower never sees position n+1 before n.
 * Each transaction has a connection of its own, so the core does not serialise them in process.
 * When the core keeps the frontier of its own last append, an append is one statement: the
 * server-side function of append-function.ts, which takes the same lock.
 */
import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { guardAsync, type NodeId, type Selection, type StorageDialect, type StoredEvent, type StoreError, type WriteSet, type WriteTransaction } from '../../src/store/index.js'
import { guardRegister } from './guards.js'
import { postgresIndexes } from './indexes.js'
import { pgError, type PgTarget } from './errors.js'
import { appendCall, outcomeOf } from './append-function.js'
import {
  lockKey,
  migratePostgres,
  PG_APPEND_FUNCTION_VERSION,
  PG_COSIGNATURES_VERSION,
  PG_READ_SCHEMA_VERSION,
  PG_SCHEMA_VERSION,
  schemaOf,
  type PgNamedQuery,
  type PgPool,
  type PgQueryable,
} from './schema.js'

// ---------------------------------------------------------------------------------------------
// utils

/**
 * A SQL condition on `events` matching a selection for positions from `from` (a SQL expression),
 * with parameters numbered from `params.length + 1`; `TRUE` for all events, `FALSE` for none.
 * Tag groups are looked up in `event_tags` by (tag, type, position), and all groups form one list
 * of positions, `position = ANY(ARRAY(… UNION ALL …))`: the server gathers the matching positions
 * by index first and then fetches just those events. An OR of subqueries, or an IN the planner may
 * turn around, had it scan every event from `from` on, so the cost followed the length of the log
 * rather than the events that match.
 *
 * @example
 * const params: unknown[] = [10]
 * compileSelection('"s"', [{ _tag: 'AnyTag', tags: ['organisation:1'] }], params, '$1::bigint')
 */
export const compileSelection = (S: string, selection: Selection, params: unknown[], from: string): string => {
  if (selection === 'all') return 'TRUE'
  const typeIn = (types: ReadonlyArray<string> | undefined) => (types === undefined ? '' : ` AND type = ANY($${params.push([...types])}::text[])`)
  const parts = selection.map((g) => {
    switch (g._tag) {
      case 'Types':
        return `SELECT position FROM ${S}.events WHERE position >= ${from}${typeIn(g.types)}`
      case 'AnyTag':
        // one index seek per tag: a single tag by equality; several by a LATERAL subquery the
        // planner cannot flatten (OFFSET 0): as one `tag = ANY(...)` scan, stale statistics made
        // the planner scan the whole tag table for a batch's hundred tags
        return g.tags.length === 1
          ? `SELECT position FROM ${S}.event_tags WHERE tag = $${params.push(g.tags[0])} AND position >= ${from}${typeIn(g.types)}`
          : `SELECT t.position FROM unnest($${params.push([...g.tags])}::text[]) AS q(tag) CROSS JOIN LATERAL (SELECT position FROM ${S}.event_tags WHERE tag = q.tag AND position >= ${from}${typeIn(g.types)} OFFSET 0) AS t`
      case 'AllTags': {
        const each = g.tags.map((tag, i) => `SELECT position FROM ${S}.event_tags WHERE tag = $${params.push(tag)} AND position >= ${from}${i === 0 ? typeIn(g.types) : ''}`)
        return `(${each.join(' INTERSECT ')})`
      }
    }
  })
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

/** SQLSTATE undefined_function. */
const UNDEFINED_FUNCTION = '42883'

const parseEntries = (rows: ReadonlyArray<Record<string, unknown>>): StoredEvent[] =>
  rows.map((r) => JSON.parse(r['entry'] as string) as StoredEvent)

const nodesOn = async (q: PgQueryable, S: string, ids: ReadonlyArray<NodeId>): Promise<ReadonlyArray<Uint8Array | undefined>> => {
  if (ids.length === 0) return []
  const r = await q.query(
    `SELECT level, idx::text AS idx, hash FROM ${S}.nodes WHERE (level, idx) IN (SELECT * FROM unnest($1::integer[], $2::bigint[]))`,
    [ids.map((i) => i.level), ids.map((i) => i.index)],
  )
  const byId = new Map(r.rows.map((row) => [`${row['level']}:${row['idx']}`, row['hash'] as Buffer]))
  return ids.map((i) => byId.get(`${i.level}:${i.index}`))
}

/** One statement writing a batch's events, tags and nodes. */
const insertOf = (S: string, w: WriteSet): PgNamedQuery =>
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
      w.rows.map((r) => r.event.position),
      w.rows.map((r) => r.event.type),
      w.rows.map((r) => JSON.stringify(r.event.tags)),
      w.rows.map((r) => r.event.meta.idempotencyKey ?? null),
      w.rows.map((r) => r.entry),
      w.nodes.map((n) => n.level),
      w.nodes.map((n) => n.index),
      w.nodes.map((n) => Buffer.from(n.hash)),
    ],
  )

// ---------------------------------------------------------------------------------------------
// constructors

/** Options of the PostgreSQL dialect. */
export interface PgStoreOptions {
  /** The PostgreSQL schema holding the register (default `contact_ledger`), created on first use. */
  readonly schema?: string
  /**
   * Put the append-only triggers on the register's tables when they are missing (guards.ts;
   * default true). False for a command that only reads: it changes nothing (DOMAIN.md rule 22).
   */
  readonly guard?: boolean
}

/**
 * A dialect over a node-postgres pool, creating the register's tables on first use.
 *
 * @example
 * const dialect = await postgresDialect(pool, targetOf(url), { schema: 'contact_ledger' })
 */
export const postgresDialect = async (pool: PgPool, target: PgTarget, options: PgStoreOptions = {}): Promise<E.Either<StoreError, StorageDialect>> => {
  const named = schemaOf(options.schema)
  if (E.isLeft(named)) return named
  const { schema, S } = named.right
  const fail = pgError(target)
  const writes = options.guard !== false
  let version: number
  try {
    // a command that only reads takes the register no further than earlier versions did on every open
    const migrated = await migratePostgres(pool, schema, writes ? PG_SCHEMA_VERSION : PG_READ_SCHEMA_VERSION)
    if (E.isLeft(migrated)) return migrated
    version = migrated.right
    if (writes) await guardRegister(pool, schema, S)
  } catch (e) {
    return E.left(fail(e))
  }
  // the account the server authenticated: read once, recorded on every event appended through this store
  let sessionUser: string | undefined
  try {
    const row = (await pool.query('SELECT session_user::text AS who')).rows[0] as { who?: unknown } | undefined
    sessionUser = typeof row?.who === 'string' ? row.who : undefined
  } catch (e) {
    return E.left(fail(e))
  }
  const LOCK = lockKey('append', schema)
  const guarded = guardAsync(fail)

  const txOn = (client: PgQueryable): WriteTransaction => ({
    inspect: ({ keys, condition }) =>
      guarded(async () => {
        const params: unknown[] = [keys]
        let hit = 'FALSE'
        if (condition !== undefined) {
          const from = `$${params.push(condition.after + 1)}::bigint`
          hit = `EXISTS (SELECT 1 FROM ${S}.events WHERE position >= ${from} AND ${compileSelection(S, condition.selection, params, from)})`
        }
        // planned for these values each time (not prepared): a generic plan cannot know that
        // `position >= $n` leaves only the last few events, and would scan the log
        const row = (
          await client.query(
            `SELECT (SELECT coalesce(max(position) + 1, 0) FROM ${S}.events)::text AS size,
                    EXISTS (SELECT 1 FROM ${S}.events WHERE idempotency_key = ANY($1::text[])) AS key_seen,
                    ${hit} AS hit`,
            params,
          )
        ).rows[0]!
        return { size: Number(row['size']), keySeen: row['key_seen'] === true, matched: row['key_seen'] !== true && row['hit'] === true }
      }),
    nodes: (ids) => guarded(() => nodesOn(client, S, ids)),
  })

  const transact: StorageDialect['transact'] = (plan) => async () => {
    let client
    try {
      client = await pool.connect()
    } catch (e) {
      return E.left(fail(e))
    }
    let broken = false
    try {
      await client.query(`BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(${LOCK})`)
      const r = await plan(txOn(client))()
      if (E.isLeft(r)) return (await client.query('ROLLBACK'), r)
      await client.query(insertOf(S, r.right))
      await client.query('COMMIT')
      return E.right(undefined)
    } catch (e) {
      broken = true
      await client.query('ROLLBACK').catch(() => undefined)
      return E.left(fail(e))
    } finally {
      client.release(broken)
    }
  }

  /**
   * One statement, its own transaction, prepared once per connection (the function plans its own
   * look-ups for their values); a register of an older schema (opened read-only) has no function:
   * `transact` then.
   */
  const appendPlaced: NonNullable<StorageDialect['appendPlaced']> = (request) =>
    guarded(async () => {
      if (version < PG_APPEND_FUNCTION_VERSION) return { _tag: 'Unavailable' as const }
      const [text, values] = appendCall(S, request)
      try {
        return outcomeOf((await pool.query(prepared(text, values))).rows[0])
      } catch (e) {
        // the function is gone (dropped by hand, a restore without it): the four steps still work
        if ((e as { code?: unknown }).code === UNDEFINED_FUNCTION) return { _tag: 'Unavailable' as const }
        throw e
      }
    })

  return E.right({
    ...(sessionUser !== undefined ? { sessionUser } : {}),
    transact,
    appendPlaced,
    parallelTransactions: true,
    read: ({ selection, from, to, limit }) =>
      guarded(async () => {
        const params: unknown[] = [from, to ?? Number.MAX_SAFE_INTEGER, limit ?? null]
        const where = compileSelection(S, selection, params, '$1::bigint')
        if (where === 'FALSE') return []
        const r = await pool.query(`SELECT entry FROM ${S}.events WHERE position >= $1 AND position < $2 AND ${where} ORDER BY position LIMIT $3`, params)
        return parseEntries(r.rows)
      }),
    size: () => guarded(async () => Number((await pool.query(`SELECT (coalesce(max(position) + 1, 0))::text AS n FROM ${S}.events`)).rows[0]!['n'])),
    readByIdempotencyKey: (key) =>
      guarded(async () => parseEntries((await pool.query(`SELECT entry FROM ${S}.events WHERE idempotency_key = $1 ORDER BY position`, [key])).rows)),
    entries: ({ from, limit }) =>
      guarded(async () =>
        (await pool.query(`SELECT position::text AS p, type, entry FROM ${S}.events WHERE position >= $1 ORDER BY position LIMIT $2`, [from, limit])).rows.map(
          (r) => ({ position: Number(r['p']), type: r['type'] as string, entry: r['entry'] as string }),
        ),
      ),
    nodes: (ids) => guarded(() => nodesOn(pool, S, ids)),
    putCheckpoint: (c) =>
      guarded(async () => {
        // a stored checkpoint is evidence and never replaced (the table is append-only, guards.ts)
        await pool.query(`INSERT INTO ${S}.checkpoints (tree_size, note) VALUES ($1, $2) ON CONFLICT (tree_size) DO NOTHING`, [c.treeSize, c.note])
      }),
    checkpoints: () =>
      guarded(async () => {
        const sql =
          version >= PG_COSIGNATURES_VERSION
            ? `SELECT c.tree_size::text AS s, c.note || coalesce((SELECT string_agg(x.line || E'\\n', '' ORDER BY x.id) FROM ${S}.checkpoint_cosignatures x WHERE x.tree_size = c.tree_size), '') AS note
                 FROM ${S}.checkpoints c ORDER BY c.tree_size`
            : `SELECT tree_size::text AS s, note FROM ${S}.checkpoints ORDER BY tree_size`
        return (await pool.query(sql)).rows.map((r) => ({ treeSize: Number(r['s']), note: r['note'] as string }))
      }),
    addCosignatures: (treeSize, lines) => async () => {
      // the first cosignature stored in a register opened read-only takes it to the schema that holds them
      if (version < PG_COSIGNATURES_VERSION)
        try {
          const up = await migratePostgres(pool, schema)
          if (E.isLeft(up)) return up
          await guardRegister(pool, schema, S)
          version = up.right
        } catch (e) {
          return E.left(fail(e))
        }
      return guarded(async () => {
        // one statement: every line or none; those stored already are skipped, and all of them without the checkpoint
        const r = await pool.query(
          `INSERT INTO ${S}.checkpoint_cosignatures (tree_size, line)
             SELECT $1::bigint, l.line FROM unnest($2::text[]) WITH ORDINALITY AS l(line, n)
             WHERE EXISTS (SELECT 1 FROM ${S}.checkpoints WHERE tree_size = $1::bigint) ORDER BY l.n
           ON CONFLICT (tree_size, line) DO NOTHING RETURNING line`,
          [treeSize, lines],
        )
        const added = new Set(r.rows.map((x) => x['line'] as string))
        return lines.filter((l) => added.has(l))
      })()
    },
    indexes: postgresIndexes(pool, schema, S, fail),
    close: () => pool.end().catch(() => undefined),
  })
}
