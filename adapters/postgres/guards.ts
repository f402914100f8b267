/**
 * The register's tables are append-only at the database level (as on SQLite, adapters/sqlite/
 * guards.ts): triggers refuse an UPDATE, a DELETE or a TRUNCATE of the log (`events`), the tag
 * index (`event_tags`), the tree (`nodes`) and the stored checkpoints, so a mistake, a careless tool
 * or SQL injected through the application's connection cannot hide an exclusion from a decision.
 * They are put on by an open that may create (a read-only command changes nothing, DOMAIN.md rule
 * 22); `rebuild` (verify --repair) drops and recreates them inside its own transaction. The
 * tables' owner can drop them too: `verify` remains the check.
 */
import { lockKey, type PgQueryable } from './schema.js'

/** The SQLSTATE the guards raise (a class of contact-ledger's own), which errors.ts names. */
export const APPEND_ONLY_SQLSTATE = 'CL001'

/** The tables whose rows are never updated or deleted. */
export const PG_GUARDED_TABLES = ['events', 'event_tags', 'nodes', 'checkpoints'] as const

const lit = (S: string): string => S.replace(/'/g, "''")

/**
 * The SQL that puts the guards on (idempotent: the function is replaced, each trigger dropped and made).
 *
 * @example
 * await client.query(installGuardsSql('"contact_ledger"'))
 */
export const installGuardsSql = (S: string): string =>
  [
    `CREATE OR REPLACE FUNCTION ${S}.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'the register is append-only: % on %.% refused; contact-ledger verify --repair rebuilds derived data', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
           USING ERRCODE = '${APPEND_ONLY_SQLSTATE}';
       END $$`,
    ...PG_GUARDED_TABLES.flatMap((t) => [
      `DROP TRIGGER IF EXISTS append_only ON ${S}.${t}`,
      `CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON ${S}.${t} FOR EACH ROW EXECUTE FUNCTION ${S}.refuse_change()`,
      `DROP TRIGGER IF EXISTS append_only_truncate ON ${S}.${t}`,
      `CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON ${S}.${t} FOR EACH STATEMENT EXECUTE FUNCTION ${S}.refuse_change()`,
    ]),
  ].join(';\n')

/**
 * The SQL that takes the guards off: only inside a rebuild's transaction, which puts them on again.
 *
 * @example
 * await client.query(dropGuardsSql('"contact_ledger"'))
 */
export const dropGuardsSql = (S: string): string =>
  PG_GUARDED_TABLES.flatMap((t) => [`DROP TRIGGER IF EXISTS append_only ON ${S}.${t}`, `DROP TRIGGER IF EXISTS append_only_truncate ON ${S}.${t}`]).join(';\n')

/**
 * Puts the guards on when any is missing, in one transaction under the migration lock (a read of
 * the catalogue when they are all there).
 *
 * @example
 * await guardRegister(pool, 'contact_ledger', '"contact_ledger"')
 */
export const guardRegister = async (pool: { readonly connect: () => Promise<PgQueryable & { release: (e?: boolean | Error) => void }> }, schema: string, S: string): Promise<void> => {
  const count = `SELECT count(*)::int AS n FROM pg_trigger WHERE tgname IN ('append_only', 'append_only_truncate') AND tgrelid = ANY(ARRAY[${PG_GUARDED_TABLES.map((t) => `'${lit(S)}.${t}'::regclass`).join(', ')}])`
  const client = await pool.connect()
  let broken = false
  try {
    if (Number((await client.query(count)).rows[0]?.['n']) === PG_GUARDED_TABLES.length * 2) return
    await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${lockKey('migrate', schema)})`)
    if (Number((await client.query(count)).rows[0]?.['n']) !== PG_GUARDED_TABLES.length * 2) await client.query(installGuardsSql(S))
    await client.query('COMMIT')
  } catch (e) {
    broken = true
    await client.query('ROLLBACK').catch(() => undefined)
    throw e
  } finally {
    client.release(broken)
  }
}
