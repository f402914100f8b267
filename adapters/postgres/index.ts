/**
 * `contact-ledger/adapters/postgres`: for many writers and readers on real servers. The register
 * lives in a PostgreSQL schema of its own (default `contact_ledger`), created on first use; the key
 * store in a database of its own (default: the register's database + `_keys`), so a backup of the
 * register holds no person key (key-database.ts).
 */
import * as E from 'fp-ts/lib/Either.js'
import { eventStoreOver, storeError, type EventStore, type KeyStore, type OpenedStores, type StoreError } from '../../src/store/index.js'
import { connectPostgres, targetOf, type PgConnectOptions } from './connect.js'
import { postgresDialect, type PgStoreOptions } from './dialect.js'
import { pgError, type PgTarget } from './errors.js'
import { ensureDatabase, keysUrlOf, moveLegacyKeys } from './key-database.js'
import { postgresKeyStore } from './key-store.js'
import { DEFAULT_PG_SCHEMA, schemaOf, type PgPool } from './schema.js'

export { connectPostgres, targetOf, type PgConnectOptions } from './connect.js'
export { compileSelection, postgresDialect, type PgStoreOptions } from './dialect.js'
export { pgError, type PgTarget } from './errors.js'
export { postgresKeyStore, type PgKeyStoreOptions } from './key-store.js'
export { ensureDatabase, keysUrlOf, moveLegacyKeys } from './key-database.js'
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
  /**
   * The key database: a `postgres://` URL of another database than the register's (default: the
   * register's database name + `_keys` on the same server, made on first use), so that a dump or a
   * backup of the register holds no person key. Its table lives in a schema of the register's name.
   */
  readonly keysUrl?: string
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
export const openPostgres = async ({ url, schema: named, create = true, keysUrl, ...connect }: PostgresOptions): Promise<E.Either<StoreError, OpenedStores>> => {
  const parsed = splitSchema(url)
  const schema = named ?? parsed.schema
  const pool = await connectPostgres(parsed.url, connect)
  if (E.isLeft(pool)) return pool
  const target = targetOf(parsed.url)
  const fail = async (e: StoreError) => (await pool.right.end().catch(() => undefined), E.left(e))
  if (!create) {
    const present = await registerPresent(pool.right, target, schema ?? DEFAULT_PG_SCHEMA)
    if (E.isLeft(present)) return fail(present.left)
  }
  const only = schema !== undefined ? { schema } : {}
  const store = await postgresEventStore(pool.right, target, only)
  if (E.isLeft(store)) return fail(store.left)
  const keys = await openKeyDatabase(pool.right, parsed.url, keysUrl ?? keysUrlOf(parsed.url), schema, create)
  if (E.isLeft(keys)) return fail(keys.left)
  return E.right({
    store: store.right,
    keys: keys.right,
    close: async () => {
      await keys.right.close()
      await store.right.close()
    },
  })
}

/**
 * The key store in its own database (made when missing and `create`), with the keys a register of
 * an older version kept beside the log moved into it; a read-only open of such a register whose key
 * database does not exist yet reads the old table where it is.
 */
const openKeyDatabase = async (registerPool: PgPool, registerUrl: string, keysUrl: string, schema: string | undefined, create: boolean): Promise<E.Either<StoreError, KeyStore>> => {
  const named = schemaOf(schema)
  if (E.isLeft(named)) return named
  const reg = targetOf(registerUrl)
  const kt = targetOf(keysUrl)
  if (kt.host === reg.host && kt.port === reg.port && kt.database === reg.database)
    return E.left(storeError('io', `the key store must be another database than the register's (${reg.database}), so that a backup of the register holds no keys; name another in keysUrl / CONTACT_LEDGER_KEYS`))
  const legacy = await registerPool.query(`SELECT to_regclass('${named.right.S}.person_keys') IS NOT NULL AS there`).catch(() => undefined)
  const hasLegacy = legacy?.rows[0]?.['there'] === true
  let keysPool = await connectPostgres(keysUrl, { max: 4 })
  if (E.isLeft(keysPool) && create) {
    const made = await ensureDatabase(keysUrl)
    if (E.isLeft(made)) return made
    keysPool = await connectPostgres(keysUrl, { max: 4 })
  }
  if (E.isLeft(keysPool)) {
    if (!create && hasLegacy) return postgresKeyStore(registerPool, reg, { closePool: false, schema: named.right.schema })
    return E.left(storeError(keysPool.left.reason, `the key database ${kt.database}: ${keysPool.left.message}`))
  }
  const keys = await postgresKeyStore(keysPool.right, kt, { schema: named.right.schema })
  if (E.isLeft(keys)) {
    await keysPool.right.end().catch(() => undefined)
    return keys
  }
  if (hasLegacy && create) {
    try {
      const moved = await moveLegacyKeys(registerPool, named.right.S, keysPool.right, named.right.S)
      if (E.isLeft(moved)) {
        await keys.right.close()
        return moved
      }
    } catch (e) {
      await keys.right.close()
      return E.left(pgError(kt)(e))
    }
  }
  return keys
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
export { openPostgresAccessLog, postgresAccessLog, type PgAccessLogOptions } from './access-log.js'
