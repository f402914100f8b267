/**
 * Every command of the program, with hostile arguments (issue 14, "faults shown as crashes"):
 * a missing value, a folder, a file that is not there, an empty file, a binary file, a huge
 * number, a bad date, -1 and 1e309, in place of each option's value and each argument in turn.
 * Whatever the command, the answer is exit 0, 1 or 2 (CLI.md), never a stack trace or an
 * "unexpected failure"; a refusal is one line on stderr that names the option, the argument or
 * the value; and the register it was pointed at is unchanged.
 *
 * The commands are taken from the program itself, so a command added later is swept too (and
 * must be given a valid base invocation below). The program runs in this process (`main`), so
 * the ~800 invocations take seconds; tests/cli/errors.test.ts runs the built binary.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Command } from 'commander'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildProgram } from '../../cli/program.js'
import { run, runExecAs } from './in-process.js'

const PERSON = '0a000000-0000-4000-8000-0000000000f1'
const ORG = '0a000000-0000-4000-8000-00000000000a'

let dir = ''
let db = ''
let key = ''

/** What a user would check to see whether the register changed: its entries, tags, nodes, checkpoints, keys and files. */
const digest = (): string => {
  const h = createHash('sha256')
  const register = new Database(db, { readonly: true, fileMustExist: true })
  try {
    for (const table of ['events', 'event_tags', 'nodes', 'checkpoints', 'checkpoint_cosignatures'])
      h.update(JSON.stringify(register.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).raw().all(), (_, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v)))
  } finally {
    register.close()
  }
  const keys = new Database(`${db}.keys`, { readonly: true, fileMustExist: true })
  try {
    h.update(JSON.stringify(keys.prepare('SELECT person_id, hex(key) FROM person_keys ORDER BY 1').raw().all()))
  } finally {
    keys.close()
  }
  h.update(readFileSync(key))
  // the files beside the register (SQLite's -wal and -shm come and go)
  h.update(readdirSync(join(dir, 'reg')).filter((f) => !/-(wal|shm)$/.test(f)).sort().join('\n'))
  return h.digest('hex')
}

// ---------------------------------------------------------------------------------------------
// the commands and a valid invocation of each

const leaves = (cmd: Command, path: string[] = []): Array<{ path: string[]; cmd: Command }> =>
  cmd.commands.length === 0 ? [{ path, cmd }] : cmd.commands.flatMap((c) => leaves(c, [...path, c.name()]))

/**
 * A valid invocation of each command against the fixture register (the arguments first, then
 * options); the sweep replaces one value at a time. `{}` stands for a file the fixture provides.
 */
