/**
 * Opening a SQLite file with better-sqlite3 (the only file that imports the driver): WAL, a busy
 * timeout, and the durability the caller asks for.
 *
 * better-sqlite3 is chosen over node:sqlite (experimental on Node 20) and async wrappers: it is
 * maintained, synchronous (one append is one uninterrupted transaction) and the fastest binding.
 */
import Database from 'better-sqlite3'
import { closeSync, openSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import type { StoreError } from '../../src/store/index.js'
import { sqliteError } from './errors.js'
import type { SqliteDatabase } from './schema.js'

/** How to open a SQLite file. */
export interface SqliteConnectOptions {
  /** How long a write waits for another process's write to finish, in ms (default 5000). */
  readonly busyTimeoutMs?: number
  /**
   * `FULL` (default) syncs the WAL on every commit: an appended event survives a power cut.
   * `NORMAL` syncs only at checkpoints: several times faster, still safe against a crash of the
   * process, but the last commits before a power cut or OS crash can be lost. A register that
   * must never lose an accepted event keeps `FULL`.
   */
  readonly synchronous?: 'FULL' | 'NORMAL'
  /** Overwrite deleted content with zeros (the key store needs it; default false). */
  readonly secureDelete?: boolean
}

/**
 * Creates a missing file readable by its owner only (0600) before SQLite opens it: the register
 * holds personal data (sealed) and the key store holds keys. SQLite gives the WAL and shared-memory
 * files it makes beside a database the database file's mode.
 */
const createOwnerOnly = (path: string): void => {
  if (path === ':memory:' || path === '') return
  try {
    closeSync(openSync(path, 'a', 0o600))
  } catch {
    // let SQLite open it and report what is wrong in its own words
  }
}

/**
 * Opens (creating when missing, mode 0600) a SQLite database file; `migrateSqlite` puts it in WAL mode.
 *
 * @example
 * const db = connectSqlite('./contact-ledger.db') // Either<StoreError, SqliteDatabase>
 */
export const connectSqlite = (path: string, options: SqliteConnectOptions = {}): E.Either<StoreError, SqliteDatabase> => {
  let db: Database.Database | undefined
  try {
    createOwnerOnly(path)
    db = new Database(path, { timeout: options.busyTimeoutMs ?? 5000 })
    // WAL (journal_mode) is switched on by the schema check, once the file is known to be ours
    db.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`)
    if (options.secureDelete === true) db.pragma('secure_delete = ON')
    return E.right(db as unknown as SqliteDatabase)
  } catch (e) {
    try {
      db?.close()
    } catch {
      // already failing: the first error is the one to report
    }
    return E.left(sqliteError(path)(e))
  }
}
