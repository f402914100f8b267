/**
 * Roles on the command line (issue 15, CLI.md "Who is acting"): `init --administrator` opens a
 * register, `exec --actor` acts for one person, `roles show` and `roles suggest` read the grants
 * and the history. Run as a user runs them: the built command line in a child process.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { cli } from '../fixtures/cli.js'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'contact-ledger.mjs')
const V1 = join(import.meta.dirname, '..', 'fixtures', 'registers', 'v1')
const ORG = '0a000000-0000-4000-8000-00000000000a'
const lines = (...xs: unknown[]) => xs.map((x) => JSON.stringify(x)).join('\n') + '\n'
const grant = (actorId: string, role: string) => ({ command: 'grantRole', payload: { actorId, role, grantedOn: '2024-01-01' } })
const registration = (actor?: object) => ({ command: 'registerOrganisation', ...(actor !== undefined ? { actor } : {}), payload: { organisationId: ORG, name: 'Stichting Samen', kind: 'self-organisation' } })
/** The entries in the register's file (the log on the command line is an auditor's restricted read, rule 20). */
const logSize = (store: string): number => {
  const db = new Database(store.slice('sqlite:'.length), { readonly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n
  } finally {
    db.close()
  }
}

describe('init, exec --actor, roles show', () => {
  it('opens a register, grants through exec --actor, acts for one person, refuses another actor.id and an ungranted role', () => {
    const store = `sqlite:${join(mkdtempSync(join(tmpdir(), 'cl-roles-')), 'r.db')}`
    const init = cli(['init', '--administrator', 'b.beheer', '--granted-on', '2024-01-01', '--store', store])
    expect(init.code, init.stderr).toBe(0)
    expect(JSON.parse(init.stdout)).toEqual({ ok: true, events: [{ position: 0, type: 'RoleGranted' }] })
    // a second opening is refused: only an administrator grants
    const again = cli(['init', '--administrator', 'k.vos', '--store', store])
    expect(again.code).toBe(1)
    expect(JSON.parse(again.stdout).error._tag).toBe('Unauthorized')

    const granted = cli(['exec', '--store', store, '--actor', 'b.beheer', '-'], lines(grant('c.desmet', 'coordinator'), grant('a.jansen', 'official')))
    expect(granted.code, granted.stdout).toBe(0)

    // a line naming another actor is refused, nothing appended
    const before = logSize(store)
    const foreign = cli(['exec', '--store', store, '--actor', 'a.jansen', '-'], lines(registration({ id: 'c.desmet', role: 'coordinator' })))
    expect(foreign.code).toBe(1)
    expect(JSON.parse(foreign.stdout).error._tag).toBe('ActorMismatch')
    // the official acting in a role not granted: Unauthorized, naming what is held and needed
    const notHers = cli(['exec', '--store', store, '--actor', 'a.jansen', '-'], lines(registration()))
    expect(notHers.code).toBe(1)
    expect(JSON.parse(notHers.stdout).error).toMatchObject({ _tag: 'Unauthorized', message: expect.stringContaining('holds official') })
    expect(JSON.parse(notHers.stdout).error.message).toContain('coordinator')
    // a role claimed in the line, without a grant, is checked and refused too
    const claimed = cli(['exec', '--store', store, '--actor', 'a.jansen', '-'], lines(registration({ id: 'a.jansen', role: 'coordinator' })))
    expect(JSON.parse(claimed.stdout).error._tag).toBe('Unauthorized')
    expect(logSize(store)).toBe(before)

    // the coordinator, named by the environment, may
    const env = { ...process.env, NO_COLOR: '1', CONTACT_LEDGER_ACTOR: 'c.desmet' }
    const ok = spawnSync(process.execPath, [BIN, 'exec', '--store', store, '-'], { input: lines(registration()), encoding: 'utf8', env })
    expect(ok.status, ok.stdout + ok.stderr).toBe(0)

    const shown = JSON.parse(cli(['roles', 'show', '--store', store, '--actor', 'c.desmet', '--on', '2024-06-01']).stdout)
    expect(shown).toMatchObject({ actorId: 'c.desmet', on: '2024-06-01', roles: ['coordinator'], grants: [{ role: 'coordinator', grantedOn: '2024-01-01', position: 1 }] })
    // as of the register's first entry only: no grant yet
    expect(JSON.parse(cli(['roles', 'show', '--store', store, '--actor', 'c.desmet', '--at', '1', '--on', '2024-06-01']).stdout).roles).toEqual([])
  })

  it('an empty CONTACT_LEDGER_ACTOR or --administrator is a usage error (exit 2, one line naming it)', () => {
    const store = `sqlite:${join(mkdtempSync(join(tmpdir(), 'cl-roles-')), 'r.db')}`
    const env = { ...process.env, NO_COLOR: '1', CONTACT_LEDGER_ACTOR: '' }
    const r = spawnSync(process.execPath, [BIN, 'exec', '--store', store, '-'], { input: lines(registration()), encoding: 'utf8', env })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('CONTACT_LEDGER_ACTOR')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    const bad = cli(['init', '--administrator', ' b.beheer', '--store', store])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--administrator')
  })
})

describe('roles suggest', () => {
  it('a register written before grants (v1) opens, verifies and reports; refuses every write until opened; suggests, never grants; after init and grants it takes them; nothing is rewritten', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-roles-v1-'))
    const path = join(dir, 'register.db')
    copyFileSync(join(V1, 'register.db'), path)
    copyFileSync(join(V1, 'register.db.keys'), `${path}.keys`)
    const store = `sqlite:${path}`
    const vkey = ['--vkey', join(V1, 'register.vkey')]
    const rows = (db: string) => {
      const d = new Database(db, { readonly: true })
      try {
        return d.prepare('SELECT * FROM events ORDER BY position').all()
      } finally {
        d.close()
      }
    }
    const before = rows(path)
    expect(before).toHaveLength(155)
    // it opens, verifies and reports as it is
    expect(cli(['verify', '--store', store, ...vkey]).code).toBe(0)
    const overview = cli(['report', 'annual', '--year', '2024', '--store', store])
    expect(overview.code, overview.stderr).toBe(0)
    // every write is refused, whatever role the line claims; nothing appended
    const coordinator = cli(['roles', 'suggest', '--store', store]).stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(coordinator.length).toBeGreaterThan(1)
    for (const c of coordinator) expect(c.granted).toEqual([])
    const someone = coordinator.find((c: { claimed: Array<{ role: string }> }) => c.claimed.some((r) => r.role === 'coordinator')).actorId as string
    const refused = cli(['exec', '--store', store, '--actor', someone, '-'], lines({ ...registration({ role: 'coordinator' }), payload: { name: 'Stichting Na 2026', kind: 'self-organisation' } }))
    expect(refused.code).toBe(1)
    expect(JSON.parse(refused.stdout).error).toMatchObject({ _tag: 'Unauthorized', message: expect.stringContaining('init --administrator') })
    expect(logSize(store)).toBe(155)
    // the suggestions as grantRole lines to review: they grant nothing until an administrator runs them
    const suggested = cli(['roles', 'suggest', '--commands', '--store', store]).stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(suggested.every((c: { command: string }) => c.command === 'grantRole')).toBe(true)
    expect(logSize(store)).toBe(155)
    // opened explicitly, one grant made explicitly: then that actor's writes are taken, others' still not
    expect(cli(['init', '--administrator', 'b.beheer', '--store', store]).code).toBe(0)
    expect(cli(['exec', '--store', store, '--actor', 'b.beheer', '-'], lines(grant(someone, 'coordinator'))).code).toBe(0)
    const taken = cli(['exec', '--store', store, '--actor', someone, '-'], lines({ command: 'registerOrganisation', payload: { name: 'Stichting Na 2026', kind: 'self-organisation' } }))
    expect(taken.code, taken.stdout).toBe(0)
    const other = coordinator.find((c: { actorId: string }) => c.actorId !== someone && c.actorId !== 'b.beheer').actorId as string
    const stillNot = cli(['exec', '--store', store, '--actor', other, '-'], lines({ command: 'registerOrganisation', payload: { name: 'Stichting Ander', kind: 'self-organisation' } }))
    expect(JSON.parse(stillNot.stdout).error._tag).toBe('Unauthorized')
    // nothing old rewritten; the whole log verifies with the register's own key
    expect(rows(path).slice(0, 155)).toEqual(before)
    expect(logSize(store)).toBe(158)
    expect(cli(['verify', '--store', store, ...vkey]).code).toBe(0)
  })
})