const base = (): Record<string, ReadonlyArray<string>> => {
  const store = ['--store', `sqlite:${db}`]
  const withKey = [...store, '--key', key]
  const f = (name: string) => join(dir, 'in', name)
  return {
    exec: [f('blank.jsonl'), '--actor', 'a.jansen', ...store],
    log: ['--from', '0', '--to', '1', '--unseal', '--actor', 'e.auditor', '--purpose', 'steekproef', ...store],
    proposals: ['--role', 'vetting-officer', '--all', '--format', 'text', ...store],
    'access-log': ['--verify', '--format', 'json', '--actor', 'e.auditor', '--purpose', 'controle', ...store],
    demo: ['--store', `sqlite:${join(dir, 'demo', 'd.db')}`, '--out', join(dir, 'demo', 'out')],
    'person show': [PERSON, '--processing-log', join(dir, 'out', 'processing.jsonl'), '--actor', 'a.jansen', '--purpose', 'inzage', ...store],
    retention: ['--dry-run', '--years', '5', '--text-years', 'partnership=7,signalling=2', '--actor', 'p.visser', ...store],
    checkpoint: withKey,
    'key init': ['--origin', 'example.org/register', '--store', `sqlite:${db}`, '--key', join(dir, 'out', 'new.key')],
    'key public': withKey,
    'prove inclusion': ['--position', '0', '--size', '1', '--format', 'json', ...withKey],
    'prove consistency': ['--from', '1', '--to', '2', ...store],
    verify: ['--vkey', f('register.vkey'), '--since', f('checkpoint.note'), ...withKey],
    'verify bundle': ['--bundle', join(dir, 'bundle'), '--vkey', f('register.vkey'), '--since', f('checkpoint.note')],
    export: ['--out', join(dir, 'out', 'bundle'), '--actor', 'e.auditor', '--purpose', 'audit', ...withKey],
    'export tiles': ['--out', join(dir, 'out', 'tiles'), '--with-entries', '--actor', 'e.auditor', '--purpose', 'audit', ...withKey],
    'witness keygen': ['--key', join(dir, 'out', 'w.key'), '--name', 'witness.example/w1'],
    'witness public': ['--key', f('witness.key')],
    'witness cosign': [f('checkpoint.note'), '--key', f('witness.key'), '--state', join(dir, 'out', 'wstate'), '--vkey', f('register.vkey')],
    'import csv': [f('meetings.csv'), '--mapping', f('mapping.json'), '--actor', 'a.jansen', '--coordinator', 'c.desmet', '--dry-run', ...store],
    'import mapping': ['uk-ministerial-meetings'],
    'report annual': ['--year', '2024', '--format', 'json', '--language', 'en', '--at', '2', '--out', join(dir, 'out', 'annual.json'), ...store],
    'report confidential': ['--confidential', '--since', '2024-01-01', '--until', '2024-12-31', '--format', 'csv', '--language', 'nl', '--at', '2', '--out', join(dir, 'out', 'list.csv'), '--actor', 'r.degroot', '--purpose', 'jaarverslag', ...store],
    'report audit': ['--organisation', ORG, '--format', 'md', '--language', 'en', '--at', '2', '--out', join(dir, 'out', 'audit.md'), '--actor', 'e.auditor', '--purpose', 'audit', ...store],
    'snapshot annual': ['--year', '2024', '--format', 'json', '--language', 'en', '--actor', 'r.degroot', ...withKey],
    // init opens a register of its own: the fixture register stays unopened for the other commands
    init: ['--administrator', 'b.beheer', '--granted-on', '2024-01-01', '--reason', 'aanstelling', '--store', `sqlite:${join(dir, 'out', 'init.db')}`],
    'roles show': ['--actor', 'a.jansen', '--on', '2024-06-01', '--at', '2', ...store],
    'roles suggest': ['--commands', ...store],
    'snapshot publish': ['--position', '8', '--out', join(dir, 'out', 'published.json'), ...store],
    'snapshot confidential': ['--confidential', '--since', '2024-01-01', '--until', '2024-12-31', '--format', 'csv', '--language', 'nl', '--actor', 'r.degroot', ...withKey],
  }
}

/** The hostile values, by what they are. */
const hostile = (): ReadonlyArray<readonly [string, string]> => [
  ['a folder', join(dir, 'in')],
  ['a file that is not there', join(dir, 'absent', 'nothing.txt')],
  ['an empty file', join(dir, 'in', 'empty')],
  ['a binary file', join(dir, 'in', 'binary')],
  ['a huge number', '99999999999999999999999'],
  ['a bad date', '2024-02-30'],
  ['-1', '-1'],
  ['1e309', '1e309'],
  ['an empty string', ''],
]

/** A case that may append: a snapshot taken by any actor name is a snapshot; init opens its register. */
const mayChange = (name: string, c: Case): boolean =>
  (name.startsWith('snapshot') && c.what.startsWith('--actor')) ||
  // init on its own register: any account name, date or reason it takes opens that register once
  name === 'init'

interface Case {
  readonly command: string
  readonly what: string
  readonly args: ReadonlyArray<string>
  /** The texts a refusal may name: the option or argument, or the value. */
  readonly names: ReadonlyArray<string>
}

/** Replaces the value after `option` in `args` (or appends the option with it). */
const withValue = (args: ReadonlyArray<string>, option: string, value: string | undefined): string[] => {
  const i = args.indexOf(option)
  const rest = i < 0 ? [...args] : [...args.slice(0, i), ...args.slice(i + 2)]
  return value === undefined ? [...rest, option] : [...rest, option, value]
}

