/**
 * PostgreSQL (issue 14): a key database that is missing, or whose key table is dropped or emptied,
 * while the register holds sealed personal data whose keys were never erased, is an error naming
 * what is missing, and nothing is made in its place; and the register's last signed checkpoint is
 * kept in the key database, so a register restored from an older backup (shorter than it) is
 * refused on open (exit 2) and fails verify (exit 1).
 */
import { randomBytes } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, expect, it } from 'vitest'
import { dropGuardsSql } from '../../adapters/postgres/guards.js'
import { connectPostgres, openPostgres, type PgPool } from '../../adapters/postgres/index.js'
import { generateSigner, signedCheckpoint } from '../../src/audit/index.js'
import { createLedger, fixedClock, sequentialIds } from '../../src/index.js'
import { cli } from '../fixtures/cli.js'
import { actors, cmd, G, NOW, ORG_B, PERSON_1, run, grantFixtureRoles } from '../fixtures/domain.js'
import { describePg, dropSchema, freshSchema, PG_URL, pgUrlWithSchema } from './pg-server.js'

const must = <A>(e: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

const urlOf = (database: string): string => {
  const u = new URL(PG_URL)
  u.pathname = `/${database}`
  return u.toString()
}

const schemas: string[] = []
const databases: string[] = []

afterAll(async () => {
  for (const s of schemas) await dropSchema(s)
  const admin = await connectPostgres(urlOf('postgres'), { max: 1 })
  if (E.isRight(admin)) {
    for (const d of databases) await admin.right.query(`DROP DATABASE IF EXISTS "${d}" WITH (FORCE)`).catch(() => undefined)
    await admin.right.end()
  }
})

/** A register in a fresh schema with a key database of its own; `withKeys` / `withAdmin` run SQL there. */
const fresh = () => {
  const schema = freshSchema()
  const keysDb = `cl_keys_${randomBytes(5).toString('hex')}`
  schemas.push(schema)
  databases.push(keysDb)
  const keysUrl = urlOf(keysDb)
  const on = async (url: string, work: (pool: PgPool) => Promise<unknown>) => {
    const pool = must(await connectPostgres(url, { max: 1 }))
    try {
      return await work(pool)
    } finally {
      await pool.end()
    }
  }
  const keysDbExists = async () => (await on(urlOf('postgres'), async (p) => (await p.query('SELECT 1 FROM pg_database WHERE datname = $1', [keysDb])).rows.length)) === 1
  return { schema, S: `"${schema}"`, keysDb, keysUrl, on, keysDbExists }
}

/** The command line on a register with its key database named by CONTACT_LEDGER_KEYS. */
const cliWith = (keysUrl: string, args: string[], input?: string) => {
  const before = process.env['CONTACT_LEDGER_KEYS']
  process.env['CONTACT_LEDGER_KEYS'] = keysUrl
  try {
    return cli(args, input)
  } finally {
    if (before === undefined) delete process.env['CONTACT_LEDGER_KEYS']
    else process.env['CONTACT_LEDGER_KEYS'] = before
  }
}

describePg('PostgreSQL: the key database and the kept checkpoint', () => {
  it('a key table emptied or dropped, or a key database dropped, beside a key figure never erased: refused naming it, and nothing is made in its place', async () => {
    const r = fresh()
    const opened = must(await openPostgres({ url: PG_URL, schema: r.schema, keysUrl: r.keysUrl }))
    await grantFixtureRoles(opened.store)
    const ledger = createLedger({ store: opened.store, keys: opened.keys, clock: fixedClock(NOW), ids: sequentialIds() })
    await run(ledger, cmd.registerOrganisation(), { command: 'registerKeyFigure', actor: actors.official, payload: { personId: PERSON_1, name: 'K. Voorbeeld' } })
    await opened.close()
    const sealed = `the register in schema ${r.schema} at `
    const never = 'holds sealed personal data of 1 key figure(s) whose keys were never erased'

    await r.on(r.keysUrl, (p) => p.query(`DELETE FROM ${r.S}.person_keys`))
    const emptied = await openPostgres({ url: PG_URL, schema: r.schema, keysUrl: r.keysUrl })
    expect(E.isLeft(emptied) && emptied.left.message).toMatch(new RegExp(`^the key database ${r.keysDb} holds no key in "${r.schema}"\\.person_keys, but ${sealed}.*${never.replace(/[()]/g, '\\$&')}; restore the key database ${r.keysDb} from a backup`))
    const cliEmptied = cliWith(r.keysUrl, ['log', '--store', pgUrlWithSchema(r.schema)])
    expect(cliEmptied.code).toBe(2)
    expect(cliEmptied.stderr.trim().split('\n')).toEqual([expect.stringContaining(`holds no key in "${r.schema}".person_keys`)])
    const cliExec = cliWith(r.keysUrl, ['exec', '--store', pgUrlWithSchema(r.schema), '--actor', actors.coordinator.id, '-'], JSON.stringify(cmd.registerOrganisation(ORG_B, 'Vereniging Elders')) + '\n')
    expect(cliExec.code).toBe(2)

    await r.on(r.keysUrl, (p) => p.query(`DROP TABLE ${r.S}.person_keys`))
    const dropped = await openPostgres({ url: PG_URL, schema: r.schema, keysUrl: r.keysUrl })
    expect(E.isLeft(dropped) && dropped.left.message).toContain(`the key database ${r.keysDb} has no key table "${r.schema}".person_keys, but ${sealed}`)
    expect(await r.on(r.keysUrl, async (p) => (await p.query(`SELECT to_regclass('${r.S}.person_keys') IS NULL AS gone`)).rows[0]!['gone'])).toBe(true)

    await r.on(urlOf('postgres'), (p) => p.query(`DROP DATABASE "${r.keysDb}" WITH (FORCE)`))
    for (const create of [true, false]) {
      const missing = await openPostgres({ url: PG_URL, schema: r.schema, keysUrl: r.keysUrl, create })
      expect(E.isLeft(missing) && missing.left.message).toContain(`the key database ${r.keysDb}`)
      expect(await r.keysDbExists()).toBe(false)
    }
    const cliMissing = cliWith(r.keysUrl, ['exec', '--store', pgUrlWithSchema(r.schema), '--actor', actors.coordinator.id, '-'], JSON.stringify(cmd.registerOrganisation(ORG_B, 'Vereniging Elders')) + '\n')
    expect(cliMissing.code).toBe(2)
    expect(cliMissing.stderr).toContain(never)
    expect(cliMissing.stderr.trim().split('\n')).toHaveLength(1)
    expect(await r.keysDbExists()).toBe(false)
    // the log itself is untouched: the grants and two entries still
    expect(await r.on(PG_URL, async (p) => Number((await p.query(`SELECT count(*) AS n FROM ${r.S}.events`)).rows[0]!['n']))).toBe(G + 2)
  })

  it('a register with no sealed data whose key database is gone opens as before (a fresh key database is made)', async () => {
    const r = fresh()
    const opened = must(await openPostgres({ url: PG_URL, schema: r.schema, keysUrl: r.keysUrl }))
    await grantFixtureRoles(opened.store)
    await run(createLedger({ store: opened.store, keys: opened.keys, clock: fixedClock(NOW), ids: sequentialIds() }), cmd.registerOrganisation())
    await opened.close()
    await r.on(urlOf('postgres'), (p) => p.query(`DROP DATABASE "${r.keysDb}" WITH (FORCE)`))
    const again = must(await openPostgres({ url: PG_URL, schema: r.schema, keysUrl: r.keysUrl }))
    await again.close()
    expect(await r.keysDbExists()).toBe(true)
  })

  it('a register restored from an older backup (shorter than its last signed checkpoint, kept in the key database): open refused naming both sizes, verify exits 1', async () => {
    const r = fresh()
    const opened = must(await openPostgres({ url: PG_URL, schema: r.schema, keysUrl: r.keysUrl }))
    await grantFixtureRoles(opened.store)
    const ledger = createLedger({ store: opened.store, keys: opened.keys, clock: fixedClock(NOW), ids: sequentialIds() })
    const signer = must(generateSigner('contact-ledger.local/register'))
    await run(ledger, cmd.registerOrganisation(), cmd.endorse(), cmd.contact())
    must(await signedCheckpoint(opened.store, signer)())
    await run(ledger, cmd.registerOrganisation(ORG_B, 'Vereniging Elders'), cmd.contact([ORG_B]))
    must(await signedCheckpoint(opened.store, signer)())
    must(await signedCheckpoint(opened.store, signer, G + 2)()) // an earlier size leaves the larger one kept
    await opened.close()
    // the register holds the grants (positions 0 … G - 1) and then five entries
    const [older, kept] = [G + 3, G + 5]
    expect(await r.on(r.keysUrl, async (p) => Number((await p.query(`SELECT tree_size FROM ${r.S}.checkpoint_anchor`)).rows[0]!['tree_size']))).toBe(kept)

    // the state of the older backup: the last two entries, their tree nodes, tags and checkpoints gone
    await r.on(PG_URL, (p) =>
      p.query(`${dropGuardsSql(r.S)};
        DELETE FROM ${r.S}.events WHERE position >= ${older}; DELETE FROM ${r.S}.event_tags WHERE position >= ${older};
        DELETE FROM ${r.S}.nodes WHERE (idx + 1) * (1::bigint << level) > ${older}; DELETE FROM ${r.S}.checkpoints WHERE tree_size > ${older}`),
    )
    const refused = await openPostgres({ url: PG_URL, schema: r.schema, keysUrl: r.keysUrl })
    const message = `the register in schema ${r.schema} at `
    expect(E.isLeft(refused) && refused.left.message).toMatch(
      new RegExp(`^${message}.* holds ${older} entries, fewer than the ${kept} of its last signed checkpoint \\(the anchor table "${r.schema}"\\.checkpoint_anchor in the key database ${r.keysDb}\\): committed entries were lost`),
    )
    const log = cliWith(r.keysUrl, ['log', '--store', pgUrlWithSchema(r.schema)])
    expect(log.code).toBe(2)
    expect(log.stderr.trim().split('\n')).toEqual([expect.stringContaining(`holds ${older} entries, fewer than the ${kept} of its last signed checkpoint`)])
    const verify = cliWith(r.keysUrl, ['verify', '--json', '--no-signatures', '--store', pgUrlWithSchema(r.schema)])
    expect(verify.code).toBe(1)
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: false, kind: 'anchor', keptSize: kept, logSize: older })
  })
})
