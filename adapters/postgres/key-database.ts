/**
 * Where a PostgreSQL register's person keys live: a database of their own (by default the
 * register's database name + `_keys` on the same server), so that a dump, a backup or a replica of
 * the register's database never holds a key, and an erasure (destroying the key) reaches every
 * copy of the register made before it. Registers written before this kept the keys in a
 * `person_keys` table beside the log; opening one moves them to the key database first.
 */
import * as E from 'fp-ts/lib/Either.js'
import { storeError, type StoreError } from '../../src/store/index.js'
import { connectPostgres, targetOf } from './connect.js'
import { pgError } from './errors.js'
import type { PgPool } from './schema.js'

/**
 * The key database's URL for a register URL: the same server and role, database + `_keys`.
 *
 * @example
 * keysUrlOf('postgres://u@db:5432/register') // 'postgres://u@db:5432/register_keys'
 */
export const keysUrlOf = (url: string): string => {
  const u = new URL(url)
  u.pathname = `/${encodeURIComponent(`${targetOf(url).database}_keys`)}`
  return u.toString()
}

/** Makes the database a URL names when it is missing (the role must be allowed to: CREATEDB), else a StoreError naming what to do. */
export const ensureDatabase = async (url: string): Promise<E.Either<StoreError, void>> => {
  const target = targetOf(url)
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const pool = await connectPostgres(admin.toString(), { max: 1 })
  if (E.isLeft(pool)) return pool
  try {
    const there = async () => (await pool.right.query('SELECT 1 FROM pg_database WHERE datname = $1', [target.database])).rows.length === 1
    if (await there()) return E.right(undefined)
    try {
      await pool.right.query(`CREATE DATABASE "${target.database.replace(/"/g, '""')}"`)
    } catch (e) {
      if (await there()) return E.right(undefined) // another process made it at the same time
      return E.left(
        storeError(
          pgError(target)(e).reason,
          `cannot create the key database ${target.database} on ${target.host}:${target.port} (${e instanceof Error ? e.message : String(e)}); create it (createdb ${target.database}) or name another with keysUrl / CONTACT_LEDGER_KEYS`,
        ),
      )
    }
    return E.right(undefined)
  } catch (e) {
    return E.left(pgError(target)(e))
  } finally {
    await pool.right.end().catch(() => undefined)
  }
}

/**
 * Moves the keys of a register written before the key database (a `person_keys` table in the
 * register's schema) into the key store's table: copies them (a key already there must be the same
 * bytes, else nothing is moved and the StoreError names the person), then drops the old table.
 * A crash between the two leaves the keys in both, and the next open finishes the move.
 *
 * @example
 * await moveLegacyKeys(registerPool, '"contact_ledger"', keysPool, '"contact_ledger"')
 */
export const moveLegacyKeys = async (from: PgPool, fromS: string, to: PgPool, toS: string): Promise<E.Either<StoreError, number>> => {
  const legacy = await from.query(`SELECT to_regclass('${fromS.replace(/'/g, "''")}.person_keys') IS NOT NULL AS there`)
  if (legacy.rows[0]?.['there'] !== true) return E.right(0)
  const rows = (await from.query(`SELECT person_id, key FROM ${fromS}.person_keys ORDER BY person_id`)).rows
  for (const r of rows) {
    await to.query(`INSERT INTO ${toS}.person_keys (person_id, key) VALUES ($1, $2) ON CONFLICT (person_id) DO NOTHING`, [r['person_id'], r['key']])
    const now = (await to.query(`SELECT key FROM ${toS}.person_keys WHERE person_id = $1`, [r['person_id']])).rows[0]?.['key'] as Buffer | undefined
    if (now === undefined || Buffer.compare(now, r['key'] as Buffer) !== 0)
      return E.left(
        storeError('corrupt', `the key of person ${r['person_id'] as string} beside the register differs from the one in the key database; nothing was moved: compare the two and keep the one the person's data opens with`),
      )
  }
  await from.query(`DROP TABLE ${fromS}.person_keys`)
  return E.right(rows.length)
}

/**
 * How many key figures the register holds sealed personal data of whose key was never erased
 * (registered minus erased), found by the type index (a scan of those two types only).
 *
 * @example
 * const live = await liveSealedPersons(registerPool, '"contact_ledger"') // 3
 */
export const liveSealedPersons = async (pool: PgPool, S: string): Promise<number> => {
  const there = await pool.query(`SELECT to_regclass('${S.replace(/'/g, "''")}.events') IS NOT NULL AS there`)
  if (there.rows[0]?.['there'] !== true) return 0
  const r = await pool.query(
    `SELECT count(*)::int AS n FROM (
       SELECT entry::jsonb->'data'->>'personId' FROM ${S}.events WHERE type = 'KeyFigureRegistered'
       EXCEPT SELECT entry::jsonb->'data'->>'personId' FROM ${S}.events WHERE type = 'KeyFigureErased') x`,
  )
  return Number(r.rows[0]?.['n'] ?? 0)
}