const casesOf = (path: string[], cmd: Command, valid: ReadonlyArray<string>): Case[] => {
  const command = path.join(' ')
  const cases: Case[] = []
  const options = cmd.options.filter((o) => (o.required || o.optional) && o.long !== undefined && o.long !== '--help')
  for (const o of options) {
    const long = o.long!
    cases.push({ command, what: `${long} without a value`, args: withValue(valid, long, undefined), names: [long] })
    for (const [what, value] of hostile()) cases.push({ command, what: `${long} ${what}`, args: withValue(valid, long, value), names: [long, value, o.attributeName()] })
  }
  // positional arguments come first in the base invocations
  cmd.registeredArguments.forEach((a, i) => {
    if (a.required) cases.push({ command, what: `no ${a.name()}`, args: [...valid.slice(0, i), ...valid.slice(i + 1)], names: [a.name()] })
    for (const [what, value] of hostile()) cases.push({ command, what: `${a.name()} ${what}`, args: [...valid.slice(0, i), value, ...valid.slice(i + 1)], names: [a.name(), value] })
  })
  return cases
}

// ---------------------------------------------------------------------------------------------

const grant = (actorId: string, role: string) => ({
  command: 'grantRole',
  actor: { id: 'b.beheer', role: 'administrator' },
  payload: { actorId, role, grantedOn: '2024-01-01', reason: 'aanstelling' },
})
const commands = [
  // the register opened by its administrator, and the readers of rule 20 granted
  grant('b.beheer', 'administrator'),
  grant('e.auditor', 'auditor'),
  grant('r.degroot', 'reporting-officer'),
  grant('a.jansen', 'official'),
  grant('c.desmet', 'coordinator'),
  { command: 'registerOrganisation', actor: { id: 'c.desmet', role: 'coordinator' }, payload: { organisationId: ORG, name: 'Stichting Sweep', kind: 'self-organisation' } },
  { command: 'registerKeyFigure', actor: { id: 'a.jansen', role: 'official' }, payload: { personId: PERSON, organisationId: ORG, name: 'K. Figure' } },
  {
    command: 'recordContact',
    actor: { id: 'a.jansen', role: 'official' },
    payload: { organisationIds: [ORG], occurredOn: '2024-03-01', form: 'meeting', category: 'incidental', themes: [], subject: 'kennismaking' },
  },
]

const cwd = process.cwd()
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'contact-ledger-sweep-'))
  // a value such as -1 or 1e309 is also a relative path: whatever a command makes of it lands here
  mkdirSync(join(dir, 'cwd'))
  process.chdir(join(dir, 'cwd'))
  for (const d of ['reg', 'in', 'out', 'demo']) mkdirSync(join(dir, d))
  db = join(dir, 'reg', 'r.db')
  key = join(dir, 'reg', 'r.db.key')
  const f = (name: string) => join(dir, 'in', name)
  writeFileSync(f('commands.jsonl'), commands.map((c) => JSON.stringify(c)).join('\n') + '\n')
  writeFileSync(f('empty'), '')
  writeFileSync(f('blank.jsonl'), '\n  \r\n')
  writeFileSync(f('binary'), Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0a, 0xc3, 0x28, 0x7b, 0x0a, 0xe2, 0x82, 0x00, 0x0d, 0x0a, 0xf0, 0x9f]))
  writeFileSync(f('meetings.csv'), 'date,organisation,purpose\n01/02/2024,Stichting Sweep,kennismaking\n')
  writeFileSync(
    f('mapping.json'),
    JSON.stringify({ columns: { occurredOn: 'date', organisations: 'organisation', subject: 'purpose' }, dateFormat: 'DD/MM/YYYY', defaults: { category: 'incidental', form: 'meeting', themes: [] } }),
  )
  const made = await runExecAs([f('commands.jsonl'), '--store', `sqlite:${db}`])
  if (made.code !== 0) throw new Error(`exec failed: ${made.stdout}${made.stderr}`)
  const cp = await run(['checkpoint', '--store', `sqlite:${db}`])
  if (cp.code !== 0) throw new Error(`checkpoint failed: ${cp.stderr}`)
  writeFileSync(f('checkpoint.note'), cp.stdout)
  // an overview snapshot at position 8 (after the grants and the history), for snapshot publish
  const snap = await run(['snapshot', 'annual', '--year', '2024', '--actor', 'r.degroot', '--store', `sqlite:${db}`])
  if (snap.code !== 0 || JSON.parse(snap.stdout).position !== 8) throw new Error(`snapshot failed: ${snap.stdout}${snap.stderr}`)
  const vkey = await run(['key', 'public', '--store', `sqlite:${db}`])
  if (vkey.code !== 0) throw new Error(`key public failed: ${vkey.stderr}`)
  writeFileSync(f('register.vkey'), vkey.stdout)
  const bundle = await run(['export', '--out', join(dir, 'bundle'), '--actor', 'e.auditor', '--store', `sqlite:${db}`])
  if (bundle.code !== 0) throw new Error(`export failed: ${bundle.stderr}`)
  const witness = await run(['witness', 'keygen', '--key', f('witness.key'), '--name', 'witness.example/w1'])
  if (witness.code !== 0) throw new Error(`witness keygen failed: ${witness.stderr}`)
}, 120_000)
afterAll(() => {
  process.chdir(cwd)
  rmSync(dir, { recursive: true, force: true })
})

