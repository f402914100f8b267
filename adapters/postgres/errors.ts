/** Translating node-postgres errors into the register's StoreError, with what to do about each. */
import * as E from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import { storeError, type StoreError } from '../../src/domain/errors.js'

/** Where the server is, for messages (never the password). */
export interface PgTarget {
  readonly host: string
  readonly port: number
  readonly database: string
  readonly user: string
}

const codeOf = (e: unknown): string => {
  const x = e as { code?: unknown; errors?: ReadonlyArray<{ code?: unknown }> } | null
  const code = x?.code ?? x?.errors?.[0]?.code
  return typeof code === 'string' ? code : ''
}

const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006'])

/**
 * A StoreError for an exception thrown by node-postgres talking to `target`.
 *
 * @example
 * await pool.query('SELECT 1').catch((e) => E.left(pgError(target)(e)))
 */
export const pgError =
  (target: PgTarget) =>
  (e: unknown): StoreError => {
    const code = codeOf(e)
    const at = `${target.host}:${target.port}`
    const detail = (e instanceof Error && e.message !== '' ? e.message : code) || String(e)
    if (NETWORK.has(code) || /Connection terminated|timeout expired/i.test(detail))
      return storeError('unreachable', `cannot reach PostgreSQL at ${at} (${detail}); check that the server runs there and that the URL's host and port are right`)
    if (code === '28P01' || code === '28000')
      return storeError('unreachable', `PostgreSQL at ${at} refused user ${target.user} (${detail}); check the user and password in the URL`)
    if (code === '3D000')
      return storeError('unreachable', `PostgreSQL at ${at} has no database ${target.database} (${detail}); create it or fix the URL`)
    if (code === '40P01' || code === '55P03' || code === '40001')
      return storeError('locked', `PostgreSQL at ${at} could not lock the register (${detail}); try again`)
    if (code === '42501') return storeError('io', `PostgreSQL at ${at} denied access (${detail}); grant user ${target.user} rights on the register's schema`)
    return storeError('io', `PostgreSQL at ${at} failed: ${detail}${code ? ` (${code})` : ''}; try again, and report it if it persists`)
  }

/**
 * Runs driver work as a TaskEither, turning a rejection into a StoreError with `fail`.
 *
 * @example
 * const n = guardedWith(pgError(target))(async () => (await pool.query('SELECT 1')).rows.length)
 */
export const guardedWith =
  (fail: (e: unknown) => StoreError) =>
  <A>(work: () => Promise<A>): TaskEither<StoreError, A> =>
  () =>
    work().then(E.right, (e: unknown) => E.left(fail(e)))
