/**
 * The PostgreSQL KeyStore: person keys in a table of their own (`person_keys`), which
 * `openPostgres` opens in a database of its own (key-database.ts), so the register's database can
 * be copied, dumped or replicated without keys, and destroying a key touches nothing in the log.
 */
import * as E from 'fp-ts/lib/Either.js'
import { guardAsync, keyExists, type KeyStore, type StoreError } from '../../src/store/index.js'
import { pgError, type PgTarget } from './errors.js'
import { schemaOf, type PgPool } from './schema.js'

/** Options of the PostgreSQL key store. */
export interface PgKeyStoreOptions {
  /** The PostgreSQL schema holding the key table (default `contact_ledger`). */
  readonly schema?: string
  /** Whether `close` ends the pool (default true; false when the event store shares it). */
  readonly closePool?: boolean
}

/**
 * A KeyStore over a node-postgres pool, creating its table on first use.
 *
 * @example
 * const keys = await postgresKeyStore(pool, targetOf(url), { schema: 'contact_ledger' })
 */
export const postgresKeyStore = async (pool: PgPool, target: PgTarget, options: PgKeyStoreOptions = {}): Promise<E.Either<StoreError, KeyStore>> => {
  const named = schemaOf(options.schema)
  if (E.isLeft(named)) return named
  const { schema, S } = named.right
  const fail = pgError(target)
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${S}`).catch(() => undefined) // a concurrent creator may win; the next line tells
    await pool.query(`CREATE TABLE IF NOT EXISTS ${S}.person_keys (person_id text PRIMARY KEY, key bytea NOT NULL)`)
  } catch (e) {
    // two processes creating the table at once: one wins, and the table is there for both
    const exists = await pool.query(`SELECT to_regclass('${schema}.person_keys') IS NOT NULL AS ok`).catch(() => undefined)
    if (exists?.rows[0]?.['ok'] !== true) return E.left(fail(e))
  }
  const guarded = guardAsync(fail)
  return E.right({
    put: (personId, key) => () =>
      pool
        .query(`INSERT INTO ${S}.person_keys (person_id, key) VALUES ($1, $2) ON CONFLICT (person_id) DO NOTHING RETURNING 1 AS ok`, [personId, Buffer.from(key)])
        .then(
          (r) => (r.rows.length === 1 ? E.right(undefined) : E.left(keyExists(personId))),
          (e: unknown) => E.left(fail(e)),
        ),
    get: (personId) =>
      guarded(async () => {
        const r = await pool.query(`SELECT key FROM ${S}.person_keys WHERE person_id = $1`, [personId])
        const key = r.rows[0]?.['key'] as Buffer | undefined
        return key === undefined ? null : new Uint8Array(key)
      }),
    // one statement, so all are stored or none: a taken id fails it (unique violation), named
    putMany: (entries) => () =>
      pool
        .query(`INSERT INTO ${S}.person_keys (person_id, key) SELECT * FROM unnest($1::text[], $2::bytea[])`, [
          entries.map(([id]) => id),
          entries.map(([, key]) => Buffer.from(key)),
        ])
        .then(
          () => E.right(undefined),
          (e: unknown) => {
            if ((e as { code?: unknown }).code !== '23505') return E.left(fail(e))
            const detail = String((e as { detail?: unknown }).detail ?? '')
            return E.left(keyExists(entries.find(([id]) => detail.includes(`=(${id})`))?.[0] ?? entries[0]![0]))
          },
        ),
    getMany: (ids) =>
      guarded(async () => {
        const r = await pool.query(`SELECT person_id, key FROM ${S}.person_keys WHERE person_id = ANY($1::text[])`, [[...ids]])
        const found = new Map(r.rows.map((row) => [row['person_id'] as string, new Uint8Array(row['key'] as Buffer)] as const))
        return new Map(ids.map((id) => [id, found.get(id) ?? null] as const))
      }),
    destroy: (personId) =>
      guarded(async () => {
        // PostgreSQL keeps the deleted row version on disk until (auto)vacuum reclaims it; the key
        // is unreachable through SQL from this commit on
        await pool.query(`DELETE FROM ${S}.person_keys WHERE person_id = $1`, [personId])
      }),
    close: async () => {
      if (options.closePool !== false) await pool.end().catch(() => undefined)
    },
  })
}
