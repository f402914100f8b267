import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { dataFile } from './shared-data.js'
import { grantLine } from '../fixtures/cli.js'

const ROOT = join(import.meta.dirname, '..', '..')
const BIN = join(ROOT, 'bin', 'contact-ledger.mjs')
const UK = dataFile('uk_integritywatch_meetings_sample_iw_uk2.csv')
// the SQLite store arrives with the storage branch; until it is merged this file has nothing to run
const HAS_SQLITE = existsSync(join(ROOT, 'adapters', 'sqlite', 'index.ts'))

const cli = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe.skipIf(!HAS_SQLITE)('import csv into a SQLite register, one process per step', () => {
  it('a dry run appends nothing, the import appends the file, and importing it again appends nothing', () => {
    const store = `sqlite:${join(mkdtempSync(join(tmpdir(), 'cl-import-sqlite-')), 'register.db')}`
    const args = ['import', 'csv', UK, '--mapping', 'uk-ministerial-meetings', '--actor', 'a.jansen', '--coordinator', 'c.desmet', '--store', store, '--json']
    const dry = cli([...args, '--dry-run'])
    expect(dry.code).toBe(0)
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, contacts: 509, appended: 0 })
    expect(existsSync(store.slice('sqlite:'.length))).toBe(false) // the dry run made no register

    // b.beheer opens the register and grants the importers their roles (rule 18): the first entries
    const grants = grantLine('b.beheer', 'administrator') + grantLine('a.jansen', 'official') + grantLine('c.desmet', 'coordinator')
    const opened = grants.trim().split('\n').length
    expect(cli(['exec', '--store', store, '--actor', 'b.beheer', '-'], grants).code).toBe(0)

    const first = cli(args)
    expect(first.code).toBe(0)
    expect(JSON.parse(first.stdout)).toMatchObject({ appended: 966, replayed: 0, positions: { first: opened, last: opened + 965 } })

    const second = cli(args)
    expect(second.code).toBe(0)
    expect(JSON.parse(second.stdout)).toMatchObject({ organisations: { matched: 441, toRegister: 0 }, keyFigures: { matched: 16, toRegister: 0 }, appended: 0, replayed: 509 })

    // the stored entries, read from the file (reading the log on the command line is an auditor's restricted read)
    const db = new Database(store.slice('sqlite:'.length), { readonly: true })
    const log = (db.prepare('SELECT entry FROM events ORDER BY position').all() as Array<{ entry: string }>).map((r) => r.entry)
    db.close()
    expect(log).toHaveLength(opened + 966)
    expect(JSON.parse(log[opened + 965]!)).toMatchObject({ position: opened + 965, type: 'ContactRecorded', meta: { actor: { id: 'a.jansen', role: 'official' } } })
  })
})
