/**
 * `contact-ledger/adapters/sqlite`: the embedded default. One register file in WAL mode, and its
 * key store in a separate file beside it (`PATH.keys`).
 */
import * as E from 'fp-ts/lib/Either.js'
import { bothOrNeither, eventStoreOver, type EventStore, type KeyStore, type OpenedStores, type StoreError } from '../../src/store/index.js'
import { checkRegisterFiles, connectSqlite, type RegisterFileOptions, type SqliteConnectOptions } from './connect.js'
import { sqliteDialect } from './dialect.js'
import { sqliteKeyStore } from './key-store.js'

export { checkRegisterFiles, connectSqlite, type RegisterFileOptions, type SqliteConnectOptions } from './connect.js'
export { compileSelection, sqliteDialect } from './dialect.js'
export { sqliteError } from './errors.js'
export { sqliteKeyStore } from './key-store.js'
export { migrateSqlite, SQLITE_SCHEMA_VERSION, type SqliteDatabase, type SqliteStatement } from './schema.js'

/** How to open a SQLite register. */
export interface SqliteOptions extends SqliteConnectOptions, RegisterFileOptions {
  /** The register file, created when missing. */
  readonly path: string
  /** The key store file (default: the register's path + `.keys`). */
  readonly keysPath?: string
}

/** Where a register's key store lives by default: beside it, `PATH.keys`. */
export const keysPathOf = (path: string): string => `${path}.keys`

/**
 * An EventStore over an open SQLite database (migrating its schema first).
 *
 * @example
 * const store = sqliteEventStore(db, './contact-ledger.db') // Either<StoreError, EventStore>
 */
export const sqliteEventStore = (db: Parameters<typeof sqliteDialect>[0], path: string): E.Either<StoreError, EventStore> =>
  E.map(eventStoreOver)(sqliteDialect(db, path))

/**
 * Opens (creating when missing) the SQLite register at `path`: its event store alone.
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

/**
 * Opens (creating when missing, unless `create: false`) the SQLite register at `path` and its key
 * store beside it. A register that is a folder, empty or missing where it must exist, or a key
 * store missing beside sealed data whose keys were never erased, is a StoreError naming the file
 * (`checkRegisterFiles`), never a fresh register or key store made in its place.
 *
 * @example
 * const opened = await openSqlite({ path: './contact-ledger.db' }) // Right({ store, keys, close })
 */
export const openSqlite = async ({ path, keysPath, create, ...connect }: SqliteOptions): Promise<E.Either<StoreError, OpenedStores>> => {
  const keys = keysPath ?? keysPathOf(path)
  const checked = checkRegisterFiles(path, keys, create === undefined ? {} : { create })
  if (E.isLeft(checked)) return checked
  return bothOrNeither(openSqliteEventStore(path, connect), async () => openSqliteKeyStore(keys, connect))
}
export { accessPathOf, openSqliteAccessLog, sqliteAccessLog } from './access-log.js'
