/**
 * A PostgreSQL register's anchor (src/store/anchor.ts): its latest signed checkpoint, kept in the
 * key database (a database of its own, key-database.ts) rather than beside the log, so that a log
 * restored from an older backup, or one that lost committed entries, is noticed when it is opened:
 * the key database is backed up on its own schedule, and a rollback of the register's database
 * does not roll the anchor back with it.
 */
import * as E from 'fp-ts/lib/Either.js'
import { anchorOf, type Anchor, type StoreError } from '../../src/store/index.js'
import { pgError, type PgTarget } from './errors.js'
import type { PgPool } from './schema.js'

/** Where the anchor lives, for messages. @example anchorName('register_keys', '"contact_ledger"') */
export const anchorName = (database: string, S: string): string => `the anchor table ${S}.checkpoint_anchor in the key database ${database}`

/**
 * Reads the anchor (undefined when none was kept yet).
 *
 * @example
 * const kept = await readPgAnchor(keysPool, target, '"contact_ledger"')
 */
export const readPgAnchor = async (pool: PgPool, target: PgTarget, S: string): Promise<E.Either<StoreError, Anchor | undefined>> => {
  try {
    const there = await pool.query(`SELECT to_regclass('${S.replace(/'/g, "''")}.checkpoint_anchor') IS NOT NULL AS there`)
    if (there.rows[0]?.['there'] !== true) return E.right(undefined)
    const r = await pool.query(`SELECT note FROM ${S}.checkpoint_anchor`)
    const note = r.rows[0]?.['note'] as string | undefined
    return E.right(note === undefined ? undefined : anchorOf(note))
  } catch (e) {
    return E.left(pgError(target)(e))
  }
}

/**
 * Keeps a signed checkpoint as the anchor when it is at least as large as the one kept (one row,
 * replaced in one statement; the table is made on first use).
 *
 * @example
 * await writePgAnchor(keysPool, target, '"contact_ledger"', cp.note)
 */
export const writePgAnchor = async (pool: PgPool, target: PgTarget, S: string, note: string): Promise<E.Either<StoreError, void>> => {
  const a = anchorOf(note)
  if (a === undefined) return E.right(undefined)
  try {
    // made on first use; a key database whose owner grants the register's role only rights on its
    // tables has it made by that owner (README, "Backups"): then only the row is written here
    const there = async () => (await pool.query(`SELECT to_regclass('${S.replace(/'/g, "''")}.checkpoint_anchor') IS NOT NULL AS there`)).rows[0]?.['there'] === true
    if (!(await there()))
      await pool.query(`CREATE TABLE IF NOT EXISTS ${S}.checkpoint_anchor (one boolean PRIMARY KEY DEFAULT true CHECK (one), tree_size bigint NOT NULL, note text NOT NULL)`).catch(async (e: unknown) => {
        if (!(await there())) throw e // two processes making it at once: one wins
      })
    await pool.query(
      `INSERT INTO ${S}.checkpoint_anchor (one, tree_size, note) VALUES (true, $1, $2)
       ON CONFLICT (one) DO UPDATE SET tree_size = excluded.tree_size, note = excluded.note WHERE ${S}.checkpoint_anchor.tree_size <= excluded.tree_size`,
      [a.treeSize, note],
    )
    return E.right(undefined)
  } catch (e) {
    return E.left(pgError(target)(e))
  }
}
