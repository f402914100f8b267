/**
 * Restricted reads on the command line (rule 20, issue 15): each restricted read command, with an
 * allowed actor, writes exactly one allowed record; without --actor it is exit 2 and one refusal
 * record; with an actor whose roles do not allow it, exit 1 (`Unauthorized`, naming the roles held
 * and the roles that may read) and one refusal record. `access-log --verify` finds a deleted record
 * in the middle and a deleted last record (exit 1). Public reads write no record.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run, runExecAs } from './in-process.js'

const PERSON = '0a000000-0000-4000-8000-0000000000f1'
const ORG = '0a000000-0000-4000-8000-00000000000a'
const ADMIN = { id: 'b.beheer', role: 'administrator' }
const grant = (actorId: string, role: string) => ({ command: 'grantRole', actor: ADMIN, payload: { actorId, role, grantedOn: '2024-01-01', reason: 'aanstelling' } })

let dir = ''
let store = ''
let access = ''

const records = (): Array<{ seq: number; actor: string | null; outcome: string; read: { kind: string; params: Record<string, unknown> }; purpose?: string }> => {
  const db = new Database(access, { readonly: true })
  try {
    return (db.prepare('SELECT record FROM access_records ORDER BY seq').all() as Array<{ record: string }>).map((r) => JSON.parse(r.record))
  } finally {
    db.close()
  }
}
const count = (): number => {
  try {
    return records().length
  } catch {
    return 0 // no access log yet
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'contact-ledger-access-'))
  store = `sqlite:${join(dir, 'r.db')}`
  access = join(dir, 'r.db.access')
  const history = [
    grant('b.beheer', 'administrator'),
    grant('e.auditor', 'auditor'),
    grant('r.degroot', 'reporting-officer'),
    grant('p.devries', 'privacy-officer'),
    grant('a.jansen', 'official'),
    grant('c.desmet', 'coordinator'),
    { command: 'registerOrganisation', actor: { id: 'c.desmet', role: 'coordinator' }, payload: { organisationId: ORG, name: 'Stichting Inzage', kind: 'self-organisation' } },
    { command: 'registerKeyFigure', actor: { id: 'a.jansen', role: 'official' }, payload: { personId: PERSON, organisationId: ORG, name: 'Karim Bouzid' } },
  ]
  writeFileSync(join(dir, 'history.jsonl'), history.map((c) => JSON.stringify(c)).join('\n') + '\n')
  const made = await runExecAs([join(dir, 'history.jsonl'), '--store', store])
  if (made.code !== 0) throw new Error(made.stdout + made.stderr)
}, 60_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Each restricted read command: its arguments, who may, who may not. */
const READS = (): ReadonlyArray<{ readonly name: string; readonly kind: string; readonly args: () => string[]; readonly allowed: string; readonly refused: string }> => [
  { name: 'report confidential', kind: 'confidential-list', args: () => ['report', 'confidential', '--confidential', '--format', 'csv'], allowed: 'r.degroot', refused: 'a.jansen' },
  { name: 'report audit', kind: 'audit-view', args: () => ['report', 'audit', '--format', 'md', '--organisation', ORG], allowed: 'e.auditor', refused: 'r.degroot' },
  { name: 'person show', kind: 'key-figure', args: () => ['person', 'show', PERSON, '--processing-log', join(dir, 'processing.jsonl')], allowed: 'p.devries', refused: 'e.auditor' },
  { name: 'log', kind: 'log', args: () => ['log', '--from', '0', '--to', '2'], allowed: 'e.auditor', refused: 'p.devries' },
  { name: 'export', kind: 'export-bundle', args: () => ['export', '--out', join(dir, `bundle-${Math.random().toString(36).slice(2)}`)], allowed: 'e.auditor', refused: 'r.degroot' },
  { name: 'export tiles --with-entries', kind: 'tiles-with-entries', args: () => ['export', 'tiles', '--with-entries', '--out', join(dir, `tiles-${Math.random().toString(36).slice(2)}`)], allowed: 'e.auditor', refused: 'c.desmet' },
  { name: 'access-log', kind: 'access-log', args: () => ['access-log'], allowed: 'p.devries', refused: 'a.jansen' },
]

