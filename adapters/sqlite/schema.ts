/**
 * The register's SQLite schema, versioned with `PRAGMA user_version`: each migration takes the
 * file one version up, so a register written by an older contact-ledger opens in a newer one.
 * A file from a newer version is refused rather than misread.
 */
import * as E from 'fp-ts/lib/Either.js'
import { storeError, type StoreError } from '../../src/store/index.js'
import { sqliteError } from './errors.js'
import { postOrderOf } from './post-order.js'

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
  /** Defines an SQL function on this connection (a migration uses one; the schema never names it). */
  readonly function: (name: string, options: { readonly deterministic?: boolean }, fn: (...args: never[]) => unknown) => unknown
}

/** Marks a file as a contact-ledger register (`PRAGMA application_id`, "CLR1"). */
export const APPLICATION_ID = 0x434c5231

/**
 * The event type that is the bulk of a register (contacts are what it records): from schema 5 the
 * type index leaves it out, so that recording a contact writes no page of it. A read of it by type
 * alone (no decision makes one) walks the log from its start position, in order, as reading most
 * of the log does anyway. Fixed by schema 5: the index's WHERE clause in every file names it.
 */
export const BULK_TYPE = 'ContactRecorded'

/** One step up: what takes a register from version `i` to `i + 1` (index `i`): SQL, or a function running it. */
const MIGRATIONS: ReadonlyArray<string | ((db: SqliteDatabase) => void)> = [
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
  // 4 → 5: tree nodes keyed by their post-order position (post-order.ts) in a rowid table: the
  // nodes of one append are consecutive keys at its end, so a commit writes one tail page of the
  // tree instead of one per level. The stored hashes are carried over as they are (the tree is
  // evidence beside the entries, which verify checks it against; never recomputed here); level
  // and idx stay as columns, so the file reads as before with the sqlite3 shell (and a reader
  // prepared on schema 4 still finds its nodes). The type index is rebuilt without the bulk type
  // (BULK_TYPE), from the type column of the entries.
  (db) => {
    db.function('contact_ledger_post_order', { deterministic: true }, (level: unknown, idx: unknown) => {
      // a row that names no node (written by hand) fails the step, and with it the whole migration
      if (!Number.isSafeInteger(level) || !Number.isSafeInteger(idx) || (level as number) < 0 || (level as number) > 52 || (idx as number) < 0 || ((idx as number) + 1) * 2 ** (level as number) > 2 ** 52)
        throw storeError('corrupt', `the tree of the register holds a row that names no node (level ${String(level)}, idx ${String(idx)}), so its nodes cannot be re-keyed by this contact-ledger; nothing was changed: run contact-ledger verify, and restore the file from a copy`)
      return postOrderOf({ level: level as number, index: idx as number })
    })
    db.exec(`CREATE TABLE nodes_v5 (
       id INTEGER PRIMARY KEY, -- postOrderOf({ level, index: idx })
       level INTEGER NOT NULL,
       idx INTEGER NOT NULL,
       hash BLOB NOT NULL
     );
     INSERT INTO nodes_v5 (id, level, idx, hash) SELECT contact_ledger_post_order(level, idx), level, idx, hash FROM nodes ORDER BY 1;
     DROP TABLE nodes;
     ALTER TABLE nodes_v5 RENAME TO nodes;
     DROP INDEX events_by_type;
     CREATE INDEX events_by_type ON events (type, position) WHERE type <> '${BULK_TYPE}';`)
  },
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

/**
 * Whether the register's tree nodes are keyed by post-order position (schema 5 on); a register
 * of an older schema, opened by a command that only reads, keeps them keyed by (level, idx).
 *
 * @example
 * const s = nodesByPostOrder(db) ? 'SELECT hash FROM nodes WHERE id = ?' : 'SELECT hash FROM nodes WHERE level = ? AND idx = ?'
 */
export const nodesByPostOrder = (db: SqliteDatabase): boolean => db.prepare(`SELECT 1 FROM pragma_table_info('nodes') WHERE name = 'id'`).get() !== undefined

// ---------------------------------------------------------------------------------------------
// combinators

/**
 * Brings a register file to schema version `target` (default: the latest), in one transaction,
 * and puts it in WAL mode; refuses, without changing it, a file written by a newer version or by
 * another program. `also` runs inside that transaction after the steps (the dialect puts the
 * append-only triggers on the tables a step made, so none is ever committed unguarded).
 *
 * @example
 * const ready = migrateSqlite(db, './contact-ledger.db')
 */
export const migrateSqlite = (db: SqliteDatabase, path: string, target = SQLITE_SCHEMA_VERSION, also?: (db: SqliteDatabase) => void): E.Either<StoreError, number> => {
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
      for (let v = locked.right; v < target; v++) {
        const step = MIGRATIONS[v]!
        if (typeof step === 'string') db.exec(step)
        else step(db)
      }
      also?.(db)
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
