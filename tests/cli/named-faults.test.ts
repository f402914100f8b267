/**
 * The crashes issue 14 found, each now a named error (exit 2, one line) or a working import:
 * a mapping naming a `__proto__`, `constructor` or `prototype` column (was "cell.split is not a
 * function"), a bundle whose entries file is a folder (was EISDIR), a file that cannot be read
 * (EACCES), a processing log that cannot be written.
 */
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run, runExecAs } from './in-process.js'
import { AS_AUDITOR, READER_GRANTS, grantLine, openedSqlite } from '../fixtures/cli.js'

let dir = ''
const at = (...p: string[]) => join(dir, ...p)

/** One line on stderr, exit 2, no stack. */
const named = (r: { code: number; stderr: string }, ...texts: string[]) => {
  expect(r.code).toBe(2)
  const lines = r.stderr.split('\n').filter((l) => l !== '')
  expect(lines).toHaveLength(1)
  expect(r.stderr).not.toMatch(/^\s+at |unexpected failure/m)
  for (const t of texts) expect(lines[0]).toContain(t)
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'contact-ledger-faults-'))
  const register = { command: 'registerOrganisation', actor: { id: 'c.desmet', role: 'coordinator' }, payload: { name: 'Stichting Fout', kind: 'self-organisation' } }
  writeFileSync(at('c.jsonl'), READER_GRANTS + grantLine('c.desmet', 'coordinator') + JSON.stringify(register) + '\n') // the readers of rule 20 granted: export is the auditor's
  expect((await runExecAs([at('c.jsonl'), '--store', `sqlite:${at('r.db')}`])).code).toBe(0)
  expect((await run(['export', '--out', at('bundle'), '--store', `sqlite:${at('r.db')}`, ...AS_AUDITOR])).code).toBe(0)
  writeFileSync(at('r.vkey'), (await run(['key', 'public', '--store', `sqlite:${at('r.db')}`])).stdout)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('a column named like a property of every object is a column', () => {
  it.each(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'])('a mapping naming the column %s imports the file', async (column) => {
    writeFileSync(at(`${column}.csv`), `date,${column},purpose\n01/02/2024,Stichting ${column},kennismaking\n`)
    writeFileSync(at(`${column}.json`), JSON.stringify({ columns: { occurredOn: 'date', organisations: column, subject: 'purpose' }, dateFormat: 'DD/MM/YYYY' }))
    const r = await run(['import', 'csv', at(`${column}.csv`), '--mapping', at(`${column}.json`), '--actor', 'a.jansen', '--coordinator', 'c.desmet', '--store', openedSqlite([['a.jansen', 'official'], ['c.desmet', 'coordinator']])])
    expect([r.code, r.stderr]).toEqual([0, ''])
    expect(r.stdout).toContain('Appended 2 events')
  })

  it('a mapping file that names __proto__ as a field is refused naming it', async () => {
    writeFileSync(at('m.csv'), 'date,org,purpose\n01/02/2024,Stichting A,x\n')
    writeFileSync(at('proto.json'), '{"columns":{"occurredOn":"date","organisations":"org","__proto__":"x"},"dateFormat":"DD/MM/YYYY"}')
    named(await run(['import', 'csv', at('m.csv'), '--mapping', at('proto.json'), '--actor', 'a.jansen', '--store', 'memory:']), 'columns.__proto__: unknown field')
  })

  it('a file whose header row names a column twice, or __proto__ without the mapping asking, still reads', async () => {
    writeFileSync(at('twice.csv'), 'date,__proto__,org,purpose\n01/02/2024,x,Stichting B,y\n')
    writeFileSync(at('twice.json'), JSON.stringify({ columns: { occurredOn: 'date', organisations: 'org', subject: 'purpose' }, dateFormat: 'DD/MM/YYYY' }))
    const r = await run(['import', 'csv', at('twice.csv'), '--mapping', at('twice.json'), '--actor', 'a.jansen', '--coordinator', 'c.desmet', '--store', openedSqlite([['a.jansen', 'official'], ['c.desmet', 'coordinator']])])
    expect(r.code).toBe(0)
  })
})

