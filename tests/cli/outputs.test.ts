/**
 * `--out` never writes over the register (issue 14: `report annual --out inj2.db --store
 * sqlite:inj2.db` turned the register into a CSV; `--out x.db.keys` wiped every person key).
 * A single-file output refuses an existing file without --force, a bundle a folder that holds
 * anything; the register's own files are refused even with --force, however the path is
 * spelled (relative, through a symbolic link, a hard link); outputs are written whole or not at all.
 */
import { createHash } from 'node:crypto'
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAtomically } from '../../cli/outputs.js'
import { run, runExecAs } from './in-process.js'
import { READER_GRANTS, grantLine } from '../fixtures/cli.js'

const PERSON = '0a000000-0000-4000-8000-0000000000f1'
let dir = ''
let db = ''
const store = () => ['--store', `sqlite:${db}`]
const files = () => readdirSync(join(dir, 'reg')).filter((f) => !/-(wal|shm)$/.test(f))
const hashOf = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

/** The register as a user checks it: what `log` prints, the key figure readable, `verify` passing. */
const registerState = async () => {
  const log = await run(['log', ...store(), '--actor', 'e.auditor'])
  const person = await run(['person', 'show', PERSON, ...store(), '--actor', 'a.jansen'])
  const verify = await run(['verify', '--no-signatures', ...store()])
  return { log: log.stdout, person: person.stdout, verify: verify.code, codes: [log.code, person.code] }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'contact-ledger-outputs-'))
  mkdirSync(join(dir, 'reg'))
  db = join(dir, 'reg', 'r.db')
  const commands = [
    { command: 'registerOrganisation', actor: { id: 'c.desmet', role: 'coordinator' }, payload: { name: 'Stichting Uit', kind: 'self-organisation' } },
    { command: 'registerKeyFigure', actor: { id: 'a.jansen', role: 'official' }, payload: { personId: PERSON, name: 'K. Figure' } },
  ]
  // the register opened and its readers granted (rule 20: log and person show are restricted reads)
  writeFileSync(join(dir, 'c.jsonl'), READER_GRANTS + grantLine('c.desmet', 'coordinator') + commands.map((c) => JSON.stringify(c)).join('\n') + '\n')
  expect((await runExecAs([join(dir, 'c.jsonl'), ...store()])).code).toBe(0)
  expect((await run(['checkpoint', ...store()])).code).toBe(0) // makes r.db.key
  expect((await run(['person', 'show', PERSON, ...store(), '--actor', 'a.jansen'])).code).toBe(0) // writes r.db.processing.jsonl and r.db.access
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('--out never names a file of the register', () => {
  const own = ['r.db', 'r.db.keys', 'r.db.key', 'r.db-wal', 'r.db-shm', 'r.db.keys-wal', 'r.db.processing.jsonl', 'r.db.access']
  const spellings: Array<[string, (f: string) => string]> = [
    ['as given', (f) => join(dir, 'reg', f)],
    ['relative, with ./ and ..', (f) => './' + relative(process.cwd(), join(dir, 'reg', '..', 'reg', f))],
    ['through a symbolic link to its folder', (f) => join(dir, 'reg-link', f)],
  ]
  beforeAll(() => symlinkSync(join(dir, 'reg'), join(dir, 'reg-link')))

  it.each(own.flatMap((f) => spellings.map(([how, spell]) => [f, how, spell] as const)))('report --out %s (%s), even with --force: exit 2 naming it, the register intact', async (f, _how, spell) => {
    const before = await registerState()
    const listed = files()
    for (const force of [[], ['--force']]) {
      const out = spell(f)
      const r = await run(['report', 'annual', '--year', '2024', '--format', 'csv', '--out', out, ...force, ...store()])
      expect(r.code).toBe(2)
      expect(r.stderr).toContain(out)
      expect(r.stderr).toMatch(/a file of the register/)
    }
    expect(files()).toEqual(listed)
    expect(await registerState()).toEqual(before)
    expect(before.person).toContain('K. Figure')
  })

  it('a symbolic link or a hard link to the register is the register', async () => {
    symlinkSync(db, join(dir, 'sym.db'))
    linkSync(db, join(dir, 'hard.db'))
    const before = hashOf(db)
    for (const out of [join(dir, 'sym.db'), join(dir, 'hard.db')]) {
      const r = await run(['report', 'confidential', '--confidential', '--out', out, '--force', ...store(), '--actor', 'r.degroot'])
      expect([out, r.code]).toEqual([out, 2])
      expect(r.stderr).toMatch(/a file of the register/)
    }
    expect(hashOf(db)).toBe(before)
    rmSync(join(dir, 'hard.db'))
  })

  it('a processing log named with --processing-log that is a file of the register is refused', async () => {
    const key = join(dir, 'reg', 'r.db.key')
    const keyBefore = hashOf(key)
    // a processing log that is the register: appending to it would corrupt it
    for (const log of [db, key, `${db}.keys`]) {
      const p = await run(['person', 'show', PERSON, '--processing-log', log, ...store(), '--actor', 'a.jansen'])
      expect(p.code).toBe(2)
      expect(p.stderr).toContain(`--processing-log ${log} is a file of the register`)
    }
    expect(hashOf(key)).toBe(keyBefore)
    expect((await registerState()).verify).toBe(0)
  })
})

