import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import * as E from 'fp-ts/lib/Either.js'
import { openSqliteEventStore } from '../adapters/sqlite/index.js'
import { READER_GRANTS, WRITER_GRANTS, cli } from './fixtures/cli.js'
import { ORG_A, ORG_B, cmd } from './fixtures/domain.js'

const BIN = join(import.meta.dirname, '..', 'bin', 'contact-ledger.mjs')

/** A fresh SQLite register, opened by b.beheer, with the fixture actors granted; its size. */
const openedRegister = (): { store: string; size: number } => {
  const store = `sqlite:${join(mkdtempSync(join(tmpdir(), 'cl-exec-')), 'r.db')}`
  const grants = READER_GRANTS + WRITER_GRANTS
  const r = cli(['exec', '--store', store, '--actor', 'b.beheer', '-'], grants)
  expect(r.code, r.stdout + r.stderr).toBe(0)
  return { store, size: grants.trim().split('\n').length }
}

/** The number of entries in a SQLite register (no read that the access log would have to record). */
const sizeOfRegister = async (store: string): Promise<number> => {
  const s = openSqliteEventStore(store.slice('sqlite:'.length))
  if (E.isLeft(s)) throw new Error(s.left.message)
  const n = await s.right.size()()
  if (E.isLeft(n)) throw new Error(n.left.message)
  return n.right
}

describe('exec', () => {
  it('answers every line of a JSON Lines file, acting for --actor, and exits 1 when a line was rejected', async () => {
    const { store, size } = openedRegister()
    const file = join(mkdtempSync(join(tmpdir(), 'cl-exec-')), 'commands.jsonl')
    const lines = [
      cmd.registerOrganisation(),
      { ...cmd.registerOrganisation(ORG_B, 'Vereniging Twee'), actor: { role: 'coordinator' } },
      // another person's line: one file cannot act for two
      cmd.contact([ORG_A], { occurredOn: '2024-03-05' }),
      // a role the coordinator claims but does not hold
      { ...cmd.contact(), actor: { role: 'official' } },
      'not json',
      { command: 'recordContact', payload: { organisationIds: [ORG_A], occurredOn: '2024-02-30', form: 'meeting', category: 'incidental', themes: [] } },
    ].map((l) => (typeof l === 'string' ? l : JSON.stringify(l)))
    writeFileSync(file, lines.join('\n') + '\n')
    const r = cli(['exec', '--store', store, '--actor', 'c.desmet', file])
    const answers = r.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(answers).toHaveLength(6)
    expect(answers[0]).toEqual({ ok: true, events: [{ position: size, type: 'OrganisationRegistered' }] })
    expect(answers[1]).toEqual({ ok: true, events: [{ position: size + 1, type: 'OrganisationRegistered' }] })
    expect(answers[2].error._tag).toBe('ActorMismatch')
    expect(answers[3].error).toMatchObject({ _tag: 'Unauthorized', message: expect.stringContaining('c.desmet holds coordinator') })
    expect(answers[4].error).toMatchObject({ _tag: 'DecodeError', message: expect.stringContaining('line 5') })
    expect(answers[5].error).toMatchObject({ _tag: 'DecodeError', message: expect.stringContaining('payload.occurredOn') })
    expect(r.code).toBe(1)
    expect(await sizeOfRegister(store)).toBe(size + 2)
  })

  it('without --actor or CONTACT_LEDGER_ACTOR reads nothing and appends nothing: exit 2, one line naming both', async () => {
    const { store, size } = openedRegister()
    // each line names its own actor, as exec used to take it: no longer
    const input = JSON.stringify(cmd.registerOrganisation()) + '\n'
    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' }
    delete env['CONTACT_LEDGER_ACTOR']
    const r = spawnSync(process.execPath, [BIN, 'exec', '--store', store, '-'], { input, encoding: 'utf8', env })
    expect(r.status).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toContain('--actor ID')
    expect(r.stderr).toContain('CONTACT_LEDGER_ACTOR')
    expect(await sizeOfRegister(store)).toBe(size)
    // the variable names the actor as --actor does
    const viaEnv = spawnSync(process.execPath, [BIN, 'exec', '--store', store, '-'], { input, encoding: 'utf8', env: { ...env, CONTACT_LEDGER_ACTOR: 'c.desmet' } })
    expect(viaEnv.status, viaEnv.stderr).toBe(0)
    expect(await sizeOfRegister(store)).toBe(size + 1)
  })

  it('on a register without grants, refuses every line but the opening grant, whatever role it claims, naming how to open it', async () => {
    const store = `sqlite:${join(mkdtempSync(join(tmpdir(), 'cl-exec-')), 'r.db')}`
    const r = cli(['exec', '--store', store, '--actor', 'c.desmet', '-'], JSON.stringify(cmd.registerOrganisation()) + '\n')
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout).error).toMatchObject({ _tag: 'Unauthorized', message: expect.stringContaining('contact-ledger init --administrator ID') })
    expect(await sizeOfRegister(store)).toBe(0)
  })

  it('refuses an unreadable file and an unknown store scheme with exit 2 and one line', () => {
    const missing = cli(['exec', '--store', 'memory:', '--actor', 'c.desmet', '/nonexistent/commands.jsonl'])
    expect(missing.code).toBe(2)
    expect(missing.stderr.trim().split('\n')).toHaveLength(1)
    expect(missing.stderr).toMatch(/cannot read/)
    const scheme = cli(['exec', '--store', 'mysql://x', '--actor', 'c.desmet', '-'], '')
    expect(scheme.code).toBe(2)
    expect(scheme.stderr).toMatch(/unknown store/)
    expect(scheme.stderr).not.toMatch(/at .*\.ts:\d+/)
  })
})