describe('a folder where a file should be, and a file where a folder should be', () => {
  it.each([
    ['entries.jsonl', 'the entries'],
    ['leaves.txt', 'the leaf hashes'],
    ['checkpoint', 'the checkpoint'],
  ])('verify --bundle with %s a folder: exit 2 naming it', async (file) => {
    const b = at(`bundle-${file}`)
    await run(['export', '--out', b, '--store', `sqlite:${at('r.db')}`, ...AS_AUDITOR])
    rmSync(join(b, file))
    mkdirSync(join(b, file))
    named(await run(['verify', '--bundle', b, '--vkey', at('r.vkey')]), join(b, file))
  })

  it('verify --bundle with checkpoints a file, or the bundle itself a file: exit 2 naming it', async () => {
    const b = at('bundle-cps')
    await run(['export', '--out', b, '--store', `sqlite:${at('r.db')}`, ...AS_AUDITOR])
    rmSync(join(b, 'checkpoints'), { recursive: true })
    writeFileSync(join(b, 'checkpoints'), '')
    named(await run(['verify', '--bundle', b, '--vkey', at('r.vkey')]), join(b, 'checkpoints'))
    named(await run(['verify', '--bundle', at('c.jsonl'), '--vkey', at('r.vkey')]), at('c.jsonl'))
  })

  it('exec, import and the processing log given a folder: exit 2 naming it', async () => {
    named(await run(['exec', at('bundle'), '--store', 'memory:', '--actor', 'c.desmet']), at('bundle'))
    named(await run(['import', 'csv', at('bundle'), '--mapping', 'uk-ministerial-meetings', '--actor', 'a.jansen', '--store', 'memory:']), at('bundle'))
    named(await run(['import', 'csv', at('m.csv'), '--mapping', at('bundle'), '--actor', 'a.jansen', '--store', 'memory:']), at('bundle'))
  })
})

/**
 * A file the user may not read. Tests may run as root, whom file modes do not stop: then a
 * symbolic link to a kernel file that even root may not read (/proc/sys/vm/drop_caches, mode
 * 0200) stands in; where neither works the cases are skipped, saying why.
 */
const unreadable = (): string | undefined => {
  const path = at('unreadable')
  writeFileSync(path, '{}\n')
  chmodSync(path, 0o000)
  try {
    readFileSync(path)
  } catch {
    return path // not root: the mode stops us
  }
  rmSync(path)
  try {
    accessSync('/proc/sys/vm/drop_caches', constants.F_OK)
    readFileSync('/proc/sys/vm/drop_caches')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EACCES') return undefined
    symlinkSync('/proc/sys/vm/drop_caches', path)
    return path
  }
  return undefined
}

describe('a file that cannot be read (EACCES)', () => {
  it('is exit 2 naming it, for every input a command reads', async (ctx) => {
    const path = unreadable()
    if (path === undefined) return ctx.skip('no file here is unreadable to this user (root, and no /proc/sys/vm/drop_caches)')
    const cases: Array<[string[], string]> = [
      [['exec', path, '--store', 'memory:', '--actor', 'c.desmet'], path],
      [['import', 'csv', path, '--mapping', 'uk-ministerial-meetings', '--actor', 'a.jansen', '--store', 'memory:'], path],
      [['import', 'csv', at('m.csv'), '--mapping', path, '--actor', 'a.jansen', '--store', 'memory:'], path],
      [['checkpoint', '--key', path, '--store', `sqlite:${at('r.db')}`], path],
      [['verify', '--vkey', path, '--store', `sqlite:${at('r.db')}`], path],
      [['verify', '--since', path, '--store', `sqlite:${at('r.db')}`], path],
    ]
    for (const [args, text] of cases) named(await run(args), text)
    // the bundle's entries unreadable
    const b = at('bundle-eacces')
    await run(['export', '--out', b, '--store', `sqlite:${at('r.db')}`, ...AS_AUDITOR])
    rmSync(join(b, 'entries.jsonl'))
    symlinkSync(path, join(b, 'entries.jsonl'))
    named(await run(['verify', '--bundle', b, '--vkey', at('r.vkey')]), join(b, 'entries.jsonl'), 'EACCES')
  })
})
