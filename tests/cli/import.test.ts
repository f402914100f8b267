import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { dataFile } from './shared-data.js'
import { loadMapping } from '../../cli/import/mapping-file.js'
import { runImport, type ImportRequest } from '../../cli/import/run.js'
import { ADMIN, openedLedger, run, sizeOf } from '../fixtures/domain.js'
import { openedSqlite } from '../fixtures/cli.js'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'contact-ledger.mjs')
const UK = dataFile('uk_integritywatch_meetings_sample_iw_uk2.csv')
const EU = dataFile('eu_integritywatch_mep_meetings.csv')

/** Runs the real command line in one child process. */
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const request = (file: string, mappingName: string, extra: Partial<ImportRequest> = {}): ImportRequest => ({
  file,
  bytes: readFileSync(file),
  mapping: loadMapping(mappingName),
  mappingName,
  actor: 'a.jansen',
  coordinator: 'c.desmet',
  dryRun: false,
  ...extra,
})

const tmpFile = (name: string, text: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'cl-import-')), name)
  writeFileSync(file, text)
  return file
}

/** The official who imports and the coordinator who registers the organisations, granted (rule 18). */
const IMPORTERS = [['a.jansen', 'official'], ['c.desmet', 'coordinator']] as const

/** The entries `openedSqlite(IMPORTERS)` opens a register with: the administrator's grant and one per importer. */
const OPENED = 1 + IMPORTERS.length

describe('import csv, the UK ministerial meetings file', () => {
  it('in a dry run reports what it would append and appends nothing', () => {
    const r = cli(['import', 'csv', UK, '--mapping', 'uk-ministerial-meetings', '--actor', 'a.jansen', '--coordinator', 'c.desmet', '--store', 'memory:', '--dry-run', '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({
      dryRun: true,
      rows: 509,
      contacts: 509,
      organisations: { matched: 0, toRegister: 441 },
      keyFigures: { matched: 0, toRegister: 16 },
      personsOnly: 10,
      problems: [],
      appended: 0,
      positions: null,
    })
  })

  it('for real appends every organisation and key figure once and every contact, with a readable summary', () => {
    const r = cli(['import', 'csv', UK, '--mapping', 'uk-ministerial-meetings', '--actor', 'a.jansen', '--coordinator', 'c.desmet', '--store', openedSqlite(IMPORTERS)])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/organisations to register\s+441/)
    expect(r.stdout).toMatch(/key figures to register, sealed\s+16/)
    expect(r.stdout).toMatch(/contacts to record\s+509/)
    expect(r.stdout).toMatch(new RegExp(`Appended 966 events at positions ${OPENED}-${OPENED + 966 - 1}\\.`))
    // the names are listed only in a dry run
    expect(r.stdout).not.toMatch(/Lord Neuberger/)
  })

  it('imported twice into the same register appends nothing the second time', async () => {
    const ledger = await openedLedger()
    const first = await runImport(ledger, request(UK, 'uk-ministerial-meetings'))
    expect(first).toMatchObject({ appended: 966, replayed: 0, problems: [] })
    const second = await runImport(ledger, request(UK, 'uk-ministerial-meetings'))
    expect(second.problems).toEqual([])
    expect(second.organisations).toEqual({ matched: 441, toRegister: 0 })
    expect(second.keyFigures).toEqual({ matched: 16, toRegister: 0 })
    expect(second).toMatchObject({ appended: 0, replayed: 509, positions: null })
    expect(await sizeOf(ledger)).toBe(966)
    const state = await ledger.state()
    if (E.isLeft(state)) throw new Error(state.left.message)
    expect(Object.keys(state.right.organisations)).toHaveLength(441)
    expect(Object.keys(state.right.persons)).toHaveLength(16)
    expect(Object.keys(state.right.contacts)).toHaveLength(509)
  })

  it('imported again by another official is refused by the register, naming the line, and appends nothing', async () => {
    const ledger = await openedLedger()
    // b.devries is an official too (rule 18): one grant more than the fixture's
    await run(ledger, { command: 'grantRole', actor: ADMIN, payload: { actorId: 'b.devries', role: 'official', grantedOn: '2000-01-01' } })
    await runImport(ledger, request(UK, 'uk-ministerial-meetings'))
    const again = await runImport(ledger, request(UK, 'uk-ministerial-meetings', { actor: 'b.devries' }))
    expect(again.appended).toBe(0)
    expect(again.problems).toEqual([{ line: 2, reason: expect.stringMatching(/the register refused it \(recordContact\): IdempotencyKeyReused/) }])
    expect(await sizeOf(ledger)).toBe(1 + 966)
  })

  it('without --coordinator refuses the rows naming organisations the register does not know', () => {
    const r = cli(['import', 'csv', UK, '--mapping', 'uk-ministerial-meetings', '--actor', 'a.jansen', '--store', 'memory:', '--dry-run', '--json'])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout)
    // the 10 rows naming only persons need no coordinator: an official registers key figures
    expect(report.problems).toHaveLength(499)
    expect(report.problems[0]).toEqual({ line: 2, reason: expect.stringContaining('pass --coordinator ID') })
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })
})

