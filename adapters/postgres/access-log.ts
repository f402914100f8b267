/**
 * The PostgreSQL AccessLog: records and the chain's head in tables of their own
 * (`access_records`, `access_head`) in the register's schema, created on first use. Each append
 * locks the head row (`SELECT … FOR UPDATE`), chains, inserts and moves the head in one
 * transaction, so concurrent readers on many processes chain one after the other.
 */
import * as E from 'fp-ts/lib/Either.js'
import { chainAccess, EMPTY_ACCESS_HEAD, guardAsync, type AccessHead, type AccessLog, type AccessRecord, type StoreError } from '../../src/store/index.js'
import { connectPostgres } from './connect.js'
import { pgError, type PgTarget } from './errors.js'
import { schemaOf, type PgPool, type PgQueryable } from './schema.js'
import { targetOf } from './connect.js'

/** Options of the PostgreSQL access log. */
export interface PgAccessLogOptions {
  /** The PostgreSQL schema holding the tables (default `contact_ledger`, the register's). */
  readonly schema?: string
  /** Whether `close` ends the pool (default true). */
  readonly closePool?: boolean
}

const headOf = async (q: PgQueryable, S: string, lock: boolean): Promise<AccessHead> => {
  const r = await q.query(`SELECT count, hash FROM ${S}.access_head WHERE id = 1${lock ? ' FOR UPDATE' : ''}`)
  const row = r.rows[0]
  return row === undefined ? EMPTY_ACCESS_HEAD : { count: Number(row['count']), hash: String(row['hash']) }
}

/**
 * An AccessLog over a node-postgres pool, creating its tables on first use.
 *
 * @example
 * const log = await postgresAccessLog(pool, targetOf(url), { schema: 'contact_ledger' })
 */
export const postgresAccessLog = async (pool: PgPool, target: PgTarget, options: PgAccessLogOptions = {}): Promise<E.Either<StoreError, AccessLog>> => {
  const named = schemaOf(options.schema)
  if (E.isLeft(named)) return named
  const { schema, S } = named.right
  const fail = pgError(target)
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${S}`).catch(() => undefined) // a concurrent creator may win; the next lines tell
    await pool.query(`CREATE TABLE IF NOT EXISTS ${S}.access_records (seq bigint PRIMARY KEY, record jsonb NOT NULL)`)
    await pool.query(`CREATE TABLE IF NOT EXISTS ${S}.access_head (id int PRIMARY KEY CHECK (id = 1), count bigint NOT NULL, hash text NOT NULL)`)
    await pool.query(`INSERT INTO ${S}.access_head (id, count, hash) VALUES (1, 0, $1) ON CONFLICT (id) DO NOTHING`, [EMPTY_ACCESS_HEAD.hash])
  } catch (e) {
    // two processes creating the tables at once: one wins, and the tables are there for both
    const exists = await pool.query(`SELECT to_regclass('${schema}.access_head') IS NOT NULL AS ok`).catch(() => undefined)
    if (exists?.rows[0]?.['ok'] !== true) return E.left(fail(e))
    await pool.query(`INSERT INTO ${S}.access_head (id, count, hash) VALUES (1, 0, $1) ON CONFLICT (id) DO NOTHING`, [EMPTY_ACCESS_HEAD.hash]).catch(() => undefined)
  }
  const guarded = guardAsync(fail)
  return E.right({
    append: (entry) =>
      guarded(async () => {
        const client = await pool.connect()
        try {
          await client.query('BEGIN')
          const record = chainAccess(await headOf(client, S, true), entry)
          await client.query(`INSERT INTO ${S}.access_records (seq, record) VALUES ($1, $2)`, [record.seq, JSON.stringify(record)])
          await client.query(`UPDATE ${S}.access_head SET count = $1, hash = $2 WHERE id = 1`, [record.seq + 1, record.hash])
          await client.query('COMMIT')
          return record
        } catch (e) {
          await client.query('ROLLBACK').catch(() => undefined)
          throw e
        } finally {
          client.release()
        }
      })(),
    read: (range = {}) =>
      guarded(async () => {
        const r = await pool.query(`SELECT record FROM ${S}.access_records WHERE seq >= $1 AND seq < $2 ORDER BY seq`, [range.from ?? 0, range.to ?? Number.MAX_SAFE_INTEGER])
        return r.rows.map((row) => row['record'] as AccessRecord)
      })(),
    head: () => guarded(() => headOf(pool, S, false))(),
    close: async () => {
      if (options.closePool !== false) await pool.end().catch(() => undefined)
    },
  })
}

/**
 * Connects to the server a `postgres://` URL names (a `?schema=NAME` in it picks the schema) and
 * opens the register's access log there; `close` ends its pool.
 *
 * @example
 * const log = await openPostgresAccessLog({ url: 'postgres://postgres@127.0.0.1:5432/test' })
 */
export const openPostgresAccessLog = async ({ url, schema }: { readonly url: string; readonly schema?: string }): Promise<E.Either<StoreError, AccessLog>> => {
  let plain = url
  let named = schema
  try {
    const u = new URL(url)
    named ??= u.searchParams.get('schema') ?? undefined
    u.searchParams.delete('schema')
    plain = u.toString()
  } catch {
    // not a URL: connectPostgres names what is wrong
  }
  const pool = await connectPostgres(plain, { max: 2 })
  if (E.isLeft(pool)) return pool
  const log = await postgresAccessLog(pool.right, targetOf(plain), named !== undefined ? { schema: named } : {})
  if (E.isLeft(log)) await pool.right.end().catch(() => undefined)
  return log
}
