/**
 * Connecting to PostgreSQL with node-postgres (the only file that imports the driver): a pool,
 * checked with one round trip so that an unreachable server is reported at once.
 *
 * node-postgres is the maintained, pure-JavaScript driver most Node projects use; its pool and
 * parameterised queries are all the adapter needs.
 */
import * as E from 'fp-ts/lib/Either.js'
import pg from 'pg'
import type { StoreError } from '../../src/store/index.js'
import { pgError, type PgTarget } from './errors.js'
import type { PgPool } from './schema.js'

/** How to connect. */
export interface PgConnectOptions {
  /** Connections in the pool (default 10). */
  readonly max?: number
  /** How long to wait for a connection, in ms (default 10000). */
  readonly connectTimeoutMs?: number
}

/** The server a connection string names, for messages (no password). @example targetOf('postgres://u@h:5432/db') */
export const targetOf = (url: string): PgTarget => {
  try {
    const u = new URL(url)
    return {
      host: u.hostname || 'localhost',
      port: Number(u.port || 5432),
      database: decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username) || 'postgres',
      user: decodeURIComponent(u.username) || 'postgres',
    }
  } catch {
    return { host: 'localhost', port: 5432, database: 'postgres', user: 'postgres' }
  }
}

/**
 * Opens a pool to the server a `postgres://` URL names and checks that it answers.
 *
 * @example
 * const pool = await connectPostgres('postgres://postgres@127.0.0.1:5432/test')
 */
export const connectPostgres = async (url: string, options: PgConnectOptions = {}): Promise<E.Either<StoreError, PgPool>> => {
  const target = targetOf(url)
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000 })
  // an idle connection that breaks is replaced by the pool; the next query reports the failure
  pool.on('error', () => undefined)
  // a connection that breaks while checked out (the server restarts, an administrator ends the
  // backend) emits 'error' on its client, which would end the process unhandled: the query in
  // flight, or the next one, fails with that error instead, and the client is released as broken
  pool.on('connect', (client) => void client.on('error', () => undefined))
  try {
    await pool.query('SELECT 1')
    return E.right(pool as unknown as PgPool)
  } catch (e) {
    await pool.end().catch(() => undefined)
    return E.left(pgError(target)(e))
  }
}
