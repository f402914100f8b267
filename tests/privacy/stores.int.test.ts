/**
 * Personal data on real stores: no plaintext in the SQLite register file or its WAL, nor in a dump
 * of the PostgreSQL register's tables; erasure reaches copies of the register made before it; the
 * command line's person and retention commands.
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, describe, expect, it } from 'vitest'
import { memoryProcessingLog } from '../../adapters/memory/index.js'
import { connectPostgres, keysUrlOf, openPostgres } from '../../adapters/postgres/index.js'
import { keysPathOf, openSqliteEventStore, openSqliteKeyStore } from '../../adapters/sqlite/index.js'
import { createLedger } from '../../src/ledger/ledger.js'
import { stateAt } from '../../src/ledger/read.js'
import { fixedClock } from '../../src/ports/clock.js'
import { pseudonymSecret, readPersons } from '../../src/privacy/persons.js'
import { AS_AUDITOR, READER_GRANTS, WRITER_GRANTS, cli, grantLine, execAs } from '../fixtures/cli.js'
import { ORG_A, PERSON_1, actors, cmd, run, grantFixtureRoles } from '../fixtures/domain.js'
import { PG_URL, describePg, dropSchema, freshSchema } from '../storage/pg-server.js'

const SECRETS = { name: 'Yasmina Oukili-Verhoeven', email: 'y.oukili@voorbeeld-moskee.nl', phone: '+31 6 4471 9923' }
const registerPerson = { command: 'registerKeyFigure', actor: actors.official, payload: { personId: PERSON_1, organisationId: ORG_A, ...SECRETS } }
const erase = { command: 'eraseKeyFigure', actor: actors.privacy, payload: { personId: PERSON_1, reason: 'verzoek betrokkene' } }
const ok = <A>(r: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right
}
const contains = (file: string, text: string) => existsSync(file) && readFileSync(file).includes(Buffer.from(text, 'utf8'))

describe('SQLite', () => {
  it('the register file and its WAL never hold a key figure\u2019s name, e-mail or phone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-privacy-'))
    const path = join(dir, 'register.db')
    const store = ok(openSqliteEventStore(path))
    const keys = ok(openSqliteKeyStore(keysPathOf(path)))
    await grantFixtureRoles(store)
    const ledger = createLedger({ store, keys, clock: fixedClock('2025-06-01T10:00:00Z') })
    await run(ledger, cmd.registerOrganisation(), registerPerson)
    expect(existsSync(`${path}-wal`)).toBe(true)
    for (const secret of Object.values(SECRETS)) {
      expect(contains(path, secret), `${secret} in the register file`).toBe(false)
      expect(contains(`${path}-wal`, secret), `${secret} in the WAL`).toBe(false)
    }
    await store.close()
    await keys.close()
    for (const secret of Object.values(SECRETS)) expect(contains(path, secret)).toBe(false)
  })

  it('a copy of the register taken before the erasure, opened with the live key store, reads the person as erased', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-privacy-'))
    const path = join(dir, 'register.db')
    const url = `sqlite:${path}`
    // the readers of rule 20 granted first: person show is a restricted read (an official's)
    const lines = READER_GRANTS + WRITER_GRANTS + [cmd.registerOrganisation(), registerPerson].map((c) => JSON.stringify(c)).join('\n')
    expect(execAs(['--store', url, '-'], lines).code).toBe(0)
    const shown = cli(['person', 'show', PERSON_1, '--store', url, '--json', '--actor', 'a.jansen'])
    expect(shown.code).toBe(0)
    expect(JSON.parse(shown.stdout)).toMatchObject({ status: 'available', data: SECRETS })
    const records = readFileSync(`${path}.processing.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l))
    expect(records.map((r) => r.name)).toEqual(['unseal-key-figure'])
    expect(JSON.stringify(records)).not.toContain(PERSON_1)

    copyFileSync(path, join(dir, 'backup.db'))
    expect(execAs(['--store', url, '-'], JSON.stringify(erase)).code).toBe(0)
    expect(JSON.parse(cli(['person', 'show', PERSON_1, '--store', url, '--json', '--actor', 'a.jansen']).stdout).status).toBe('erased')

    // the old copy, read with the live key store: the key is gone, so is the data
    const backup = ok(openSqliteEventStore(join(dir, 'backup.db')))
    const keys = ok(openSqliteKeyStore(keysPathOf(path)))
    const state = ok(await stateAt(backup))
    expect(state.persons[PERSON_1]?.erased).toBeUndefined()
    const reader = { keys, log: memoryProcessingLog(), clock: fixedClock('2026-01-01T00:00:00Z'), pseudonymKey: ok(await pseudonymSecret(keys)) }
    const views = ok(await readPersons(reader, state, [PERSON_1]))
    expect(views[0]!.status).toBe('erased')
    expect(reader.log.records).toEqual([])
    await backup.close()
    await keys.close()
    expect(readFileSync(`${path}.processing.jsonl`, 'utf8')).toContain('erase-key-figure')
  })

  it('retention: a dry run lists exactly the key figures past the policy and appends nothing; apply erases exactly those', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-retention-'))
    const url = `sqlite:${join(dir, 'register.db')}`
    const OLD = 'f3000000-0000-4000-8000-0000000000f3'
    const RECENT = 'f4000000-0000-4000-8000-0000000000f4'
    const person = (personId: string, name: string) => ({ command: 'registerKeyFigure', actor: actors.official, payload: { personId, name } })
    const lines = [
      cmd.registerOrganisation(),
      person(OLD, 'Oud Contact'),
      person(RECENT, 'Recent Contact'),
      cmd.contact([ORG_A], { personIds: [OLD], occurredOn: '2019-03-01' }),
      cmd.contact([ORG_A], { personIds: [RECENT], occurredOn: '2025-03-01' }),
    ]
    writeFileSync(join(dir, 'c.jsonl'), READER_GRANTS + grantLine('c.desmet', 'coordinator') + grantLine(actors.privacy.id, 'privacy-officer') + lines.map((l) => JSON.stringify(l)).join('\n')) // seven grants first (rule 20's readers, the coordinator, the privacy officer)
    expect(execAs(['--store', url, join(dir, 'c.jsonl')]).code).toBe(0)
    const size = () => cli(['log', '--store', url, ...AS_AUDITOR]).stdout.trim().split('\n').length
    expect(size()).toBe(12)
    const dry = cli(['retention', '--dry-run', '--store', url, '--json'])
    expect(dry.code).toBe(0)
    expect(JSON.parse(dry.stdout).due.map((d: { personId: string }) => d.personId)).toEqual([OLD])
    expect(size()).toBe(12)
    expect(cli(['retention', '--apply', '--store', url]).code).toBe(2)
    const applied = cli(['retention', '--apply', '--actor', actors.privacy.id, '--store', url, '--json'])
    expect(JSON.parse(applied.stdout).erased).toEqual([OLD])
    const log = cli(['log', '--store', url, ...AS_AUDITOR]).stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(log.filter((e) => e.type === 'KeyFigureErased').map((e) => e.data.personId)).toEqual([OLD])
    expect(JSON.parse(cli(['person', 'show', RECENT, '--store', url, '--json', '--actor', 'p.devries']).stdout).status).toBe('available')
  })
})

describePg('PostgreSQL', () => {
  const schema = freshSchema()
  afterAll(() => dropSchema(schema))

  it('a plain dump of the register\u2019s database holds no key (the keys are in a database of their own), so an erasure reaches it', async () => {
    const opened = ok(await openPostgres({ url: PG_URL, schema }))
    await grantFixtureRoles(opened.store)
    const ledger = createLedger({ store: opened.store, keys: opened.keys, clock: fixedClock('2025-06-01T10:00:00Z') })
    await run(ledger, cmd.registerOrganisation(), registerPerson)
    const key = ok(await opened.keys.get(registerPerson.payload.personId)())
    expect(key).not.toBeNull()
    await opened.close()
    const dump = execFileSync('pg_dump', ['--dbname', PG_URL, '--schema', schema], { encoding: 'utf8', maxBuffer: 64 << 20 })
    expect(dump).toContain('KeyFigureRegistered')
    expect(dump).not.toContain('person_keys')
    expect(dump).not.toContain(Buffer.from(key!).toString('hex'))
    for (const secret of Object.values(SECRETS)) expect(dump).not.toContain(secret)
    const keysDump = execFileSync('pg_dump', ['--dbname', keysUrlOf(PG_URL), '--schema', schema], { encoding: 'utf8' })
    expect(keysDump).toContain(Buffer.from(key!).toString('hex'))
    expect(keysDump).not.toContain('KeyFigureRegistered')
  })

  it('a register written before the key database: its keys are moved out of the register\u2019s schema on open, and still open the data', async () => {
    const legacy = freshSchema()
    const opened = ok(await openPostgres({ url: PG_URL, schema: legacy }))
    await grantFixtureRoles(opened.store)
    const ledger = createLedger({ store: opened.store, keys: opened.keys, clock: fixedClock('2025-06-01T10:00:00Z') })
    await run(ledger, cmd.registerOrganisation(), registerPerson)
    const key = ok(await opened.keys.get(registerPerson.payload.personId)())
    await opened.close()
    // as an older version left it: the key table beside the log, none in the key database
    const reg = ok(await connectPostgres(PG_URL, { max: 1 }))
    const kdb = ok(await connectPostgres(keysUrlOf(PG_URL), { max: 1 }))
    await reg.query(`CREATE TABLE "${legacy}".person_keys (person_id text PRIMARY KEY, key bytea NOT NULL)`)
    await reg.query(`INSERT INTO "${legacy}".person_keys VALUES ($1, $2)`, [registerPerson.payload.personId, Buffer.from(key!)])
    await kdb.query(`DROP SCHEMA "${legacy}" CASCADE`)
    const again = ok(await openPostgres({ url: PG_URL, schema: legacy }))
    expect(ok(await again.keys.get(registerPerson.payload.personId)())).toEqual(key)
    await again.close()
    expect((await reg.query(`SELECT to_regclass('"${legacy}".person_keys') IS NULL AS gone`)).rows[0]).toEqual({ gone: true })
    await reg.end()
    await kdb.end()
    await dropSchema(legacy)
  })

  it('refuses a key store in the register\u2019s own database', async () => {
    const r = await openPostgres({ url: PG_URL, schema, keysUrl: PG_URL })
    expect(E.isLeft(r) && r.left.message).toMatch(/the key store must be another database than the register's \(test\)/)
  })
})
