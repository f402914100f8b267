import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { checkContentHash } from '../../src/reports/render/content-hash.js'
import { spawnSync } from 'node:child_process'
import { READER_GRANTS, execAs } from '../fixtures/cli.js'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'contact-ledger.mjs')

/** Runs the real command line in a child process. */
const cli = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('report on the command line', () => {
  it('refuses the confidential list without --confidential, with exit 2 and one line', () => {
    const r = cli(['report', 'confidential', '--store', 'memory:'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/--confidential/)
  })

  it('renders the confidential list, marked VERTROUWELIJK, with --confidential, for a reporting officer (rule 20)', () => {
    // a memory: register starts empty in every process, so no one holds a role there: a register with its readers granted
    const store = `sqlite:${join(mkdtempSync(join(tmpdir(), 'cl-report-')), 'r.db')}`
    expect(execAs(['--store', store, '-'], READER_GRANTS, cli).code).toBe(0)
    for (const format of ['json', 'csv', 'md', 'html']) {
      const r = cli(['report', 'confidential', '--confidential', '--store', store, '--actor', 'r.degroot', '--format', format, '--since', '2024-01-01', '--until', '2024-12-31'])
      expect(r.code).toBe(0)
      expect(r.stdout.slice(0, 600)).toContain('VERTROUWELIJK')
      expect(checkContentHash(r.stdout)).toBe(true)
    }
  })

  it('writes the exact rendering with --out, the same bytes as on standard output', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-report-'))
    const file = join(dir, 'overzicht.csv')
    const r = cli(['report', 'annual', '--year', '2024', '--format', 'csv', '--store', 'memory:', '--out', file])
    expect(r.code).toBe(0)
    const stdout = cli(['report', 'annual', '--year', '2024', '--format', 'csv', '--store', 'memory:'])
    expect(readFileSync(file, 'utf8')).toBe(stdout.stdout)
    expect((parse(stdout.stdout) as string[][])[0]!).toEqual(['Organisatie', 'Soort', 'KvK-nummer', 'Programma', "Thema's", 'Begonnen op', 'Beëindigd op']) // no Id column (rule 7)
    const json = JSON.parse(cli(['report', 'annual', '--year', '2024', '--store', 'memory:', '--language', 'en']).stdout)
    expect(json).toMatchObject({ kind: 'annual-overview', year: 2024, logSize: 0, rows: [] })
    expect(createHash('sha256').update(stdout.stdout).digest('hex')).toMatch(/^[0-9a-f]{64}$/)
  })

  it('says what is wrong with a bad year, date, format, size or period', () => {
    const cases: Array<[string[], RegExp]> = [
      [['report', 'annual', '--year', '24'], /--year takes a year/],
      [['report', 'annual'], /--year is required/],
      [['report', 'annual', '--year', '2024', '--format', 'pdf'], /--format takes json, csv, md, html/],
      [['report', 'annual', '--year', '2024', '--language', 'de'], /--language takes nl or en/],
      [['report', 'annual', '--year', '2024', '--at', '3'], /holds 0 entries/],
      [['report', 'confidential', '--confidential', '--since', '2024-02-30'], /--since takes a date/],
      [['report', 'confidential', '--confidential', '--since', '2025-01-01', '--until', '2024-01-01'], /lies after --until/],
      [['report', 'audit', '--format', 'html'], /--format takes json, md/],
    ]
    for (const [args, message] of cases) {
      const r = cli([...args, '--store', 'memory:'])
      expect({ args, code: r.code }).toEqual({ args, code: 2 })
      expect(r.stderr).toMatch(message)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
    }
  })
})

describe('demo', () => {
  it('prints the 2024 overview as a table and writes its html and csv and the confidential list to a folder', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cl-demo-')), 'out')
    const r = cli(['demo', '--out', dir, '--store', `sqlite:${dir}.db`])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Overzicht structurele contacten met maatschappelijke partners in het kader van integratie en samenleven 2024')
    // the public overview's columns (rule 7): name, kind, KvK number, programme, themes, start, end; no count
    expect(r.stdout).toMatch(/Organisatie\s+Soort\s+KvK-nummer\s+Programma\s+Thema's\s+Begonnen op\s+Beëindigd op\n/)
    expect(r.stdout).toMatch(/Stichting Samen Verder\s+zelforganisatie\s+(\d{8}|-)\s+Actieagenda Integratie\s+taal, werk\s+2024-01-15\s+-\n/)
    expect(r.stdout).toContain(`Written to ${dir}`)
    for (const f of ['overzicht-2024.html', 'overzicht-2024.csv', 'vertrouwelijk-contactlijst.html', 'vertrouwelijk-contactlijst.csv']) {
      expect(r.stdout).toContain(join(dir, f))
      expect(existsSync(join(dir, f))).toBe(true)
      expect(checkContentHash(readFileSync(join(dir, f)))).toBe(true)
    }
    expect(readFileSync(join(dir, 'vertrouwelijk-contactlijst.csv'), 'utf8').startsWith('VERTROUWELIJK,')).toBe(true)
    expect(readFileSync(join(dir, 'overzicht-2024.csv'), 'utf8')).not.toContain('Stichting Buitenlandse Steun Europa')
  })
})
