/**
 * The register's SQLite schema, versioned with `PRAGMA user_version`: each migration takes the
 * file one version up, so a register written by an older contact-ledger opens in a newer one.
 * A file from a newer version is refused rather than misread.
 */
import * as E from 'fp-ts/lib/Either.js'
import { storeError, type StoreError } from '../../src/store/index.js'
import { sqliteError } from './errors.js'

// ---------------------------------------------------------------------------------------------
// model

/** A prepared statement, as better-sqlite3 gives it. */
export interface SqliteStatement {
  readonly run: (...params: unknown[]) => unknown
  readonly get: (...params: unknown[]) => unknown
  readonly all: (...params: unknown[]) => unknown[]
}

/** The part of a better-sqlite3 `Database` the adapter uses (structural: no driver import). */
export interface SqliteDatabase {
  readonly prepare: (sql: string) => SqliteStatement
  readonly exec: (sql: string) => unknown
  readonly pragma: (sql: string, options?: { readonly simple?: boolean }) => unknown
  readonly close: () => unknown
  readonly inTransaction: boolean
}

/** Marks a file as a contact-ledger register (`PRAGMA application_id`, "CLR1"). */
export const APPLICATION_ID = 0x434c5231

/** One step up: the SQL that takes a register from version `i` to `i + 1` (index `i`). */
const MIGRATIONS: ReadonlyArray<string> = [
  // 0 → 1: the log, its tags (for queries by types × tags) and the Merkle tree's nodes
  `CREATE TABLE events (
     position INTEGER PRIMARY KEY,
     type TEXT NOT NULL,
     idempotency_key TEXT,
     entry TEXT NOT NULL -- the RFC 8785 canonical JSON of the entry: exactly the bytes its leaf hashes
   );
   CREATE INDEX events_by_type ON events (type, position);
   CREATE TABLE event_tags (
     tag TEXT NOT NULL,
     position INTEGER NOT NULL,
     type TEXT NOT NULL,
     PRIMARY KEY (tag, position)
   ) WITHOUT ROWID;
   CREATE TABLE nodes (
     level INTEGER NOT NULL,
     idx INTEGER NOT NULL,
     hash BLOB NOT NULL,
     PRIMARY KEY (level, idx)
   ) WITHOUT ROWID;`,
  // 1 → 2: signed checkpoints, and idempotency keys found by index
  `CREATE TABLE checkpoints (tree_size INTEGER PRIMARY KEY, note TEXT NOT NULL);
   CREATE INDEX events_by_idempotency_key ON events (idempotency_key) WHERE idempotency_key IS NOT NULL;`,
  // 2 → 3: tags keyed (tag, type, position), so that "this organisation's standing events after p"
  // seeks to them instead of scanning past every contact with the organisation
  `CREATE TABLE event_tags_v3 (
     tag TEXT NOT NULL,
     type TEXT NOT NULL,
     position INTEGER NOT NULL,
     PRIMARY KEY (tag, type, position)
   ) WITHOUT ROWID;
   INSERT INTO event_tags_v3 (tag, type, position) SELECT tag, type, position FROM event_tags;
   DROP TABLE event_tags;
   ALTER TABLE event_tags_v3 RENAME TO event_tags;`,
  // 3 → 4: witnesses' cosignatures of a stored checkpoint, as records of their own (a stored
  // checkpoint is never replaced, guards.ts); evidence like the checkpoints, not derived from entries
  `CREATE TABLE checkpoint_cosignatures (
     tree_size INTEGER NOT NULL,
     line TEXT NOT NULL, -- one signature line, '— name base64', as the witness wrote it
     UNIQUE (tree_size, line)
   );`,
]

/**
 * The version a command that only reads brings a register to: the migrations up to it ran on
 * every open in the versions that made them, so they still do; later ones run only on an open
 * that may write, or on the first write that needs them (DOMAIN.md rule 22).
 */
export const SQLITE_READ_SCHEMA_VERSION = 3

/** The version that made `checkpoint_cosignatures`. */
export const SQLITE_COSIGNATURES_VERSION = 4

/** The schema version this contact-ledger writes. */
export const SQLITE_SCHEMA_VERSION = MIGRATIONS.length

// ---------------------------------------------------------------------------------------------
// combinators

/**
 * Brings a register file to schema version `target` (default: the latest), in one transaction,
 * and puts it in WAL mode; refuses, without changing it, a file written by a newer version or by
 * another program.
 *
 * @example
 * const ready = migrateSqlite(db, './contact-ledger.db')
 */
export const migrateSqlite = (db: SqliteDatabase, path: string, target = SQLITE_SCHEMA_VERSION): E.Either<StoreError, number> => {
  try {
    const check = (): E.Either<StoreError, number> => {
      const version = db.pragma('user_version', { simple: true }) as number
      if (version > SQLITE_SCHEMA_VERSION)
        return E.left(
          storeError('schema', `the register ${path} was written by a newer contact-ledger (schema ${version}; this one reads up to ${SQLITE_SCHEMA_VERSION}); upgrade contact-ledger to open it`),
        )
      const app = db.pragma('application_id', { simple: true }) as number
      const tables = (db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as { n: number }).n
      if ((version > 0 && app !== APPLICATION_ID) || (version === 0 && tables > 0))
        return E.left(storeError('unreadable', `${path} is a SQLite file of another program, not a contact-ledger register; name another file`))
      return E.right(version)
    }
    const seen = check()
    if (E.isLeft(seen)) return seen
    // WAL: readers never block the writer, and a commit is one append to the log file
    db.pragma('journal_mode = WAL')
    if (seen.right >= target) return seen
    db.exec('BEGIN IMMEDIATE')
    try {
      const locked = check() // another process may have migrated while we waited for the lock
      if (E.isLeft(locked)) return (db.exec('ROLLBACK'), locked)
      for (let v = locked.right; v < target; v++) db.exec(MIGRATIONS[v]!)
      db.pragma(`application_id = ${APPLICATION_ID}`)
      db.pragma(`user_version = ${Math.max(target, locked.right)}`)
      db.exec('COMMIT')
      return E.right(Math.max(target, locked.right))
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK')
      throw e
    }
  } catch (e) {
    return E.left(sqliteError(path)(e))
  }
}
