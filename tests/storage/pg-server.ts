/**
 * The PostgreSQL server the storage tests talk to (`CONTACT_LEDGER_TEST_PG`), and a schema of
 * their own per use, dropped afterwards. Without a server the tests skip with one line, except
 * under `CI=true`, where they fail.
 */
import { randomBytes } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { connectPostgres, keysUrlOf } from '../../adapters/postgres/index.js'

export const PG_URL = process.env['CONTACT_LEDGER_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test'

const probe = await connectPostgres(PG_URL, { max: 1, connectTimeoutMs: 3000 })
if (E.isRight(probe)) await probe.right.end()
/** Why the server cannot be used, or null when it answers. */
export const PG_PROBLEM: string | null = E.isLeft(probe) ? probe.left.message : null

/** A fresh schema name with a random suffix. @example freshSchema() // 'cl_test_3fa9…' */
export const freshSchema = (): string => `cl_test_${randomBytes(6).toString('hex')}`

/** The server URL naming a schema, as the command line takes it. */
export const pgUrlWithSchema = (schema: string): string => `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${schema}`

/** Drops a test schema and everything in it, in the register's database and in its key database. */
export const dropSchema = async (schema: string): Promise<void> => {
  for (const url of [PG_URL, keysUrlOf(PG_URL)]) {
    const pool = await connectPostgres(url, { max: 1 })
    if (E.isLeft(pool)) continue
    try {
      await pool.right.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    } finally {
      await pool.right.end()
    }
  }
}

let warned = false

/**
 * `describe` for tests that need the PostgreSQL server: skipped (with one line) when none answers,
 * failing under `CI=true`.
 *
 * @example
 * describePg('postgres conformance', () => { ... })
 */
export const describePg = (name: string, body: () => void): void => {
  if (PG_PROBLEM === null) return void describe(name, body)
  if (process.env['CI'] === 'true')
    return void describe(name, () => it('needs a PostgreSQL server (CI=true: these tests must run)', () => expect.fail(`${PG_PROBLEM} (CONTACT_LEDGER_TEST_PG=${PG_URL})`)))
  if (!warned) {
    warned = true
    process.stderr.write(`skipping PostgreSQL tests: no server answers at ${PG_URL} (set CONTACT_LEDGER_TEST_PG)\n`)
  }
  describe.skip(name, body)
}
