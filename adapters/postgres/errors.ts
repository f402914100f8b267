/**
 * Translating node-postgres errors into the register's StoreError, with what to do about each:
 * one table from SQLSTATE (or the socket's error code) to a reason and a message.
 * `tests/adapters/postgres-errors.test.ts` feeds it every code.
 */
import { storeError, type StoreError } from '../../src/store/index.js'

/** Where the server is, for messages (never the password). */
export interface PgTarget {
  readonly host: string
  readonly port: number
  readonly database: string
  readonly user: string
}

type Row = readonly [reason: StoreError['reason'], message: (at: string, t: PgTarget, detail: string) => string]

const unreachable: Row = ['unreachable', (at, _, d) => `cannot reach PostgreSQL at ${at} (${d}); check that the server runs there and that the URL's host and port are right`]
const refused: Row = ['unreachable', (at, t, d) => `PostgreSQL at ${at} refused user ${t.user} (${d}); check the user and password in the URL`]
const locked: Row = ['locked', (at, _, d) => `PostgreSQL at ${at} could not lock the register (${d}); try again`]
const full: Row = ['io', (at, _, d) => `disk full: PostgreSQL at ${at} has no room left (${d}); free space on the server's disk and try again`]

/** What each SQLSTATE or socket error means to a user of the register. */
const TABLE: Readonly<Record<string, Row>> = {
  ...Object.fromEntries(
    ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN', 'EPIPE', '08000', '08001', '08003', '08004', '08006'].map((c) => [c, unreachable]),
  ),
  // the server is shutting down or restarting (admin_shutdown, crash_shutdown, cannot_connect_now)
  '57P01': ['unreachable', (at, _, d) => `PostgreSQL at ${at} is shutting down or restarting (${d}); try again when it is back`],
  '57P02': ['unreachable', (at, _, d) => `PostgreSQL at ${at} is shutting down or restarting (${d}); try again when it is back`],
  '57P03': ['unreachable', (at, _, d) => `PostgreSQL at ${at} is starting up or cannot take connections now (${d}); try again shortly`],
  '53300': ['unreachable', (at, _, d) => `PostgreSQL at ${at} has too many connections (${d}); try again, or lower the pool size`],
  '28P01': refused,
  '28000': refused,
  '3D000': ['unreachable', (at, t, d) => `PostgreSQL at ${at} has no database ${t.database} (${d}); create it or fix the URL`],
  '40P01': locked,
  '55P03': locked,
  '40001': locked,
  '53100': full,
  '53200': ['io', (at, _, d) => `PostgreSQL at ${at} is out of memory (${d}); try again, and ask its administrator if it persists`],
  '42501': ['io', (at, t, d) => `PostgreSQL at ${at} denied access (${d}); grant user ${t.user} rights on the register's schema`],
  '25006': ['io', (at, _, d) => `PostgreSQL at ${at} is read-only (${d}); connect to the primary server, not a replica`],
  // the append-only triggers (guards.ts): something tried to change or remove a stored row
  CL001: ['io', (at, _, d) => `PostgreSQL at ${at} refused to change a stored row (${d}): the register's tables are append-only; only verify --repair of this contact-ledger may rebuild derived data`],
  XX001: ['corrupt', (at, _, d) => `PostgreSQL at ${at} found damaged data (${d}); run verify, and ask the server's administrator to restore it`],
  XX002: ['corrupt', (at, _, d) => `PostgreSQL at ${at} found a damaged index (${d}); ask the server's administrator to REINDEX the register's schema`],
}

const codeOf = (e: unknown): string => {
  const x = e as { code?: unknown; errors?: ReadonlyArray<{ code?: unknown }> } | null
  const code = x?.code ?? x?.errors?.[0]?.code
  return typeof code === 'string' ? code : ''
}

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
    const row = TABLE[code] ?? (/Connection terminated|timeout expired/i.test(detail) ? unreachable : undefined)
    if (row !== undefined) return storeError(row[0], row[1](at, target, detail))
    return storeError('io', `PostgreSQL at ${at} failed: ${detail}${code ? ` (${code})` : ''}; try again, and report it if it persists`)
  }
