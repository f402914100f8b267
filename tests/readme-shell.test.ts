/**
 * Every shell block of README.md, pasted line by line into bash in a fresh folder after
 * `npm run demo` (here: the built command line's `demo`), as a new user would: each line must exit 0.
 * `npx contact-ledger` and `contact-ledger` run bin/contact-ledger.mjs, `npx tsx` runs tsx's
 * loader, and `../shared/data/` is the shared data folder. The files a reader brings (their own
 * command files and spreadsheet) are written just before the line that uses them, from what the
 * register holds then (READERS_FILES); only the lines that install or test the repository itself
 * are left out (OWN_FILES), and checked to be exactly those.
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

/** Lines that install or test the repository itself. */
const OWN_FILES = [/^npm (ci|test|install)\b/]

interface Logged {
  readonly type: string
  readonly data: Record<string, unknown>
  readonly meta: { readonly businessDate: string }
}

/** The demo register's log, as `contact-ledger log` prints it. */
const demoLog = (): Logged[] => {
  const r = spawnSync(process.execPath, [BIN, 'log', '--store', 'sqlite:./demo-output/demo.db', '--actor', 'e.auditor'], { cwd: work, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 })
  if (r.status !== 0) throw new Error(`log failed: ${r.stderr}`)
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Logged)
}

const jsonl = (...commands: unknown[]) => commands.map((c) => JSON.stringify(c)).join('\n') + '\n'

/** The files a reader brings, written (from the register as it is then) before the line that uses them. */
const READERS_FILES: ReadonlyArray<readonly [RegExp, () => void]> = [
  [
    /contacts\.jsonl/,
    () =>
      writeFileSync(
        join(work, 'contacts.jsonl'),
        jsonl({ command: 'registerKeyFigure', actor: { id: 'a.jansen', role: 'official' }, payload: { name: 'K. Voorbeeld', role: 'secretaris' } }),
      ),
  ],
  [
    /agenda-2023\.csv/,
    () => {
      const uk = readFileSync(dataFile('uk_integritywatch_meetings_sample_iw_uk2.csv'), 'utf8').split('\n')
      writeFileSync(join(work, 'agenda-2023.csv'), uk.slice(0, 6).join('\n') + '\n')
      const mapping = spawnSync(process.execPath, [BIN, 'import', 'mapping', 'uk-ministerial-meetings'], { cwd: work, encoding: 'utf8', env })
      writeFileSync(join(work, 'my-mapping.json'), mapping.stdout)
    },
  ],
  [
    /organisations\.jsonl/,
    () =>
      writeFileSync(
        join(work, 'organisations.jsonl'),
        jsonl({ command: 'registerOrganisation', actor: { id: 'c.desmet', role: 'coordinator' }, payload: { name: 'Stichting Uit De README', kind: 'self-organisation' } }),
      ),
  ],
  [
    /vetting\.jsonl/,
    () => {
      const org = demoLog().find((e) => e.type === 'OrganisationRegistered')!.data['organisationId']
      const fact = { organisationId: org, kind: 'third-country-funding', observedOn: '2025-02-03', source: 'jaarverslag 2024', reference: 'FACT-2025-1' }
      writeFileSync(join(work, 'vetting.jsonl'), jsonl({ command: 'recordFact', actor: { id: 'v.bakker', role: 'vetting-officer' }, payload: fact }))
    },
  ],
  [
    /publication\.jsonl/,
    () => {
      const snapshot = demoLog()
        .filter((e) => e.type === 'ReportSnapshotTaken' && e.data['kind'] === 'annual-overview')
        .at(-1)!
      const payload = { reportId: snapshot.data['reportId'], publishedOn: snapshot.meta.businessDate, channel: 'rijksoverheid.nl' }
      writeFileSync(join(work, 'publication.jsonl'), jsonl({ command: 'publishReport', actor: { id: 'r.dekker', role: 'reporting-officer' }, payload }))
    },
  ],
  [
    /erase\.jsonl/,
    () => {
      const log = demoLog()
      const erased = new Set(log.filter((e) => e.type === 'KeyFigureErased').map((e) => e.data['personId']))
      const person = log.find((e) => e.type === 'KeyFigureRegistered' && !erased.has(e.data['personId']))!.data['personId']
      const payload = { personId: person, reason: 'verzoek van betrokkene (AVG art. 17)' }
      writeFileSync(join(work, 'erase.jsonl'), jsonl({ command: 'eraseKeyFigure', actor: { id: 'p.visser', role: 'privacy-officer' }, payload }))
    },
  ],
  [
    /redact\.jsonl/,
    () => {
      const log = demoLog()
      const redacted = new Set(log.filter((e) => e.type === 'RecordRedacted').map((e) => e.data['recordId']))
      // a contact whose subject is sealed (log without --unseal shows {"sealed":true}) and not redacted yet
      const contact = log.find((e) => e.type === 'ContactRecorded' && JSON.stringify(e.data['subject']) === '{"sealed":true}' && !redacted.has(e.data['contactId']))!.data['contactId']
      const payload = { recordId: contact, reason: 'verzoek van betrokkene (AVG art. 17)' }
      writeFileSync(join(work, 'redact.jsonl'), jsonl({ command: 'redactRecord', actor: { id: 'p.visser', role: 'privacy-officer' }, payload }))
    },
  ],
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

  it('leaves out only the lines that install or test the repository, and brings every file a line needs', () => {
    const left = lines.filter((l) => OWN_FILES.some((p) => p.test(l)))
    expect(left.every((l) => /^npm (ci|test|install)\b/.test(l))).toBe(true)
    for (const [pattern] of READERS_FILES) expect(lines.some((l) => pattern.test(l))).toBe(true)
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
      for (const [pattern, write] of READERS_FILES) if (pattern.test(line)) write()
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
