/**
 * `contact-ledger/adapters/postgres`: for many writers and readers on real servers. The register
 * lives in a PostgreSQL schema of its own (default `contact_ledger`), created on first use; the key
 * store in a database of its own (default: the register's database + `_keys`), so a backup of the
 * register holds no person key (key-database.ts).
 */
import * as E from 'fp-ts/lib/Either.js'
import { anchorHolds, eventStoreOver, storeError, type EventStore, type KeyStore, type OpenedStores, type StoreError } from '../../src/store/index.js'
import { anchorName, readPgAnchor, writePgAnchor } from './anchor.js'
import { connectPostgres, targetOf, type PgConnectOptions } from './connect.js'
import { postgresDialect, type PgStoreOptions } from './dialect.js'
import { pgError, type PgTarget } from './errors.js'
import { ensureDatabase, keysUrlOf, liveSealedPersons, moveLegacyKeys } from './key-database.js'
import { postgresKeyStore } from './key-store.js'
import { DEFAULT_PG_SCHEMA, schemaOf, type PgPool } from './schema.js'

export { connectPostgres, targetOf, type PgConnectOptions } from './connect.js'
export { compileSelection, postgresDialect, type PgStoreOptions } from './dialect.js'
export { pgError, type PgTarget } from './errors.js'
export { postgresKeyStore, type PgKeyStoreOptions } from './key-store.js'
export { ensureDatabase, keysUrlOf, liveSealedPersons, moveLegacyKeys } from './key-database.js'
export { readPgAnchor, writePgAnchor } from './anchor.js'
export { PG_GUARDED_TABLES } from './guards.js'
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
  /**
   * Check that the log extends its last signed checkpoint, kept in the key database (anchor.ts),
   * default true: a log that lost committed entries (an older backup restored) is a StoreError
   * naming both sizes. `verify` opens with false and makes the same check its own finding.
   */
  readonly checkAnchor?: boolean
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
export const openPostgres = async ({ url, schema: named, create = true, keysUrl, checkAnchor = true, ...connect }: PostgresOptions): Promise<E.Either<StoreError, OpenedStores>> => {
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
  const store = await postgresEventStore(pool.right, target, { ...only, guard: create })
  if (E.isLeft(store)) return fail(store.left)
  const S = `"${schema ?? DEFAULT_PG_SCHEMA}"`
  const keys = await openKeyDatabase(pool.right, parsed.url, keysUrl ?? keysUrlOf(parsed.url), schema, create)
  if (E.isLeft(keys)) return fail(keys.left)
  const close = async () => {
    await keys.right.keys.close()
    await store.right.close()
  }
  const kdb = keys.right.pool
  if (kdb === undefined) return E.right({ store: store.right, keys: keys.right.keys, close })
  const kt = targetOf(keysUrl ?? keysUrlOf(parsed.url))
  const name = anchorName(kt.database, S)
  const register = `the register in schema ${schema ?? DEFAULT_PG_SCHEMA} at ${target.host}:${target.port}/${target.database}`
  const read = () => readPgAnchor(kdb, kt, S)
  if (checkAnchor) {
    const kept = await read()
    const holds = E.isLeft(kept) ? kept : kept.right === undefined ? E.right(undefined) : await anchorHolds(store.right, kept.right, name, register)()
    if (E.isLeft(holds)) return (await close(), holds)
  }
  // every signed checkpoint stored in the log is kept as the anchor too (the larger one wins)
  const anchored: EventStore = {
    ...store.right,
    putCheckpoint: (c) => async () => {
      const put = await store.right.putCheckpoint(c)()
      return E.isLeft(put) ? put : writePgAnchor(kdb, kt, S, c.note)
    },
  }
  return E.right({ store: anchored, keys: keys.right.keys, close, anchor: { name, register, read } })
}

/**
 * The key store in its own database (made when missing and `create`), with the keys a register of
 * an older version kept beside the log moved into it; a read-only open of such a register whose key
 * database does not exist yet reads the old table where it is.
 */
const openKeyDatabase = async (
  registerPool: PgPool,
  registerUrl: string,
  keysUrl: string,
  schema: string | undefined,
  create: boolean,
): Promise<E.Either<StoreError, { readonly keys: KeyStore; readonly pool?: PgPool }>> => {
  const named = schemaOf(schema)
  if (E.isLeft(named)) return named
  const reg = targetOf(registerUrl)
  const kt = targetOf(keysUrl)
  if (kt.host === reg.host && kt.port === reg.port && kt.database === reg.database)
    return E.left(storeError('io', `the key store must be another database than the register's (${reg.database}), so that a backup of the register holds no keys; name another in keysUrl / CONTACT_LEDGER_KEYS`))
  const legacy = await registerPool.query(`SELECT to_regclass('${named.right.S}.person_keys') IS NOT NULL AS there`).catch(() => undefined)
  const hasLegacy = legacy?.rows[0]?.['there'] === true
  // a key store made afresh beside sealed data whose keys were never erased would make that data
  // unreadable for ever: refused, naming what is missing (as the SQLite adapter does for PATH.keys)
  const sealed = async (what: string): Promise<E.Either<StoreError, void>> => {
    if (hasLegacy) return E.right(undefined)
    const live = await liveSealedPersons(registerPool, named.right.S).catch(() => 0)
    if (live === 0) return E.right(undefined)
    return E.left(
      storeError(
        'unreadable',
        `${what}, but the register in schema ${named.right.schema} at ${reg.host}:${reg.port}/${reg.database} holds sealed personal data of ${live} key figure(s) whose keys were never erased; restore the key database ${kt.database} from a backup, or name it with keysUrl / CONTACT_LEDGER_KEYS (a new key store would make that data unreadable); nothing was created`,
      ),
    )
  }
  let keysPool = await connectPostgres(keysUrl, { max: 4 })
  if (E.isLeft(keysPool) && create) {
    const refused = await sealed(`cannot open the key database ${kt.database} (${keysPool.left.message})`)
    if (E.isLeft(refused)) return refused
    const made = await ensureDatabase(keysUrl)
    if (E.isLeft(made)) return made
    keysPool = await connectPostgres(keysUrl, { max: 4 })
  }
  if (E.isLeft(keysPool)) {
    if (!create && hasLegacy) return E.map((keys: KeyStore) => ({ keys }))(await postgresKeyStore(registerPool, reg, { closePool: false, schema: named.right.schema }))
    return E.left(storeError(keysPool.left.reason, `the key database ${kt.database}: ${keysPool.left.message}`))
  }
  const emptied = await keyTableState(keysPool.right, named.right.S).catch(() => 'filled' as const)
  if (emptied !== 'filled') {
    const refused = await sealed(`the key database ${kt.database} ${emptied === 'missing' ? `has no key table ${named.right.S}.person_keys` : `holds no key in ${named.right.S}.person_keys`}`)
    if (E.isLeft(refused)) return (await keysPool.right.end().catch(() => undefined), refused)
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
  return E.right({ keys: keys.right, pool: keysPool.right })
}

/** Whether the key table is there and holds a key. */
const keyTableState = async (pool: PgPool, S: string): Promise<'missing' | 'empty' | 'filled'> => {
  const r = await pool.query(`SELECT to_regclass('${S.replace(/'/g, "''")}.person_keys') IS NOT NULL AS there`)
  if (r.rows[0]?.['there'] !== true) return 'missing'
  return (await pool.query(`SELECT EXISTS (SELECT 1 FROM ${S}.person_keys) AS any`)).rows[0]?.['any'] === true ? 'filled' : 'empty'
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