describe('an existing output', () => {
  it('a report refuses an existing file without --force, naming it, and replaces it with --force', async () => {
    const out = join(dir, 'overzicht.csv')
    writeFileSync(out, 'keep me\n')
    const r = await run(['report', 'annual', '--year', '2024', '--format', 'csv', '--out', out, ...store()])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`--out ${out} exists already`)
    expect(r.stderr).toContain('--force')
    expect(readFileSync(out, 'utf8')).toBe('keep me\n')
    const forced = await run(['report', 'annual', '--year', '2024', '--format', 'csv', '--out', out, '--force', ...store()])
    expect(forced.code).toBe(0)
    expect(readFileSync(out, 'utf8')).not.toBe('keep me\n')
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]) // no temporary file left
  })

  it('a report to a folder, or into a folder that is not there, is exit 2 naming it', async () => {
    for (const out of [join(dir, 'reg'), join(dir, 'absent', 'x.csv')]) {
      const r = await run(['report', 'annual', '--year', '2024', '--out', out, ...store()])
      expect([out, r.code]).toEqual([out, 2])
      expect(r.stderr).toContain(out)
    }
    expect(existsSync(join(dir, 'absent'))).toBe(false)
  })

  it('export refuses a folder that holds anything, and a file, without --force; --force writes a fresh bundle that verifies', async () => {
    const out = join(dir, 'bundle')
    mkdirSync(out)
    writeFileSync(join(out, 'notes.txt'), 'mine\n')
    const r = await run(['export', '--out', out, ...store(), '--actor', 'e.auditor'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`--out ${out} is not empty`)
    expect(readdirSync(out)).toEqual(['notes.txt'])
    const file = await run(['export', '--out', join(dir, 'c.jsonl'), '--force', ...store(), '--actor', 'e.auditor'])
    expect(file.code).toBe(2)
    expect(file.stderr).toContain('is a file, not a folder')
    expect((await run(['export', '--out', out, '--force', ...store(), '--actor', 'e.auditor'])).code).toBe(0)
    expect(readdirSync(out).sort()).toEqual(['README.txt', 'checkpoint', 'checkpoints', 'entries.jsonl', 'key.vkey', 'leaves.txt', 'notes.txt'])
    const vkey = await run(['key', 'public', ...store()])
    writeFileSync(join(dir, 'r.vkey'), vkey.stdout)
    expect((await run(['verify', '--bundle', out, '--vkey', join(dir, 'r.vkey')])).code).toBe(0)
  })

  it('export --force into the register\'s own folder never writes over its files', async () => {
    // a register whose signing key is named like a bundle file, in the folder the bundle goes to
    const key = join(dir, 'reg', 'checkpoint')
    writeFileSync(key, readFileSync(join(dir, 'reg', 'r.db.key')), { mode: 0o600 })
    const before = hashOf(key)
    const r = await run(['export', '--out', join(dir, 'reg'), '--force', '--key', key, ...store(), '--actor', 'e.auditor'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`${join(dir, 'reg', 'checkpoint')}`)
    expect(hashOf(key)).toBe(before)
    expect(files()).not.toContain('entries.jsonl')
    rmSync(key)
  })
})

describe('whole or not at all', () => {
  it('a file written in pieces appears only when committed; abandoned, it leaves the old file as it was', () => {
    const path = join(dir, 'atomic.txt')
    writeFileSync(path, 'old\n')
    const f = openAtomically(path)
    f.write('new, ')
    expect(readFileSync(path, 'utf8')).toBe('old\n')
    f.abort()
    expect(readFileSync(path, 'utf8')).toBe('old\n')
    const g = openAtomically(path)
    g.write('new, ')
    g.write('whole\n')
    g.commit()
    expect(readFileSync(path, 'utf8')).toBe('new, whole\n')
    expect(readdirSync(dir).filter((x) => x.endsWith('.tmp'))).toEqual([])
  })
})