describe('import csv, the EU Integrity Watch MEP meetings file', () => {
  it('in a dry run plans all 23,050 rows', async () => {
    const ledger = await openedLedger()
    const report = await runImport(ledger, request(EU, 'eu-integritywatch-mep', { dryRun: true }))
    expect(report).toMatchObject({ rows: 23050, contacts: 23050, organisations: { matched: 0, toRegister: 16068 }, keyFigures: { matched: 0, toRegister: 1935 }, problems: [], appended: 0 })
    expect(await sizeOf(ledger)).toBe(0)
  })

  // the one test that imports the whole EU file (its speed is measured by scripts/time-import.ts)
  it('for real appends the whole file in one process', { timeout: 240_000 }, () => {
    const r = cli(['import', 'csv', EU, '--mapping', 'eu-integritywatch-mep', '--actor', 'a.jansen', '--coordinator', 'c.desmet', '--store', openedSqlite(IMPORTERS), '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 23050, contacts: 23050, appended: 16068 + 1935 + 23050, positions: { first: OPENED, last: OPENED + 16068 + 1935 + 23050 - 1 } })
  })
})

describe('import csv, a file with problems', () => {
  const BROKEN =
    'date,organisation,purpose,rep_new\n' +
    '05/03/2024,Stichting Samen,"Taalcoaches, ronde 1",A. Jansen\n' +
    '06/03/2024,Moskee Al-Amal,"a purpose\nover two lines",A. Jansen\n' +
    '31/02/2024,Stichting Samen,bad date,A. Jansen\n' +
    '07/03/2024,,no organisation,A. Jansen\n'

  it('appends nothing and names every unreadable row with its line, through the command line', () => {
    const file = tmpFile('broken.csv', BROKEN)
    const r = cli(['import', 'csv', file, '--mapping', 'uk-ministerial-meetings', '--actor', 'a.jansen', '--coordinator', 'c.desmet', '--store', openedSqlite(IMPORTERS)])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/line 5: column date: "31\/02\/2024" is not a real date/)
    expect(r.stdout).toMatch(/line 6: column organisation names no organisation/)
    expect(r.stdout).toMatch(/Nothing was appended/)
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/2 row\(s\) .* cannot be imported \(first: line 5\); nothing was appended/)])
  })

  it('appends nothing to the register', async () => {
    const ledger = await openedLedger()
    const report = await runImport(ledger, request(tmpFile('broken.csv', BROKEN), 'uk-ministerial-meetings'))
    expect(report.problems.map((p) => p.line)).toEqual([5, 6])
    expect(report.appended).toBe(0)
    expect(await sizeOf(ledger)).toBe(0)
  })

  it('a real import of the good rows alone appends them', async () => {
    const ledger = await openedLedger()
    const good = BROKEN.split('\n').slice(0, 4).join('\n') + '\n'
    const report = await runImport(ledger, request(tmpFile('good.csv', good), 'uk-ministerial-meetings'))
    expect(report).toMatchObject({ problems: [], contacts: 2, organisations: { toRegister: 2 }, appended: 4 })
  })

  it('a bad mapping file is refused with exit 2 and one line naming the field', () => {
    const mapping = tmpFile('mapping.json', JSON.stringify({ columns: { occurredOn: 'date', organisations: 'organisation' }, dateFormat: 'DD/MM/YYYY', defaults: { form: 'lunch' } }))
    const r = cli(['import', 'csv', UK, '--mapping', mapping, '--actor', 'a.jansen', '--store', 'memory:'])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/is not a valid mapping: defaults\.form: expected one of meeting, call/)])
    const column = tmpFile('mapping.json', JSON.stringify({ columns: { occurredOn: 'when', organisations: 'organisation' }, dateFormat: 'DD/MM/YYYY' }))
    const c = cli(['import', 'csv', UK, '--mapping', column, '--actor', 'a.jansen', '--store', 'memory:'])
    expect(c.code).toBe(2)
    expect(c.stderr.trim().split('\n')).toEqual([expect.stringMatching(/names column "when" \(columns\.occurredOn\), but .* has columns "rep_new"/)])
  })
})
