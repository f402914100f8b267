/**
 * Translating SQLite's errors into the register's StoreError, with what to do about each: one
 * table from the driver's result code (primary or extended, `SQLITE_BUSY_SNAPSHOT` → `SQLITE_BUSY`)
 * to a reason and a message. `tests/adapters/sqlite-errors.test.ts` feeds it every code.
 */
import { storeError, type StoreError } from '../../src/store/index.js'

type Row = readonly [reason: StoreError['reason'], message: (path: string, detail: string) => string]

/** What each SQLite primary result code means to a user of the register. */
const TABLE: Readonly<Record<string, Row>> = {
  SQLITE_BUSY: ['locked', (p, d) => `another process holds the register ${p} (${d}); try again when it is done, or close the program that has it open`],
  SQLITE_LOCKED: ['locked', (p, d) => `another process holds the register ${p} (${d}); try again when it is done, or close the program that has it open`],
  SQLITE_NOTADB: ['unreadable', (p, d) => `cannot read ${p}: it is not a SQLite register (${d}); check the path, or restore the file from a copy`],
  SQLITE_CORRUPT: ['corrupt', (p, d) => `the register ${p} is damaged (${d}); run verify, and restore the file from a copy`],
  SQLITE_CANTOPEN: ['unreadable', (p, d) => `cannot open ${p} (${d}); check that the path names a file in a folder that exists and that you may write to`],
  SQLITE_READONLY: ['io', (p, d) => `cannot write to ${p} (${d}); check the file's permissions, or that the disk is not mounted read-only`],
  SQLITE_PERM: ['io', (p, d) => `cannot write to ${p} (${d}); check the file's permissions`],
  SQLITE_AUTH: ['io', (p, d) => `cannot write to ${p} (${d}); check the file's permissions`],
  SQLITE_FULL: ['io', (p, d) => `disk full: the disk holding ${p} has no room left (${d}); free some space and try again`],
  SQLITE_IOERR: ['io', (p, d) => `the disk failed reading or writing ${p} (${d}); check the disk and try again`],
  SQLITE_NOMEM: ['io', (p, d) => `out of memory working on ${p} (${d}); close other programs and try again`],
  SQLITE_PROTOCOL: ['locked', (p, d) => `the lock on ${p} was contested (${d}); try again`],
}

const codeOf = (e: unknown): string => {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : ''
}

/** The primary code of a (possibly extended) result code. @example primaryOf('SQLITE_BUSY_SNAPSHOT') === 'SQLITE_BUSY' */
export const primaryOf = (code: string): string => /^SQLITE_[A-Z]+/.exec(code)?.[0] ?? code

/**
 * A StoreError for an exception thrown by the SQLite driver on the register at `path`.
 *
 * @example
 * try { db.exec('BEGIN IMMEDIATE') } catch (e) { return E.left(sqliteError(path)(e)) }
 */
export const sqliteError =
  (path: string) =>
  (e: unknown): StoreError => {
    // a StoreError the adapter threw itself (the checkpoint anchor's write) says what it means already
    if (typeof e === 'object' && e !== null && (e as { _tag?: unknown })._tag === 'StoreError') return e as StoreError
    const code = codeOf(e)
    const detail = e instanceof Error ? e.message : String(e)
    // the append-only triggers (guards.ts): something tried to change or remove a stored row
    if (code === 'SQLITE_CONSTRAINT_TRIGGER' && /append-only/.test(detail))
      return storeError('io', `the register ${path} refused to change a stored row (${detail}): its tables are append-only; only verify --repair of this contact-ledger may rebuild derived data`)
    // an append found its row's key taken: a row was written into the log or the tree by hand
    if (/^SQLITE_CONSTRAINT_(PRIMARYKEY|ROWID)/.test(code) && /\b(nodes\.id|events\.position)\b/.test(detail))
      return storeError('corrupt', `the register ${path} already holds a row where this append writes (${detail}): a row was added by hand; nothing was appended; run contact-ledger verify, which names it`)
    const row = TABLE[primaryOf(code)]
    if (row !== undefined) return storeError(row[0], row[1](path, detail))
    // better-sqlite3 checks the folder itself, before SQLite would say SQLITE_CANTOPEN
    if (e instanceof TypeError && /directory does not exist/.test(detail)) return storeError('unreadable', TABLE['SQLITE_CANTOPEN']![1](path, detail))
    return storeError('io', `the register ${path} failed: ${detail}${code ? ` (${code})` : ''}; try again, and report it if it persists`)
  }