describe('restricted reads on the command line', () => {
  for (const r of READS())
    it(`${r.name}: allowed writes one allowed record; no --actor is exit 2 and one refusal; a role that may not is exit 1 Unauthorized and one refusal`, async () => {
      let before = count()
      const ok = await run([...r.args(), '--store', store, '--actor', r.allowed, '--purpose', 'steekproef'])
      expect([ok.code, ok.stderr.split('\n').filter((l) => /Unauthorized|error/i.test(l))]).toEqual([0, []])
      let added = records().slice(before)
      expect(added.map((x) => [x.actor, x.outcome, x.read.kind, x.purpose])).toEqual([[r.allowed, 'allowed', r.kind, 'steekproef']])

      before = count()
      const none = await run([...r.args(), '--store', store])
      expect(none.code).toBe(2)
      expect(none.stderr).toMatch(/contact-ledger: this read is restricted .*--actor ID or CONTACT_LEDGER_ACTOR/)
      added = records().slice(before)
      expect(added.map((x) => [x.actor, x.outcome, x.read.kind])).toEqual([[null, 'refused', r.kind]])

      before = count()
      const wrong = await run([...r.args(), '--store', store, '--actor', r.refused])
      expect(wrong.code).toBe(1)
      expect(wrong.stderr.trim().split('\n').at(-1)).toMatch(new RegExp(`^contact-ledger: Unauthorized: reading the ${r.kind} needs the role .*"${r.refused.replace('.', '\\.')}" holds `))
      expect(wrong.stdout).toBe('')
      added = records().slice(before)
      expect(added.map((x) => [x.actor, x.outcome, x.read.kind])).toEqual([[r.refused, 'refused', r.kind]])
    }, 60_000)

  it('person show prints the name, but its access record holds only the person id', async () => {
    const before = count()
    const shown = await run(['person', 'show', PERSON, '--processing-log', join(dir, 'processing.jsonl'), '--store', store, '--actor', 'a.jansen'])
    expect(shown.stdout).toContain('Karim Bouzid')
    const added = records().slice(before)
    expect(added).toHaveLength(1)
    expect(added[0]!.read).toEqual({ kind: 'key-figure', params: { personId: PERSON } })
    expect(JSON.stringify(added)).not.toContain('Karim')
  })

  it('public reads write no access record: the annual overview, export tiles without entries', async () => {
    const before = count()
    expect((await run(['report', 'annual', '--year', '2024', '--store', store])).code).toBe(0)
    expect((await run(['export', 'tiles', '--out', join(dir, 'public-tiles'), '--store', store])).code).toBe(0)
    expect(count()).toBe(before)
  })

  it('a purpose on several lines or too long is exit 2 naming --purpose, and nothing is logged', async () => {
    const before = count()
    const r = await run(['log', '--store', store, '--actor', 'e.auditor', '--purpose', 'a\nb'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--purpose')
    expect(count()).toBe(before)
  })

  it('access-log --verify: intact, then a deleted middle record and a deleted last record are each exit 1 naming them', async () => {
    const intact = await run(['access-log', '--verify', '--store', store, '--actor', 'e.auditor'])
    expect([intact.code, intact.stdout]).toEqual([0, expect.stringMatching(/^access log: \d+ records, the chain is intact/)])
    const all = records()
    const last = all[all.length - 1]!.seq // the --verify read just above
    const db = new Database(access)
    db.prepare('DELETE FROM access_records WHERE seq = ?').run(last)
    db.close()
    const lastGone = await run(['access-log', '--verify', '--format', 'json', '--store', store, '--actor', 'e.auditor'])
    expect(lastGone.code).toBe(1)
    expect(JSON.parse(lastGone.stdout).problems).toEqual([`the access log's head counts ${last + 1} records but ${last} are stored: the last record was removed`])
    const db2 = new Database(access)
    db2.prepare('DELETE FROM access_records WHERE seq = ?').run(3)
    db2.close()
    const middleGone = await run(['access-log', '--verify', '--store', store, '--actor', 'p.devries'])
    expect(middleGone.code).toBe(1)
    expect(middleGone.stdout).toContain('access log: access record 3 is missing')
    expect(middleGone.stdout).toContain(`access log: access record ${last} is missing`)
    expect(middleGone.stderr).toMatch(/contact-ledger: the access log failed its check/)
    // printing the records says so too
    const printed = await run(['access-log', '--format', 'json', '--store', store, '--actor', 'e.auditor'])
    expect(printed.code).toBe(1)
    expect(printed.stdout.trim().split('\n').map((l) => JSON.parse(l).seq)).not.toContain(3)
  })
})
