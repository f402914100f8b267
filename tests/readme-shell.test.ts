/**
 * Every shell block of README.md, pasted line by line into bash in a fresh folder after
 * `npm run demo` (here: the built command line's `demo`), as a new user would: each line must exit 0.
 * `npx contact-ledger` and `contact-ledger` run bin/contact-ledger.mjs, `npx tsx` runs tsx's
 * loader, and `../shared/data/` is the shared data folder. The lines that need files only the
 * reader has (their own command files and spreadsheets) or that install or test the repository
 * are listed in OWN_FILES and checked to be exactly those.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dataFile } from './cli/shared-data.js'

const ROOT = join(import.meta.dirname, '..')
const BIN = join(ROOT, 'bin', 'contact-ledger.mjs')
const README = readFileSync(join(ROOT, 'README.md'), 'utf8')

/** Lines that need the reader's own files, or install and test the repository itself. */
const OWN_FILES = [
  /^npm (ci|test|install)\b/,
  /exec (--store sqlite:register\.db )?(contacts|vetting|erase|publication)\.jsonl/,
  /import csv agenda-2023\.csv/,
]

/** The command lines of every ```sh block: continuations joined, comment-only lines dropped. */
const shellLines = (markdown: string): string[] =>
  [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
    m[1]!
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#')),
  )

const runnable = (line: string) =>
  line
    .replace(/^npm run demo\b/, 'contact-ledger demo')
    .replace(/(^|&& )npx contact-ledger /g, '$1contact-ledger ')
    .replace(/(^|&& )contact-ledger /g, `$1"${process.execPath}" "${BIN}" `)
    .replace(/^npx tsx /, `"${process.execPath}" --import ${import.meta.resolve('tsx')} `)
    .replace(/ examples\//, ` ${ROOT}/examples/`)

let dir = ''
let work = ''
const env: Record<string, string> = Object.fromEntries(
  Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !e[0].startsWith('CONTACT_LEDGER_')),
)

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'contact-ledger-readme-'))
  work = join(dir, 'work')
  mkdirSync(work)
  mkdirSync(join(dir, 'shared'))
  symlinkSync(dirname(dataFile('uk_integritywatch_meetings_sample_iw_uk2.csv')), join(dir, 'shared', 'data'))
  // the command file README's "command format" shows, one command a line
  const json = /```json\n([\s\S]*?)```/.exec(README)![1]!
  writeFileSync(join(work, 'commands.jsonl'), json)
  const demo = spawnSync(process.execPath, [BIN, 'demo'], { cwd: work, encoding: 'utf8', env })
  if (demo.status !== 0) throw new Error(`demo failed: ${demo.stderr}`)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('README.md, pasted after npm run demo', () => {
  const lines = shellLines(README)

  it('shows the JSON command on one line, so that pasted into a file it is one command', () => {
    const json = /```json\n([\s\S]*?)```/.exec(README)![1]!.trim()
    expect(json.split('\n')).toHaveLength(1)
    expect(() => JSON.parse(json)).not.toThrow()
  })

  it('leaves out only the lines that need the reader’s own files', () => {
    const left = lines.filter((l) => OWN_FILES.some((p) => p.test(l)))
    expect(left.length).toBeLessThanOrEqual(9)
    for (const p of OWN_FILES) expect(left.some((l) => p.test(l))).toBe(true)
  })

  it('runs every other line of every shell block with exit 0, in order', () => {
    const failed: string[] = []
    let ran = 0
    for (const line of lines) {
      if (OWN_FILES.some((p) => p.test(line))) continue
      const exported = /^export (\w+)=(\S+)/.exec(line)
      if (exported !== null) {
        env[exported[1]!] = exported[2]!
        continue
      }
      const r = spawnSync('bash', ['-o', 'pipefail', '-c', runnable(line)], { cwd: work, encoding: 'utf8', env })
      ran += 1
      if (r.status !== 0) failed.push(`${line}\n  exit ${r.status}: ${r.stderr.trim().split('\n')[0] ?? ''}`)
      // the demo's recording dates spread over its years: a past date shows part of the register, not nothing
      else if (/auditor\.ts/.test(line) && !/as recorded on \S+: [1-9]\d* entries/.test(r.stdout)) failed.push(`${line}\n  printed: ${r.stdout}`)
    }
    expect(failed).toEqual([])
    expect(ran).toBeGreaterThanOrEqual(30)
  }, 180_000)
})
