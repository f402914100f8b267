/**
 * The command line behaves like the tools people know (issue 17): a command that only reads never
 * creates a store or a key, dry runs create nothing, every file with keys, personal data or logs is
 * owner-only, a closed pipe ends quietly, and a group without a subcommand is a usage error.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dataFile } from './shared-data.js'
import { execAs } from '../fixtures/cli.js'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'contact-ledger.mjs')
const PERSON = 'de000000-0000-7000-8000-00000000012c' // the demo's key figure

let dir = ''
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CONTACT_LEDGER_')))
const cli = (args: string[], cwd = dir, input = '') => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', input, env: { ...env, NO_COLOR: '1' } })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}
const fresh = (name: string): string => {
  const d = join(dir, name)
  mkdirSync(d)
  return d
}
const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8)

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'contact-ledger-behaviour-'))
  const demo = cli(['demo', '--out', 'demo', '--store', 'sqlite:demo/d.db'])
  if (demo.code !== 0) throw new Error(`demo failed: ${demo.stderr}`)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('a command that only reads never creates', () => {
  it.each([
    [['log'], 'contact-ledger.db'],
    [['report', 'annual', '--year', '2024'], 'contact-ledger.db'],
    [['report', 'annual', '--year', '2024', '--store', 'sqlite:./dmo.db'], 'dmo.db'],
    [['verify'], 'contact-ledger.db'],
    [['prove', 'consistency', '--from', '1'], 'contact-ledger.db'],
    [['checkpoint'], 'contact-ledger.db'],
    [['export', '--out', 'bundle'], 'contact-ledger.db'],
    [['key', 'public'], 'contact-ledger.db'],
    [['person', 'show', PERSON], 'contact-ledger.db'],
  ])('%s in an empty folder: exit 2, one line naming %s, nothing written', (args, named) => {
    const empty = fresh(`empty-${args.join('-').replace(/[^a-z0-9]/gi, '')}`)
    const r = cli(args, empty)
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toContain(named)
    expect(readdirSync(empty)).toEqual([])
  })

  it('a dry-run import into a register that is not there yet checks the file and creates nothing', () => {
    const empty = fresh('empty-dry-run')
    const r = cli(['import', 'csv', dataFile('uk_integritywatch_meetings_sample_iw_uk2.csv'), '--mapping', 'uk-ministerial-meetings', '--actor', 'a.jansen', '--coordinator', 'c.desmet', '--store', 'sqlite:register.db', '--dry-run'], empty)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Dry run: nothing was appended')
    expect(readdirSync(empty)).toEqual([])
  })

  it('a read-only command on an existing register works and adds no key', () => {
    const r = cli(['verify', '--store', 'sqlite:demo/d.db', '--key', join(dir, 'demo', 'nope.key')])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('nope.key')
    expect(existsSync(join(dir, 'demo', 'nope.key'))).toBe(false)
    expect(cli(['log', '--store', 'sqlite:demo/d.db', '--to', '1', '--actor', 'e.auditor']).code).toBe(0)
  })

  it('key public beside a register without a key: exit 2 naming the key, which it does not make', () => {
    const d = fresh('no-key')
    const register = { command: 'registerOrganisation', actor: { id: 'c.desmet', role: 'coordinator' }, payload: { name: 'Stichting X', kind: 'self-organisation' } }
    // c.desmet writes it, on the register b.beheer opens for them (rule 18)
    expect(execAs(['--store', 'sqlite:r.db'], JSON.stringify(register) + '\n', (args, input) => cli(args, d, input)).code).toBe(0)
    const r = cli(['key', 'public', '--store', 'sqlite:r.db'], d)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('r.db.key')
    expect(existsSync(join(d, 'r.db.key'))).toBe(false)
  })
})

describe('file modes', () => {
  it('every file with keys, personal data, a confidential rendering or a log is 0600; only the public overview is not', () => {
    const person = '0a000000-0000-4000-8000-0000000000f1'
    const register = { command: 'registerKeyFigure', actor: { id: 'a.jansen', role: 'official' }, payload: { personId: person, name: 'K. Figure' } }
    expect(cli(['exec', '--store', 'sqlite:demo/d.db', '--actor', 'a.jansen', '-'], dir, JSON.stringify(register) + '\n').code).toBe(0)
    expect(cli(['person', 'show', person, '--store', 'sqlite:demo/d.db', '--actor', 'a.jansen']).stdout).toContain('K. Figure') // writes a processing record
    expect(cli(['report', 'confidential', '--confidential', '--store', 'sqlite:demo/d.db', '--format', 'csv', '--out', 'demo/lijst.csv', '--actor', 'r.degroot']).code).toBe(0)
    expect(cli(['report', 'annual', '--year', '2024', '--store', 'sqlite:demo/d.db', '--format', 'html', '--out', 'demo/overzicht-cli.html']).code).toBe(0)
    expect(cli(['checkpoint', '--store', 'sqlite:demo/d.db']).code).toBe(0)
    const files = readdirSync(join(dir, 'demo'))
    // what the register wrote: the log, its key store, the signing key, the processing log, the access log, the renderings
    expect(files).toEqual(expect.arrayContaining(['d.db', 'd.db.keys', 'd.db.key', 'd.db.processing.jsonl', 'd.db.access', 'lijst.csv', 'vertrouwelijk-contactlijst.csv']))
    const modes = Object.fromEntries(files.map((f) => [f, modeOf(join(dir, 'demo', f))]))
    const publicOverview = (f: string) => f.startsWith('overzicht-')
    for (const f of files.filter((f) => !publicOverview(f))) expect([f, modes[f]]).toEqual([f, '600'])
  })

  it('an existing register file others may read is narrowed to 0600 with a warning', () => {
    chmodSync(join(dir, 'demo', 'd.db.keys'), 0o644)
    const r = cli(['log', '--store', 'sqlite:demo/d.db', '--to', '0', '--actor', 'e.auditor'])
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/d\.db\.keys could be read by others \(mode 644\); set it to 600/)
    expect(modeOf(join(dir, 'demo', 'd.db.keys'))).toBe('600')
  })
})

describe('pipes and help', () => {
  it('contact-ledger log | head -1 ends quietly with exit 0', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" log --store sqlite:demo/d.db --actor e.auditor | head -1 > /dev/null`], { cwd: dir, encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })

  it.each([['report'], ['key'], ['prove'], ['snapshot'], ['person'], ['import']])('%s without a subcommand: exit 2, one line that names the help', (group) => {
    const r = cli([group])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toContain(`contact-ledger ${group}`)
  })

  it('demo --help shows its default once, wrapped by commander', () => {
    const r = cli(['demo', '--help'])
    expect(r.code).toBe(0)
    expect(r.stdout.match(/demo-output/g)).toHaveLength(2) // --store's text and --out's default
    expect(r.stdout).toContain('(default: "./demo-output")')
    expect(r.stdout.split('\n').every((line) => line.length <= 80)).toBe(true)
  })

  it.each([[], ['exec'], ['person', 'show'], ['prove', 'inclusion'], ['retention'], ['snapshot', 'annual'], ['demo']])(
    '%s --help: descriptions wrapped by commander to 80 columns (examples aside)',
    (...command) => {
      const r = cli([...command, '--help'])
      expect(r.code).toBe(0)
      const prose = r.stdout.split('\n').filter((line) => !line.startsWith('  contact-ledger '))
      expect(prose.filter((line) => line.length > 80)).toEqual([])
      // a description of words only is filled: only its last line ends short of the width
      if (['exec', 'person', 'retention', 'demo'].includes(command[0]!)) {
        const description = r.stdout.split('\n\n')[1]!.split('\n')
        expect(description.slice(0, -1).filter((line) => line.length < 60)).toEqual([])
      }
    },
  )

  it('demo --out X --store sqlite:X/d.db works when X does not exist yet', () => {
    const r = cli(['demo', '--out', 'new/folder', '--store', 'sqlite:new/folder/d.db'])
    expect(r.stderr).not.toContain('cannot')
    expect(r.code).toBe(0)
    expect(existsSync(join(dir, 'new', 'folder', 'd.db'))).toBe(true)
  })
})
