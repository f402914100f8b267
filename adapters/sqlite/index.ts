/**
 * `contact-ledger/adapters/sqlite`: the embedded default. One register file in WAL mode, and its
 * key store in a separate file beside it (`PATH.keys`).
 */
import { statSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { anchorHolds, anchorPathOf, bothOrNeither, eventStoreOver, readAnchor, storeError, type EventStore, type KeyStore, type OpenedStores, type StoreError } from '../../src/store/index.js'
import { checkRegisterFiles, connectSqlite, type RegisterFileOptions, type SqliteConnectOptions } from './connect.js'
import { sqliteDialect, type SqliteDialectOptions } from './dialect.js'
import { sqliteKeyStore } from './key-store.js'

export { checkRegisterFiles, connectSqlite, type RegisterFileOptions, type SqliteConnectOptions } from './connect.js'
export { compileSelection, sqliteDialect, type SqliteDialectOptions } from './dialect.js'
export { SQLITE_GUARD_TRIGGERS, SQLITE_GUARDED_TABLES } from './guards.js'
export { sqliteError } from './errors.js'
export { sqliteKeyStore } from './key-store.js'
export { migrateSqlite, SQLITE_SCHEMA_VERSION, type SqliteDatabase, type SqliteStatement } from './schema.js'

/** How to open a SQLite register. */
export interface SqliteOptions extends SqliteConnectOptions, RegisterFileOptions {
  /** The register file, created when missing. */
  readonly path: string
  /** The key store file (default: the register's path + `.keys`). */
  readonly keysPath?: string
  /**
   * Check that the log extends its last signed checkpoint kept beside it (`PATH.checkpoint`),
   * default true: a log that lost committed entries is a StoreError naming both sizes. `verify`
   * opens with false and makes the same check its own finding.
   */
  readonly checkAnchor?: boolean
}

const nonEmptyFile = (path: string): boolean => {
  try {
    return statSync(path).size > 0
  } catch {
    return false
  }
}

/** Where a register's key store lives by default: beside it, `PATH.keys`. */
export const keysPathOf = (path: string): string => `${path}.keys`

/**
 * An EventStore over an open SQLite database (migrating its schema first).
 *
 * @example
 * const store = sqliteEventStore(db, './contact-ledger.db') // Either<StoreError, EventStore>
 */
export const sqliteEventStore = (db: Parameters<typeof sqliteDialect>[0], path: string, options: SqliteDialectOptions = {}): E.Either<StoreError, EventStore> =>
  E.map(eventStoreOver)(sqliteDialect(db, path, options))

/**
 * Opens (creating when missing) the SQLite register at `path`: its event store alone (it keeps each
 * signed checkpoint in `PATH.checkpoint`, but checks the log against it only in `openSqlite`).
 *
 * @example
 * const store = openSqliteEventStore('./contact-ledger.db')
 * if (E.isRight(store)) createLedger({ store: store.right })
 */
export const openSqliteEventStore = (path: string, { guard, ...options }: SqliteConnectOptions & SqliteDialectOptions = {}): E.Either<StoreError, EventStore> => {
  const db = connectSqlite(path, options)
  if (E.isLeft(db)) return db
  const store = sqliteEventStore(db.right, path, guard === undefined ? {} : { guard })
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
 * (`checkRegisterFiles`), never a fresh register or key store made in its place; so is a log
 * shorter than its last signed checkpoint kept beside it (`PATH.checkpoint`), or one whose root at
 * that size differs. An open that may create also puts the append-only triggers on (guards.ts);
 * one with `create: false` changes nothing in the file.
 *
 * @example
 * const opened = await openSqlite({ path: './contact-ledger.db' }) // Right({ store, keys, close })
 */
export const openSqlite = async ({ path, keysPath, create, checkAnchor = true, ...connect }: SqliteOptions): Promise<E.Either<StoreError, OpenedStores>> => {
  const keys = keysPath ?? keysPathOf(path)
  const checked = checkRegisterFiles(path, keys, create === undefined ? {} : { create })
  if (E.isLeft(checked)) return checked
  const kept = checkAnchor && path !== ':memory:' && path !== '' ? readAnchor(anchorPathOf(path)) : E.right(undefined)
  if (E.isLeft(kept)) return kept
  if (kept.right !== undefined && !nonEmptyFile(path))
    return E.left(
      storeError(
        'corrupt',
        `the register ${path} is missing or empty, but its last signed checkpoint ${anchorPathOf(path)} is at size ${kept.right.treeSize}: restore the register from a copy (nothing was created)`,
      ),
    )
  const opened = await bothOrNeither(openSqliteEventStore(path, { ...connect, guard: create !== false }), async () => openSqliteKeyStore(keys, connect))
  if (E.isLeft(opened)) return opened
  const withAnchor: OpenedStores =
    path === ':memory:' || path === '' ? opened.right : { ...opened.right, anchor: { name: anchorPathOf(path), register: `the register ${path}`, read: async () => readAnchor(anchorPathOf(path)) } }
  if (kept.right === undefined) return E.right(withAnchor)
  const holds = await anchorHolds(opened.right.store, kept.right, anchorPathOf(path), `the register ${path}`)()
  if (E.isLeft(holds)) return (await opened.right.close(), holds)
  return E.right(withAnchor)
}