describe('every command with hostile arguments', () => {
  it('has a valid base invocation for every command of the program, and each runs', async () => {
    const program = buildProgram()
    const names = leaves(program).map((l) => l.path.join(' '))
    const table = base()
    expect(names.filter((n) => table[n] === undefined)).toEqual([])
    for (const [name, args] of Object.entries(table)) {
      if (name === 'demo' || name === 'key init') continue // they create; swept below
      const path = name === 'verify bundle' ? ['verify'] : name.split(' ')
      for (const made of ['bundle', 'annual.json', 'list.csv', 'audit.md', 'tiles', 'w.key', 'wstate', 'published.json', 'published.json.entry.json']) rmSync(join(dir, 'out', made), { recursive: true, force: true })
      const r = await run([...path, ...args])
      expect([name, r.code, r.stderr]).toEqual([name, 0, expect.any(String)])
    }
  }, 120_000)

  it('answers every hostile argument with exit 0, 1 or 2, one line naming the problem, no stack trace, and the register unchanged', async () => {
    const program = buildProgram()
    const table = base()
    // the valid invocations above appended snapshots: sign the log at its size now, so that a command that
    // signs (export tiles) finds its checkpoint stored and a change can only come from a hostile value
    expect((await run(['checkpoint', '--store', `sqlite:${db}`])).code).toBe(0)
    let before = digest()
    const failures: string[] = []
    const commandsToSweep = [...leaves(program).map((l) => ({ ...l, name: l.path.join(' ') })), { path: ['verify'], cmd: leaves(program).find((l) => l.path.join(' ') === 'verify')!.cmd, name: 'verify bundle' }]
    for (const { path, cmd, name } of commandsToSweep) {
      for (const c of casesOf(path, cmd, table[name]!)) {
        // the demo builds a register of its own: start each case from nothing
        if (name === 'demo') rmSync(join(dir, 'demo'), { recursive: true, force: true }), mkdirSync(join(dir, 'demo'))
        // the outputs of the valid invocation: gone, so that only the hostile value can be the problem
        for (const made of ['new.key', 'bundle', 'annual.json', 'list.csv', 'audit.md', 'tiles', 'w.key', 'wstate', 'published.json', 'published.json.entry.json']) rmSync(join(dir, 'out', made), { recursive: true, force: true })
        const r = await run([...path, ...c.args])
        const label = `${name}: ${c.what} (${[...path, ...c.args].join(' ')})`
        const lines = r.stderr.split('\n').filter((l) => l !== '')
        if (![0, 1, 2].includes(r.code)) failures.push(`${label}: exit ${r.code}: ${r.stderr}`)
        else if (/^\s+at /m.test(r.stderr) || /unexpected failure/.test(r.stderr)) failures.push(`${label}: ${r.stderr.trim()}`)
        else if (r.code === 2) {
          const last = lines[lines.length - 1] ?? ''
          if (!last.startsWith('contact-ledger: ')) failures.push(`${label}: exit 2 without a one-line message: ${JSON.stringify(r.stderr)}`)
          else if (!c.names.some((n) => n !== '' && last.includes(n))) failures.push(`${label}: the message names neither ${c.names.join(' nor ')}: ${last}`)
        }
        const now = digest()
        if (now !== before && !(r.code === 0 && mayChange(name, c))) failures.push(`${label}: the register changed (exit ${r.code})`)
        before = now
      }
    }
    expect(failures).toEqual([])
  }, 600_000)
})
