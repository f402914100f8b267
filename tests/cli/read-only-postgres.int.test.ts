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
import { AS_AUDITOR, execAs, READER_GRANTS, WRITER_GRANTS } from '../fixtures/cli.js'

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
      const w = execAs(['--store', pgUrlWithSchema(schema)], READER_GRANTS + WRITER_GRANTS + JSON.stringify(register) + '\n')
      expect(w.code).toBe(0)
      // the log is the auditor's restricted read (rule 20): allowed, refused, and both in the access log beside the register
      expect(cli(['log', '--store', pgUrlWithSchema(schema), ...AS_AUDITOR]).status).toBe(0)
      expect(cli(['log', '--store', pgUrlWithSchema(schema), '--actor', 'a.jansen']).status).toBe(1)
      const access = cli(['access-log', '--store', pgUrlWithSchema(schema), '--actor', 'p.devries', '--format', 'json'])
      expect(access.status).toBe(0)
      expect(access.stdout.trim().split('\n').map((l) => { const r = JSON.parse(l); return [r.actor, r.outcome, r.read.kind] })).toEqual([
        ['e.auditor', 'allowed', 'log'],
        ['a.jansen', 'refused', 'log'],
        ['p.devries', 'allowed', 'access-log'],
      ])
      expect(cli(['access-log', '--store', pgUrlWithSchema(schema), '--actor', 'e.auditor', '--verify']).status).toBe(0)
    } finally {
      await dropSchema(schema)
    }
  })
})
