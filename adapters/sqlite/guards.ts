/**
 * The register's tables are append-only at the database level: triggers refuse an UPDATE or a
 * DELETE on the log (`events`), the tag index (`event_tags`), the tree (`nodes`) and the stored
 * checkpoints, so a mistake, a careless tool or SQL injected through the application's connection
 * cannot hide an exclusion from a decision (issue 14). They are put on a register by a command that
 * may write (a read-only command never changes the file, DOMAIN.md rule 22); `verify --repair`,
 * the one sanctioned way around them, drops and recreates them inside its own transaction. Whoever
 * may write the file can drop them too: `verify` remains the check.
 */
import type { SqliteDatabase } from './schema.js'

/** The tables whose rows are never updated or deleted. */
export const SQLITE_GUARDED_TABLES = ['events', 'event_tags', 'nodes', 'checkpoints'] as const

/** The names of the triggers that guard them, one per table and operation. */
export const SQLITE_GUARD_TRIGGERS: ReadonlyArray<string> = SQLITE_GUARDED_TABLES.flatMap((t) => [`${t}_no_update`, `${t}_no_delete`])

const createSql = SQLITE_GUARDED_TABLES.flatMap((t) =>
  (['UPDATE', 'DELETE'] as const).map(
    (op) =>
      `CREATE TRIGGER IF NOT EXISTS ${t}_no_${op.toLowerCase()} BEFORE ${op} ON ${t} BEGIN
         SELECT RAISE(ABORT, 'the register is append-only: ${op} on ${t} refused; contact-ledger verify --repair rebuilds derived data');
       END;`,
  ),
).join('\n')

const dropSql = SQLITE_GUARD_TRIGGERS.map((n) => `DROP TRIGGER IF EXISTS ${n};`).join('\n')

/**
 * Whether every guard trigger is on the register.
 *
 * @example
 * if (!guarded(db)) installGuards(db)
 */
export const guarded = (db: SqliteDatabase): boolean =>
  (db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name IN (${SQLITE_GUARD_TRIGGERS.map(() => '?').join(', ')})`).get(...SQLITE_GUARD_TRIGGERS) as { n: number }).n ===
  SQLITE_GUARD_TRIGGERS.length

/**
 * Creates the missing guard triggers (inside the caller's transaction, when it has one).
 *
 * @example
 * db.exec('BEGIN IMMEDIATE'); installGuards(db); db.exec('COMMIT')
 */
export const installGuards = (db: SqliteDatabase): void => void db.exec(createSql)

/**
 * Drops the guard triggers: only inside the transaction of a rebuild, which recreates them before it commits.
 *
 * @example
 * db.exec('BEGIN IMMEDIATE'); dropGuards(db); rebuild(); installGuards(db); db.exec('COMMIT')
 */
export const dropGuards = (db: SqliteDatabase): void => void db.exec(dropSql)
