import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dataFile } from './shared-data.js'

const ROOT = join(import.meta.dirname, '..', '..')
const BIN = join(ROOT, 'bin', 'contact-ledger.mjs')
const UK = dataFile('uk_integritywatch_meetings_sample_iw_uk2.csv')

const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input: '', env: { ...process.env, NO_COLOR: '1' } })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('bad input anywhere: exit 2 and exactly one line on stderr, never a stack trace', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['an unknown option', ['log', '--bogus'], /unknown option '--bogus'; run contact-ledger log --help/],
    ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'; run contact-ledger --help/],
    ['a missing argument', ['import', 'csv', '--mapping', 'uk-ministerial-meetings', '--actor', 'a.jansen'], /missing required argument 'file'; run contact-ledger import csv --help/],
    ['a missing required option', ['import', 'csv', UK, '--actor', 'a.jansen'], /required option '--mapping <mapping>' not specified/],
    ['too many arguments', ['exec', 'a.jsonl', 'b.jsonl'], /too many arguments for 'exec'/],
    ['an unreadable file', ['import', 'csv', '/nonexistent/meetings.csv', '--mapping', 'uk-ministerial-meetings', '--actor', 'a.jansen', '--store', 'memory:'], /cannot read \/nonexistent\/meetings\.csv \(ENOENT\); check the path/],
    ['an unreadable mapping', ['import', 'csv', UK, '--mapping', '/nonexistent/mapping.json', '--actor', 'a.jansen', '--store', 'memory:'], /cannot read mapping \/nonexistent\/mapping\.json .*built-in mapping: eu-integritywatch-mep/],
    ['an unknown store scheme', ['import', 'csv', UK, '--mapping', 'uk-ministerial-meetings', '--actor', 'a.jansen', '--store', 'mysql://db'], /unknown store "mysql:\/\/db": use memory:, sqlite:PATH/],
    ['an unknown store scheme for log', ['log', '--store', 'ftp://x'], /unknown store "ftp:\/\/x"/],
    ['a bad number', ['log', '--store', 'memory:', '--from', 'ten'], /--from takes a whole number, got "ten"/],
    ['no command at all', [], /name a command \(exec, log, demo, .*import.*\); run contact-ledger --help/],
    ['import without what', ['import'], /name what to import: contact-ledger import csv FILE/],
    ['an empty actor', ['import', 'csv', UK, '--mapping', 'uk-ministerial-meetings', '--actor', ' ', '--store', 'memory:'], /--actor takes an account name such as a\.jansen/],
    ['an unknown built-in mapping', ['import', 'mapping', 'fr-hatvp'], /no built-in mapping "fr-hatvp"; there are: eu-integritywatch-mep, uk-ministerial-meetings/],
  ]
  it.each(cases)('%s', (_, args, message) => {
    const r = cli(args)
    expect(r.code).toBe(2)
    const lines = r.stderr.split('\n').filter((l) => l !== '')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^contact-ledger: /)
    expect(lines[0]).toMatch(message)
    expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/)
  })
})

describe('help and version', () => {
  it.each([['exec'], ['log'], ['demo'], ['import'], ['import', 'csv'], ['import', 'mapping'], ['person'], ['person', 'show'], ['retention'], ['checkpoint'], ['key'], ['key', 'init'], ['key', 'public'], ['prove'], ['prove', 'inclusion'], ['prove', 'consistency'], ['verify'], ['export'], []])('contact-ledger %s --help shows an example', (...command) => {
    const r = cli([...command, '--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Usage: contact-ledger/)
    expect(r.stdout).toMatch(/\nExamples?:\n  contact-ledger /)
  })

  it('import csv --help explains the mapping and the coordinator', () => {
    const r = cli(['import', 'csv', '--help'])
    expect(r.stdout).toMatch(/"dateFormat"/)
    expect(r.stdout).toMatch(/--coordinator ID/)
    expect(r.stdout).toMatch(/"longText": "reject"/)
  })

  it('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
    const r = cli(['--version'])
    expect(r.code).toBe(0)
    expect(r.stdout.trim()).toBe(version)
  })

  it('import mapping prints a built-in mapping that import csv accepts as a file', () => {
    const r = cli(['import', 'mapping', 'uk-ministerial-meetings'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ columns: { occurredOn: 'date', organisations: 'organisation' }, dateFormat: 'DD/MM/YYYY' })
  })
})
