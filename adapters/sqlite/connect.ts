/**
 * Opening a SQLite file with better-sqlite3 (the only file that imports the driver): WAL, a busy
 * timeout, and the durability the caller asks for.
 *
 * better-sqlite3 is chosen over node:sqlite (experimental on Node 20) and async wrappers: it is
 * maintained, synchronous (one append is one uninterrupted transaction) and the fastest binding.
 */
import Database from 'better-sqlite3'
import { closeSync, openSync, statSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { storeError, type StoreError } from '../../src/store/index.js'
import { sqliteError } from './errors.js'
import { BULK_TYPE, type SqliteDatabase } from './schema.js'

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

/** What `checkRegisterFiles` needs to know about the run. */
export interface RegisterFileOptions {
  /** Whether a missing (or empty, new) register may be created; false for a command that only reads. */
  readonly create?: boolean
}

const sizeOf = (path: string): { readonly size: number; readonly file: boolean } | undefined => {
  try {
    const st = statSync(path)
    return { size: st.size, file: st.isFile() }
  } catch {
    return undefined
  }
}

/**
 * How many key figures the register at `path` holds sealed personal data of whose key was never
 * erased (registered minus erased), read without changing the file; 0 when it cannot tell (not a
 * register yet, or another program's file: opening it says so).
 */
const liveSealedPersons = (path: string): number => {
  let db: Database.Database | undefined
  try {
    db = new Database(path, { readonly: true, fileMustExist: true })
    const row = db
      .prepare(
        `SELECT count(*) AS n FROM (
           SELECT json_extract(entry, '$.data.personId') FROM events WHERE type = 'KeyFigureRegistered' AND type <> '${BULK_TYPE}'
           EXCEPT SELECT json_extract(entry, '$.data.personId') FROM events WHERE type = 'KeyFigureErased' AND type <> '${BULK_TYPE}')`,
      )
      .get() as { n: number }
    return row.n
  } catch {
    return 0
  } finally {
    try {
      db?.close()
    } catch {
      // reading only: nothing to lose
    }
  }
}

/**
 * Checks a register's files before they are opened, so that a missing, emptied or misplaced file
 * is an error that names it instead of a fresh, empty register or key store made in its place:
 * - the register is a folder, or (for a command that only reads) missing or empty (0 bytes): refused;
 * - the register is empty but its key store beside it is not: it was truncated, refused;
 * - the key store is missing or empty while the register holds sealed personal data whose keys
 *   were never erased: refused, since a fresh key store would make that data unreadable for ever.
 *
 * @example
 * const ok = checkRegisterFiles('./r.db', './r.db.keys', { create: false }) // Either<StoreError, void>
 */
export const checkRegisterFiles = (path: string, keysPath: string, { create = true }: RegisterFileOptions = {}): E.Either<StoreError, void> => {
  if (path === ':memory:' || path === '') return E.right(undefined)
  const register = sizeOf(path)
  const keys = sizeOf(keysPath)
  if (register !== undefined && !register.file) return E.left(storeError('unreadable', `${path} is a folder, not a register; name the register's file`))
  if (keys !== undefined && !keys.file) return E.left(storeError('unreadable', `the key store ${keysPath} is a folder, not a key store; move it away or restore the file`))
  if (!create && register === undefined) return E.left(storeError('unreadable', `no register at ${path}; check the path (this command only reads, so it creates none)`))
  if (register !== undefined && register.size === 0) {
    if (!create) return E.left(storeError('unreadable', `the register ${path} is empty (0 bytes): it is no register, or it was truncated; restore it from a copy`))
    if (keys !== undefined && keys.size > 0)
      return E.left(storeError('corrupt', `the register ${path} is empty (0 bytes) but its key store ${keysPath} is not: the register was truncated; restore it from a copy`))
  }
  if ((keys === undefined || keys.size === 0) && register !== undefined && register.size > 0) {
    const live = liveSealedPersons(path)
    if (live > 0)
      return E.left(
        storeError(
          'unreadable',
          `the key store ${keysPath} is ${keys === undefined ? 'missing' : 'empty (0 bytes)'}, but the register ${path} holds sealed personal data of ${live} key figure(s) whose keys were never erased; restore ${keysPath} from a copy (a new key store would make that data unreadable)`,
        ),
      )
  }
  return E.right(undefined)
}
