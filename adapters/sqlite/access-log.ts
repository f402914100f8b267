/**
 * The SQLite AccessLog: records and the chain's head in a file of their own beside the register
 * (`PATH.access`), so reading never writes to the register file and a copy of the register holds
 * no record of who read it. Each append reads the head, chains, inserts and moves the head in one
 * `BEGIN IMMEDIATE` transaction, so concurrent processes chain one after the other.
 */
import * as E from 'fp-ts/lib/Either.js'
import { chainAccess, EMPTY_ACCESS_HEAD, guardSync, storeError, type AccessHead, type AccessLog, type AccessRecord, type StoreError } from '../../src/store/index.js'
import { connectSqlite, type SqliteConnectOptions } from './connect.js'
import { sqliteError } from './errors.js'
import type { SqliteDatabase } from './schema.js'

/** The access log's schema version (`PRAGMA user_version` of the `.access` file). */
const ACCESS_SCHEMA_VERSION = 1

/** Where a register's access log lives by default: beside it, `PATH.access`. */
export const accessPathOf = (path: string): string => `${path}.access`

interface Row {
  readonly seq: number
  readonly record: string
}

/**
 * An AccessLog over an open SQLite database (the `.access` file), creating its tables on first use.
 *
 * @example
 * const log = sqliteAccessLog(db, './contact-ledger.db.access') // Either<StoreError, AccessLog>
 */
export const sqliteAccessLog = (db: SqliteDatabase, path: string): E.Either<StoreError, AccessLog> => {
  const fail = sqliteError(path)
  try {
    db.pragma('journal_mode = WAL')
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > ACCESS_SCHEMA_VERSION)
      return E.left(storeError('schema', `the access log ${path} was written by a newer contact-ledger (schema ${version}); upgrade contact-ledger to open it`))
    if (version < ACCESS_SCHEMA_VERSION) {
      db.exec('BEGIN IMMEDIATE')
      db.exec('CREATE TABLE IF NOT EXISTS access_records (seq INTEGER PRIMARY KEY, record TEXT NOT NULL)')
      db.exec('CREATE TABLE IF NOT EXISTS access_head (id INTEGER PRIMARY KEY CHECK (id = 1), count INTEGER NOT NULL, hash TEXT NOT NULL)')
      db.pragma(`user_version = ${ACCESS_SCHEMA_VERSION}`)
      db.exec('COMMIT')
    }
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK')
    return E.left(fail(e))
  }
  const getHead = db.prepare('SELECT count, hash FROM access_head WHERE id = 1')
  const putHead = db.prepare('INSERT INTO access_head (id, count, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET count = excluded.count, hash = excluded.hash')
  const insert = db.prepare('INSERT INTO access_records (seq, record) VALUES (?, ?)')
  const select = db.prepare('SELECT seq, record FROM access_records WHERE seq >= ? AND seq < ? ORDER BY seq')
  const headNow = (): AccessHead => (getHead.get() as AccessHead | undefined) ?? EMPTY_ACCESS_HEAD
  const append = (entry: Parameters<AccessLog['append']>[0]): AccessRecord => {
    db.exec('BEGIN IMMEDIATE')
    try {
      const record = chainAccess(headNow(), entry)
      insert.run(record.seq, JSON.stringify(record))
      putHead.run(record.seq + 1, record.hash)
      db.exec('COMMIT')
      return record
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK')
      throw e
    }
  }
  const guarded = guardSync(fail)
  return E.right({
    append: (entry) => guarded(() => append(entry))(),
    read: (range = {}) =>
      guarded(() => (select.all(range.from ?? 0, range.to ?? Number.MAX_SAFE_INTEGER) as Row[]).map((r) => JSON.parse(r.record) as AccessRecord))(),
    head: () => guarded(headNow)(),
    close: async () => void db.close(),
  })
}

/**
 * Opens (creating when missing) the access log file at `path` (by default the register's path + `.access`).
 *
 * @example
 * const log = openSqliteAccessLog(accessPathOf('./contact-ledger.db'))
 */
export const openSqliteAccessLog = (path: string, options: SqliteConnectOptions = {}): E.Either<StoreError, AccessLog> => {
  const db = connectSqlite(path, options)
  if (E.isLeft(db)) return db
  const log = sqliteAccessLog(db.right, path)
  if (E.isLeft(log)) db.right.close()
  return log
}