describe('demo', () => {
  it('builds the demo register and summarises it, with the refusals the rules require', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-demo-'))
    const r = cli(['demo', '--store', `sqlite:${join(dir, 'demo.db')}`, '--out', dir])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/Organisations: 28/)
    expect(r.stdout).toMatch(/EndorsementMissing/)
    expect(r.stdout).toMatch(/AdvisedAgainst/)
    expect(r.stdout).toMatch(/OrganisationExcluded/)
    expect(r.stdout).toMatch(/ended 2025-04-14 \(excluded\)/)
    // rules 2 and 3 (issue 13): a late entry judged on its own date, an acknowledged breach with its review
    expect(r.stdout).toMatch(/late entry: a contact of 2023-06-20 with .*, entered 2025-05-06 after its exclusion of 2025-04-14: accepted/)
    expect(r.stdout).toMatch(/acknowledged breach: a contact of .* \("onaangekondigd mede-panellid op een congres; gesprek niet vermeden"\), recorded at once; reviewed 2024-10-15/)
    expect(r.stdout).toContain('decideExclusion refused: GroundNotAllowed')
    // the rename (issue 13): the name valid per year
    expect(r.stdout).toContain('Stichting Taal Verbindt -> Stichting Taal Verbindt Amsterdam from 2025-03-01: overview 2024 "Stichting Taal Verbindt", 2025 "Stichting Taal Verbindt Amsterdam"')
    // four eyes (rule 19): the exclusion is proposed, refused as a self-confirmation, confirmed by a second vetting officer
    expect(r.stdout).toMatch(/decideExclusion proposed by v\.bakker \(position \d+\): confirmed by v\.smit \(position \d+\)/)
    expect(r.stdout).toMatch(/confirmProposal refused: SelfConfirmation: v\.bakker proposed decideExclusion/)
    expect(r.stdout).toMatch(/Verification: 163 entries, root [A-Za-z0-9+/]{43}=; checkpoint of size 163 signed .* signatures valid/)
    // rule 20 (issue 15): the readers are granted, and the access log's excerpt shows an allowed, a refused and the auditor's own read
    expect(r.stdout).toContain('Access log (rule 20): who read what that is not public')
    expect(r.stdout).toMatch(/\n {2}0 {2}2026-01-15T09:00:00\.000Z {2}r\.degroot {2}allowed {2}confidential-list format=csv since=2024-01-01 until=2024-12-31 {2}purpose: "jaarverslag 2024"\n/)
    expect(r.stdout).toMatch(/\n {2}1 {2}2026-01-15T09:00:00\.000Z {2}a\.jansen {2}refused {2}audit-view format=md\n/)
    expect(r.stdout).toMatch(/\n {2}2 {2}2026-01-15T09:00:00\.000Z {2}e\.auditor {2}allowed {2}access-log/)
    // roles as data (issue 15): the register is opened by its administrator, who grants each actor its role
    expect(r.stdout).toMatch(/Grants \(rule 18[^\n]*\n {2}b\.beheer +administrator +from 2023-01-02\n {2}c\.desmet +coordinator +from 2023-01-02\n/)
    expect(r.stdout).toMatch(/ {2}r\.dekker +reporting-officer +from 2023-01-02\n/)
    // the demo records its settings first (rule 24): its checkpoint and overview name the ministry's origin, never a .local default
    expect(r.stdout).toContain('signed by szw.example/contact-ledger')
    expect(r.stderr).not.toContain('no origin configured')
    const overview = readFileSync(join(dir, 'overzicht-2024.html'), 'utf8')
    expect(overview).toContain('<p class="publisher">Ministerie van Sociale Zaken en Werkgelegenheid</p>')
    expect(overview).toContain('<dd>szw.example/contact-ledger</dd>')
    expect(overview).toMatch(/<dt>Stand van het register<\/dt><dd>\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) 20\d\d \(163 gebeurtenissen\)<\/dd>/)
    expect(overview).not.toContain('.local')
  })
})
