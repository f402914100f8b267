/**
 * The register's PostgreSQL schema, created on first use inside a PostgreSQL schema of its own
 * (default `contact_ledger`) and versioned in its `schema_version` table: each migration takes it
 * one version up; a register written by a newer version is refused rather than misread.
 */
import * as E from 'fp-ts/lib/Either.js'
import { storeError, type StoreError } from '../../src/store/index.js'
import { appendFunctionSql } from './append-function.js'

// ---------------------------------------------------------------------------------------------
// model

/** A query result, as node-postgres gives it. */
export interface PgResult {
  readonly rows: ReadonlyArray<Record<string, unknown>>
}

/** Anything that runs a query: a pool or one of its clients. */
/** A query the server prepares once per connection under `name`, and then only binds and runs. */
export interface PgNamedQuery {
  readonly name: string
  readonly text: string
  readonly values?: ReadonlyArray<unknown>
}

export interface PgQueryable {
  readonly query: (query: string | PgNamedQuery, values?: ReadonlyArray<unknown>) => Promise<PgResult>
}

/** One connection taken from the pool (for a transaction). */
export interface PgClient extends PgQueryable {
  readonly release: (err?: Error | boolean) => void
}

/** The part of a node-postgres `Pool` the adapter uses (structural: no driver import). */
export interface PgPool extends PgQueryable {
  readonly connect: () => Promise<PgClient>
  readonly end: () => Promise<void>
}

/** The PostgreSQL schema the register lives in when none is named. */
export const DEFAULT_PG_SCHEMA = 'contact_ledger'

/** The SQL that takes a register from version `i` to `i + 1` (index `i`); `S` is the quoted schema, `schema` its name. */
const MIGRATIONS: ReadonlyArray<(S: string, schema: string) => string> = [
  (S) => `
    CREATE TABLE ${S}.events (
      position bigint PRIMARY KEY,
      type text NOT NULL,
      tags text[] NOT NULL,
      idempotency_key text,
      entry text NOT NULL -- RFC 8785 canonical JSON: exactly the bytes its leaf hashes (jsonb would reorder and renormalise)
    );
    CREATE INDEX events_by_tags ON ${S}.events USING gin (tags);
    CREATE INDEX events_by_type ON ${S}.events (type, position);
    CREATE INDEX events_by_idempotency_key ON ${S}.events (idempotency_key) WHERE idempotency_key IS NOT NULL;
    CREATE TABLE ${S}.nodes (level integer NOT NULL, idx bigint NOT NULL, hash bytea NOT NULL, PRIMARY KEY (level, idx));
    CREATE TABLE ${S}.checkpoints (tree_size bigint PRIMARY KEY, note text NOT NULL);`,
  // 1 → 2: tags in a table of their own, keyed (tag, type, position), so that "events of these
  // types with this tag after position p" is an index seek however long the log grows (the GIN
  // index made the append condition scan every later event)
  (S) => `
    CREATE TABLE ${S}.event_tags (tag text NOT NULL, type text NOT NULL, position bigint NOT NULL, PRIMARY KEY (tag, type, position));
    INSERT INTO ${S}.event_tags (tag, position, type)
      SELECT t.tag, e.position, e.type FROM ${S}.events e CROSS JOIN LATERAL unnest(e.tags) AS t(tag)
      ON CONFLICT DO NOTHING;
    DROP INDEX ${S}.events_by_tags;`,
  // 2 → 3: witnesses' cosignatures of a stored checkpoint, as records of their own (a stored
  // checkpoint is never replaced, guards.ts); evidence like the checkpoints, not derived from entries
  (S) => `
    CREATE TABLE ${S}.checkpoint_cosignatures (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- the order they were stored in
      tree_size bigint NOT NULL,
      line text NOT NULL, -- one signature line, '— name base64', as the witness wrote it
      UNIQUE (tree_size, line)
    );`,
  // 3 → 4: the append in one round trip, a function taking the append lock (append-function.ts);
  // no table changes, so a register of version 3 reads as before
  (S, schema) => appendFunctionSql(S, lockKey('append', schema), 'any'),
  // 4 → 5: the function finds an AnyTag group's positions with one index seek per tag, whatever
  // the table's statistics say (append-function.ts); no table changes
  (S, schema) => appendFunctionSql(S, lockKey('append', schema), 'lateral'),
]

