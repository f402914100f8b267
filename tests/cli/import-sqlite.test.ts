import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dataFile } from './shared-data.js'

const ROOT = join(import.meta.dirname, '..', '..')
const BIN = join(ROOT, 'bin', 'contact-ledger.mjs')
const UK = dataFile('uk_integritywatch_meetings_sample_iw_uk2.csv')
// the SQLite store arrives with the storage branch; until it is merged this file has nothing to run
const HAS_SQLITE = existsSync(join(ROOT, 'adapters', 'sqlite', 'index.ts'))

const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe.skipIf(!HAS_SQLITE)('import csv into a SQLite register, one process per step', () => {
  it('a dry run appends nothing, the import appends the file, and importing it again appends nothing', () => {
    const store = `sqlite:${join(mkdtempSync(join(tmpdir(), 'cl-import-sqlite-')), 'register.db')}`
    const args = ['import', 'csv', UK, '--mapping', 'uk-ministerial-meetings', '--actor', 'a.jansen', '--coordinator', 'c.desmet', '--store', store, '--json']
    const dry = cli([...args, '--dry-run'])
    expect(dry.code).toBe(0)
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, contacts: 509, appended: 0 })
    expect(cli(['log', '--store', store]).stdout).toBe('')

    const first = cli(args)
    expect(first.code).toBe(0)
    expect(JSON.parse(first.stdout)).toMatchObject({ appended: 966, replayed: 0, positions: { first: 0, last: 965 } })

    const second = cli(args)
    expect(second.code).toBe(0)
    expect(JSON.parse(second.stdout)).toMatchObject({ organisations: { matched: 441, toRegister: 0 }, keyFigures: { matched: 16, toRegister: 0 }, appended: 0, replayed: 509 })

    const log = cli(['log', '--store', store]).stdout.trim().split('\n')
    expect(log).toHaveLength(966)
    expect(JSON.parse(log[965]!)).toMatchObject({ position: 965, type: 'ContactRecorded', meta: { actor: { id: 'a.jansen', role: 'official' } } })
  })
})
