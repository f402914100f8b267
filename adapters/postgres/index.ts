/**
 * `contact-ledger/adapters/postgres`: for many writers and readers on real servers. The register
 * lives in a PostgreSQL schema of its own (default `contact_ledger`), created on first use; the key
 * store is a separate table beside it.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { StoreError } from '../../src/domain/errors.js'
import type { EventStore } from '../../src/ports/event-store.js'
import type { KeyStore } from '../../src/ports/key-store.js'
import { connectPostgres, targetOf, type PgConnectOptions } from './connect.js'
import { postgresEventStore } from './event-store.js'
import { postgresKeyStore } from './key-store.js'

export { connectPostgres, targetOf, type PgConnectOptions } from './connect.js'
export { pgError, type PgTarget } from './errors.js'
export { postgresEventStore, type PgStoreOptions } from './event-store.js'
export { postgresKeyStore, type PgKeyStoreOptions } from './key-store.js'
export { migratePostgres, PG_SCHEMA_VERSION, DEFAULT_PG_SCHEMA, type PgPool, type PgClient, type PgQueryable, type PgResult } from './schema.js'

/** An opened PostgreSQL register: event store and key store on one pool. */
export interface OpenedPostgres {
  readonly store: EventStore
  readonly keys: KeyStore
  /** Ends the pool. */
  readonly close: () => Promise<void>
}

/**
 * Connects to the server a `postgres://` URL names and opens the register in `schema`.
 * A `?schema=NAME` parameter in the URL picks the schema too.
 *
 * @example
 * const opened = await openPostgres('postgres://postgres@127.0.0.1:5432/test')
 */
export const openPostgres = async (url: string, options: PgConnectOptions & { readonly schema?: string } = {}): Promise<E.Either<StoreError, OpenedPostgres>> => {
  const parsed = splitSchema(url)
  const schema = options.schema ?? parsed.schema
  const pool = await connectPostgres(parsed.url, options)
  if (E.isLeft(pool)) return pool
  const target = targetOf(parsed.url)
  const store = await postgresEventStore(pool.right, target, schema !== undefined ? { schema } : {})
  const keys = E.isRight(store) ? await postgresKeyStore(pool.right, target, { closePool: false, ...(schema !== undefined ? { schema } : {}) }) : store
  if (E.isLeft(store) || E.isLeft(keys)) {
    await pool.right.end().catch(() => undefined)
    return E.isLeft(store) ? store : (keys as E.Left<StoreError>)
  }
  return E.right({ store: store.right, keys: keys.right, close: () => store.right.close() })
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