/**
 * The version a command that only reads brings a register to: the migrations up to it ran on
 * every open in the versions that made them, so they still do; later ones run only on an open
 * that may write, or on the first write that needs them (DOMAIN.md rule 22).
 */
export const PG_READ_SCHEMA_VERSION = 2

/** The version that made `checkpoint_cosignatures`. */
export const PG_COSIGNATURES_VERSION = 3

/** The version that made the one-round-trip append function (append-function.ts). */
export const PG_APPEND_FUNCTION_VERSION = 4

/** The schema version this contact-ledger writes. */
export const PG_SCHEMA_VERSION = MIGRATIONS.length

// ---------------------------------------------------------------------------------------------
// utils

/** A schema name as a quoted identifier; only plain names are accepted. @example quoteSchema('contact_ledger') */
export const quoteSchema = (schema: string): E.Either<StoreError, string> =>
  /^[a-z_][a-z0-9_]{0,62}$/.test(schema)
    ? E.right(`"${schema}"`)
    : E.left(storeError('io', `"${schema}" is not a usable PostgreSQL schema name; use lower-case letters, digits and _ (at most 63)`))

/**
 * The schema a register or key store lives in (the default when none is named), and its quoted
 * SQL name; a name PostgreSQL would not take is a StoreError.
 *
 * @example
 * schemaOf(undefined) // Right({ schema: 'contact_ledger', S: '"contact_ledger"' })
 */
export const schemaOf = (named: string | undefined): E.Either<StoreError, { readonly schema: string; readonly S: string }> => {
  const schema = named ?? DEFAULT_PG_SCHEMA
  return E.map((S: string) => ({ schema, S }))(quoteSchema(schema))
}

/** A stable 32-bit lock key for a purpose on a schema (for `pg_advisory_xact_lock`). */
export const lockKey = (purpose: string, schema: string): number => {
  let h = 0x811c9dc5
  for (const ch of `contact-ledger:${purpose}:${schema}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193)
  return h | 0
}

// ---------------------------------------------------------------------------------------------
// combinators

/**
 * Creates the register's tables on first use and brings them to `target` (default: the latest),
 * under a lock so that processes starting together do not race; refuses a newer schema.
 * Driver exceptions are thrown for the caller to translate.
 *
 * @example
 * const version = await migratePostgres(pool, 'contact_ledger')
 */
export const migratePostgres = async (pool: PgPool, schema: string, target = PG_SCHEMA_VERSION): Promise<E.Either<StoreError, number>> => {
  const S = quoteSchema(schema)
  if (E.isLeft(S)) return S
  const client = await pool.connect()
  try {
    await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${lockKey('migrate', schema)})`)
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${S.right}; CREATE TABLE IF NOT EXISTS ${S.right}.schema_version (version integer NOT NULL)`)
    const row = (await client.query(`SELECT max(version) AS v FROM ${S.right}.schema_version`)).rows[0]
    const version = Number(row?.['v'] ?? 0)
    if (version > PG_SCHEMA_VERSION) {
      await client.query('ROLLBACK')
      return E.left(
        storeError('schema', `the register in schema ${schema} was written by a newer contact-ledger (schema ${version}; this one reads up to ${PG_SCHEMA_VERSION}); upgrade contact-ledger to open it`),
      )
    }
    for (let v = version; v < target; v++) await client.query(MIGRATIONS[v]!(S.right, schema))
    if (target > version) await client.query(`DELETE FROM ${S.right}.schema_version; INSERT INTO ${S.right}.schema_version VALUES (${target})`)
    await client.query('COMMIT')
    return E.right(Math.max(version, target))
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw e
  } finally {
    client.release()
  }
}
