/**
 * `contact-ledger/adapters/postgres`: for many writers and readers on real servers. The register
 * lives in a PostgreSQL schema of its own (default `contact_ledger`), created on first use; the key
 * store is a separate table beside it.
 */
import * as E from 'fp-ts/lib/Either.js'
import { eventStoreOver, storeError, type EventStore, type OpenedStores, type StoreError } from '../../src/store/index.js'
import { connectPostgres, targetOf, type PgConnectOptions } from './connect.js'
import { postgresDialect, type PgStoreOptions } from './dialect.js'
import { pgError, type PgTarget } from './errors.js'
import { postgresKeyStore } from './key-store.js'
import { DEFAULT_PG_SCHEMA, type PgPool } from './schema.js'

export { connectPostgres, targetOf, type PgConnectOptions } from './connect.js'
export { compileSelection, postgresDialect, type PgStoreOptions } from './dialect.js'
export { pgError, type PgTarget } from './errors.js'
export { postgresKeyStore, type PgKeyStoreOptions } from './key-store.js'
export { migratePostgres, PG_SCHEMA_VERSION, DEFAULT_PG_SCHEMA, type PgPool, type PgClient, type PgQueryable, type PgResult } from './schema.js'

/** How to open a PostgreSQL register. */
export interface PostgresOptions extends PgConnectOptions {
  /** A `postgres://` URL; a `?schema=NAME` parameter in it picks the schema too. */
  readonly url: string
  /** The PostgreSQL schema holding the register (default `contact_ledger`), created on first use. */
  readonly schema?: string
  /**
   * Whether to create the register's schema and tables when they are missing (default true).
   * With false, a register that is not there is a StoreError ('unreadable') that names it, and
   * nothing is created: for tools that only read.
   */
  readonly create?: boolean
}

/** An opened PostgreSQL register: event store and key store on one pool (the same shape as every adapter). */
export type OpenedPostgres = OpenedStores

/**
 * An EventStore over a node-postgres pool, creating the register's tables on first use;
 * `close` ends the pool.
 *
 * @example
 * const store = await postgresEventStore(pool, targetOf(url), { schema: 'contact_ledger' })
 */
export const postgresEventStore = async (pool: PgPool, target: PgTarget, options: PgStoreOptions = {}): Promise<E.Either<StoreError, EventStore>> =>
  E.map(eventStoreOver)(await postgresDialect(pool, target, options))

/**
 * Connects to the server a `postgres://` URL names and opens the register in `schema`, with its
 * key store; `close` ends the pool they share.
 *
 * @example
 * const opened = await openPostgres({ url: 'postgres://postgres@127.0.0.1:5432/test' })
 */
export const openPostgres = async ({ url, schema: named, create = true, ...connect }: PostgresOptions): Promise<E.Either<StoreError, OpenedStores>> => {
  const parsed = splitSchema(url)
  const schema = named ?? parsed.schema
  const pool = await connectPostgres(parsed.url, connect)
  if (E.isLeft(pool)) return pool
  const target = targetOf(parsed.url)
  if (!create) {
    const present = await registerPresent(pool.right, target, schema ?? DEFAULT_PG_SCHEMA)
    if (E.isLeft(present)) {
      await pool.right.end().catch(() => undefined)
      return present
    }
  }
  const only = schema !== undefined ? { schema } : {}
  const store = await postgresEventStore(pool.right, target, only)
  const keys = E.isRight(store) ? await postgresKeyStore(pool.right, target, { closePool: false, ...only }) : store
  if (E.isLeft(store) || E.isLeft(keys)) {
    await pool.right.end().catch(() => undefined)
    return E.isLeft(store) ? store : (keys as E.Left<StoreError>)
  }
  return E.right({ store: store.right, keys: keys.right, close: () => store.right.close() })
}

/** Right when the register's tables are in `schema`; a StoreError naming it when not. */
const registerPresent = async (pool: PgPool, target: PgTarget, schema: string): Promise<E.Either<StoreError, true>> => {
  try {
    const r = await pool.query('SELECT to_regclass($1) IS NOT NULL AS present', [`"${schema.replace(/"/g, '""')}".events`])
    if (r.rows[0]?.['present'] === true) return E.right(true)
    return E.left(storeError('unreadable', `no register in schema ${schema} at ${target.host}:${target.port}/${target.database}; check the URL and its ?schema=`))
  } catch (e) {
    return E.left(pgError(target)(e))
  }
}

/** Takes a `schema` search parameter out of a URL (node-postgres would not understand it). */
const splitSchema = (url: string): { url: string; schema?: string } => {
  try {
    const u = new URL(url)
    const schema = u.searchParams.get('schema')
    if (schema === null) return { url }
    u.searchParams.delete('schema')
    return { url: u.toString(), schema }
  } catch {
    return { url }
  }
}
