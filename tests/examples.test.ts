/**
 * The examples in examples/ run as a user would run them, and print what they promise.
 * (examples/property-test.ts runs inside the suite itself; examples/readme-example.ts in readme.test.ts.)
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { grantCommands } from '../src/testing/roles.js'
import { describe, expect, it } from 'vitest'
import { keysPathOf, openSqliteEventStore, openSqliteKeyStore } from '../adapters/sqlite/index.js'
import { createLedger } from '../src/ledger/ledger.js'
import { fixedClock } from '../src/ports/clock.js'
import { AS_AUDITOR, READER_GRANTS, cli, execAs, grantLine } from './fixtures/cli.js'
import { ORG_A, ORG_B, cmd, run, grantFixtureRoles } from './fixtures/domain.js'

const ROOT = join(import.meta.dirname, '..')
const example = (file: string, args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', join(ROOT, 'examples', file), ...args], { encoding: 'utf8', cwd: ROOT })

/** A register recorded over two years: one organisation and a contact in 2024, more in 2025. */
const twoYearRegister = async (dir: string): Promise<string> => {
  const path = join(dir, 'register.db')
  const store = openSqliteEventStore(path)
  const keys = openSqliteKeyStore(keysPathOf(path))
  if (store._tag === 'Left' || keys._tag === 'Left') throw new Error('cannot open the test register')
  const clock = fixedClock('2024-06-01T10:00:00Z')
  // opened by b.beheer, with the coordinator and the official granted (three entries, rule 18)
  await grantFixtureRoles(store.right, grantCommands([['c.desmet', 'coordinator'], ['a.jansen', 'official']], 'b.beheer'), '2024-06-01T10:00:00Z')
  const ledger = createLedger({ store: store.right, keys: keys.right, clock })
  await run(ledger, cmd.registerOrganisation(), cmd.contact([ORG_A], { occurredOn: '2024-05-30' }))
  clock.set('2025-03-01T10:00:00Z')
  await run(ledger, cmd.registerOrganisation(ORG_B, 'Vereniging Nieuwe Buren'), cmd.contact([ORG_B], { occurredOn: '2025-02-27', category: 'signalling' }))
  await store.right.close()
  await keys.right.close()
  return `sqlite:${path}`
}

describe('examples/embed.ts', () => {
  it('records contacts, reads an organisation\u2019s status and renders the overview, in memory and on a SQLite file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-embed-'))
    for (const args of [[], [`sqlite:${join(dir, 'tool.db')}`]]) {
      const r = example('embed.ts', args)
      expect(r.stderr).toBe('')
      expect(r.stdout).toContain('Stichting Taal Verbindt: may be contacted, 1 active partnership(s), 3 contact(s)')
      expect(r.stdout).toContain('Vereniging Nieuwe Buren: may be contacted, 0 active partnership(s), 1 contact(s)')
      expect(r.stdout).toContain('# Overzicht structurele contacten met maatschappelijke partners in het kader van integratie en samenleven 2024')
      expect(r.stdout).toMatch(/\| Stichting Taal Verbindt \| .* \| 15 januari 2024 \| {2}\|\n/) // no contact count since report version 2 (rule 7)
      expect(r.stdout).not.toContain('Vereniging Nieuwe Buren |')
    }
    // the tool opened its register (its administrator and two grants) before the 8 entries of its work,
    // counted in the file (reading the log on the command line is an auditor's restricted read)
    const db = new Database(join(dir, 'tool.db'), { readonly: true })
    expect((db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(11)
    db.close()
  })
})

describe('examples/auditor.ts', () => {
  it('verifies an exported bundle offline and replays the register as recorded on a past date', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-auditor-'))
    const url = await twoYearRegister(dir)
    const bundle = join(dir, 'bundle')
    // an export is the auditor's restricted read (rule 20): the auditor granted now, after the two years (one more entry)
    expect(cli(['exec', '--store', url, '--actor', 'b.beheer', '-'], grantLine('e.auditor', 'auditor')).code).toBe(0)
    const exported = cli(['export', '--out', bundle, '--store', url, ...AS_AUDITOR])
    expect(exported.code, exported.stderr).toBe(0)
    const r = example('auditor.ts', [bundle, '2024-12-31'])
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain('verified: 8 entries')
    expect(r.stdout).toContain('as recorded on 2024-12-31: 5 entries')
    expect(r.stdout).toContain('organisations: 1')
    const later = example('auditor.ts', [bundle, '2025-12-31'])
    expect(later.stdout).toContain('organisations: 2')
    expect(later.stdout).toContain('contacts:      2 (1 signalling, never reported)')
    // with the published key pinned, and refused against another key
    const published = cli(['key', 'public', '--store', url]).stdout.trim()
    const pinned = example('auditor.ts', [bundle, '2025-12-31', published])
    expect(pinned.stdout).not.toContain('UNPINNED')
    expect(pinned.stdout).toContain(`verified: 8 entries, 1 signed checkpoints, signed by ${published.split('+').slice(0, 2).join('+')}`)
    const other = cli(['key', 'init', '--key', join(dir, 'other.key')]).stdout.trim()
    const refused = example('auditor.ts', [bundle, '2025-12-31', other])
    expect(refused.status).toBe(1)
    expect(refused.stdout).toMatch(/^NOT verified: .*key mismatch/)
  })

  it('refuses a bundle whose entries were altered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-auditor-'))
    const url = await twoYearRegister(dir)
    const bundle = join(dir, 'bundle')
    expect(cli(['exec', '--store', url, '--actor', 'b.beheer', '-'], grantLine('e.auditor', 'auditor')).code).toBe(0)
    expect(cli(['export', '--out', bundle, '--store', url, ...AS_AUDITOR]).code).toBe(0)
    const file = join(bundle, 'entries.jsonl')
    writeFileSync(file, readFileSync(file, 'utf8').replace('Stichting Samen Verder', 'Stichting Samen Verdor'))
    const r = example('auditor.ts', [bundle, '2025-12-31'])
    expect(r.status).toBe(1)
    expect(r.stdout).toMatch(/^NOT verified/)
  })
})
