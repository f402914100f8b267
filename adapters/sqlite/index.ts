/**
 * `contact-ledger/adapters/sqlite`: the embedded default. One register file in WAL mode, and its
 * key store in a separate file beside it (`PATH.keys`).
 */
import * as E from 'fp-ts/lib/Either.js'
import type { StoreError } from '../../src/domain/errors.js'
import type { EventStore } from '../../src/ports/event-store.js'
import type { KeyStore } from '../../src/ports/key-store.js'
import { connectSqlite, type SqliteConnectOptions } from './connect.js'
import { sqliteEventStore } from './event-store.js'
import { sqliteKeyStore } from './key-store.js'

export { connectSqlite, type SqliteConnectOptions } from './connect.js'
export { sqliteEventStore } from './event-store.js'
export { sqliteKeyStore } from './key-store.js'
export { migrateSqlite, SQLITE_SCHEMA_VERSION, type SqliteDatabase, type SqliteStatement } from './schema.js'

/** Where a register's key store lives by default: beside it, `PATH.keys`. */
export const keysPathOf = (path: string): string => `${path}.keys`

/**
 * Opens (creating when missing) the SQLite register at `path`.
 *
 * @example
 * const store = openSqliteEventStore('./contact-ledger.db')
 * if (E.isRight(store)) createLedger({ store: store.right })
 */
export const openSqliteEventStore = (path: string, options: SqliteConnectOptions = {}): E.Either<StoreError, EventStore> => {
  const db = connectSqlite(path, options)
  if (E.isLeft(db)) return db
  const store = sqliteEventStore(db.right, path)
  if (E.isLeft(store)) db.right.close()
  return store
}

/**
 * Opens (creating when missing) the key store file at `path` (by default the register's path + `.keys`).
 *
 * @example
 * const keys = openSqliteKeyStore(keysPathOf('./contact-ledger.db'))
 */
export const openSqliteKeyStore = (path: string, options: SqliteConnectOptions = {}): E.Either<StoreError, KeyStore> => {
  const db = connectSqlite(path, { ...options, secureDelete: true })
  if (E.isLeft(db)) return db
  const keys = sqliteKeyStore(db.right, path)
  if (E.isLeft(keys)) db.right.close()
  return keys
}
