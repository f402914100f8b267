/**
 * The SQLite KeyStore: person keys in a file of their own beside the register (`PATH.keys`), so a
 * copy of the register alone never carries keys. Destroying a key overwrites its bytes
 * (`secure_delete`) and empties the WAL, so no copy of the key is left in either file.
 */
import * as E from 'fp-ts/lib/Either.js'
import { guardSync, keyExists, storeError, type KeyStore, type StoreError } from '../../src/store/index.js'
import { sqliteError } from './errors.js'
import type { SqliteDatabase } from './schema.js'

/** The key store's schema version (`PRAGMA user_version` of the `.keys` file). */
const KEYS_SCHEMA_VERSION = 1

/**
 * A KeyStore over an open SQLite database (the `.keys` file), creating its table on first use.
 *
 * @example
 * const keys = sqliteKeyStore(db, './contact-ledger.db.keys') // Either<StoreError, KeyStore>
 */
export const sqliteKeyStore = (db: SqliteDatabase, path: string): E.Either<StoreError, KeyStore> => {
  const fail = sqliteError(path)
  try {
    db.pragma('secure_delete = ON')
    db.pragma('journal_mode = WAL')
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > KEYS_SCHEMA_VERSION)
      return E.left(storeError('schema', `the key store ${path} was written by a newer contact-ledger (schema ${version}); upgrade contact-ledger to open it`))
    if (version < KEYS_SCHEMA_VERSION) {
      db.exec('BEGIN IMMEDIATE')
      db.exec('CREATE TABLE IF NOT EXISTS person_keys (person_id TEXT PRIMARY KEY, key BLOB NOT NULL) WITHOUT ROWID')
      db.pragma(`user_version = ${KEYS_SCHEMA_VERSION}`)
      db.exec('COMMIT')
    }
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK')
    return E.left(fail(e))
  }
  const put = db.prepare('INSERT INTO person_keys (person_id, key) VALUES (?, ?) ON CONFLICT (person_id) DO NOTHING')
  const get = db.prepare('SELECT key FROM person_keys WHERE person_id = ?')
  const del = db.prepare('DELETE FROM person_keys WHERE person_id = ?')
  const guarded = guardSync(fail)
  // one transaction for a batch's record keys: all stored, or none (the first taken id is named)
  const putAllOrTaken = (entries: ReadonlyArray<readonly [string, Uint8Array]>): string | undefined => {
    db.exec('BEGIN IMMEDIATE')
    try {
      for (const [id, key] of entries) {
        const r = put.run(id, Buffer.from(key)) as { changes: number }
        if (r.changes !== 1) {
          db.exec('ROLLBACK')
          return id
        }
      }
      db.exec('COMMIT')
      return undefined
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK')
      throw e
    }
  }
  return E.right({
    put: (personId, key) => () => {
      try {
        const r = put.run(personId, Buffer.from(key)) as { changes: number }
        return Promise.resolve(r.changes === 1 ? E.right(undefined) : E.left(keyExists(personId)))
      } catch (e) {
        return Promise.resolve(E.left(fail(e)))
      }
    },
    get: (personId) => guarded(() => {
      const row = get.get(personId) as { key: Buffer } | undefined
      return row === undefined ? null : new Uint8Array(row.key)
    }),
    putMany: (entries) => () => {
      try {
        const taken = putAllOrTaken(entries)
        return Promise.resolve(taken === undefined ? E.right(undefined) : E.left(keyExists(taken)))
      } catch (e) {
        return Promise.resolve(E.left(fail(e)))
      }
    },
    getMany: (ids) =>
      guarded(() => new Map(ids.map((id) => {
        const row = get.get(id) as { key: Buffer } | undefined
        return [id, row === undefined ? null : new Uint8Array(row.key)] as const
      }))),
    destroy: (personId) =>
      guarded(() => {
        del.run(personId)
        // move the overwritten page into the file and empty the WAL, which held the old page
        db.pragma('wal_checkpoint(TRUNCATE)')
      }),
    close: async () => void db.close(),
  })
}
