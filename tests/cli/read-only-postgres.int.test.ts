/**
 * A command that only reads, pointed at a PostgreSQL schema that holds no register, creates
 * nothing: exit 2 with one line naming the schema, and the schema is still not there after.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { expect, it } from 'vitest'
import { connectPostgres } from '../../adapters/postgres/index.js'
import { describePg, dropSchema, freshSchema, PG_URL, pgUrlWithSchema } from '../storage/pg-server.js'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'contact-ledger.mjs')
const cli = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input: '' })

const schemaExists = async (schema: string): Promise<boolean> => {
  const pool = await connectPostgres(PG_URL, { max: 1 })
  if (E.isLeft(pool)) throw new Error(pool.left.message)
  try {
    const r = await pool.right.query('SELECT count(*)::int AS n FROM information_schema.schemata WHERE schema_name = $1', [schema])
    return r.rows[0]?.['n'] === 1
  } finally {
    await pool.right.end()
  }
}

describePg('read-only commands on PostgreSQL', () => {
  it('log, report and verify on a schema without a register: exit 2 naming it, nothing created', async () => {
    const schema = freshSchema()
    try {
      for (const args of [['log'], ['report', 'annual', '--year', '2024'], ['verify']]) {
        const r = cli([...args, '--store', pgUrlWithSchema(schema)])
        expect(r.status).toBe(2)
        expect(r.stderr.trim().split('\n')).toHaveLength(1)
        expect(r.stderr).toContain(`no register in schema ${schema}`)
      }
      expect(await schemaExists(schema)).toBe(false)
      // a command that writes creates it
      const register = { command: 'registerOrganisation', actor: { id: 'c.desmet', role: 'coordinator' }, payload: { name: 'Stichting X', kind: 'self-organisation' } }
      const w = spawnSync(process.execPath, [BIN, 'exec', '--store', pgUrlWithSchema(schema), '-'], { encoding: 'utf8', input: JSON.stringify(register) + '\n' })
      expect(w.status).toBe(0)
      expect(cli(['log', '--store', pgUrlWithSchema(schema)]).status).toBe(0)
    } finally {
      await dropSchema(schema)
    }
  })
})
