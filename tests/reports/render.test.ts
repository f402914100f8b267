import { parse } from 'csv-parse/sync'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LANGUAGES, REPORT_FORMATS } from '../../src/domain/values.js'
import type { AnnualOverview } from '../../src/reports/annual-overview.js'
import type { ConfidentialList } from '../../src/reports/confidential-list.js'
import { checkContentHash, sha256Hex } from '../../src/reports/render/content-hash.js'
import { csvCell, escapeHtml, escapeMarkdown, quoteCsv } from '../../src/reports/render/escape.js'
import { renderReport } from '../../src/reports/render/render.js'

const checkpoint = { origin: 'contact-ledger.local/register', rootHash: 'd3JvbmctYnV0LXdlbGwtZm9ybWVkLXJvb3QtaGFzaCE=' }

const HOSTILE = [
  '<script>alert(1)</script>',
  '=HYPERLINK("http://evil.example","klik")',
  '+SUM(1,2)',
  '-2+3',
  '@cmd',
  '\tTab',
  'Taalhuis "De Brug", Noord',
  'Regel\nBreuk\r\nTwee',
  'Stichting \u202Eetsiwrev\u202C \u2067isolaat\u2069',
  '| kolom | [link](javascript:alert(1)) **vet** `code` <img src=x onerror=alert(1)>',
  "O'Brien & Zonen",
]

const overview = (names: ReadonlyArray<string>): AnnualOverview => ({
  kind: 'annual-overview',
  year: 2024,
  logSize: 42,
  rows: names.map((name, i) => ({
    name,
    kind: 'self-organisation',
    ...(i % 3 === 0 ? { kvkNumber: `4100000${i % 10}` } : {}),
    programme: i === 0 ? 'actieagenda-integratie' : name,
    themes: ['language', 'work'],
    startedOn: '2024-01-15',
    ...(i % 2 === 0 ? {} : { endedOn: '2024-12-01' }),
  })),
})

const list = (names: ReadonlyArray<string>): ConfidentialList => ({
  kind: 'confidential-contact-list',
  since: '2023-01-01',
  until: '2025-12-31',
  logSize: 42,
  rows: names.map((name, i) => ({
    organisationId: `0b000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name,
    kind: 'religious-community',
    categories: i % 2 === 0 ? ['incidental'] : ['partnership', 'incidental'],
    firstContactOn: '2023-02-01',
    lastContactOn: '2025-11-30',
    contacts: i + 1,
  })),
})

const records = (csv: string): string[][] => parse(csv, { relax_column_count: false, bom: false }) as string[][]

describe('CSV quoting (RFC 4180)', () => {
  it('round-trips any text through csv-parse, apart from the inert prefix', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }), (cells) => {
        const line = cells.map(quoteCsv).join(',') + '\r\n'
        expect(records(line)).toEqual([cells.map((c) => c)])
      }),
    )
  })

  it('makes a cell that a spreadsheet would read as a formula inert with a leading quote', () => {
    for (const c of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', ' =1', '\uFF1D1'])
      expect(records(csvCell(c) + '\r\n')[0]![0]!.startsWith("'")).toBe(true)
    expect(csvCell('Gemeente Zaanstad')).toBe('Gemeente Zaanstad')
  })
})

describe('hostile names come out inert', () => {
  it('html: escaped, no markup of their own, bidi controls shown, names isolated', () => {
    const html = renderReport(overview(HOSTILE), { format: 'html', checkpoint })
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/<img/i)
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('[U+202E]')
    expect(html).toContain(`<th scope="row"><bdi>${escapeHtml(HOSTILE[0]!)}</bdi></th>`)
    // no resource can load: no src/href attributes and a CSP that forbids them
    expect(html).not.toMatch(/<[^>]*\s(src|href)=/i)
    expect(html).toContain("default-src 'none'")
  })

  it('csv: every row has the header\'s width, formulas are inert, names read back as they were', () => {
    const csv = renderReport(overview(HOSTILE), { format: 'csv', checkpoint })
    const rows = records(csv)
    const header = rows[0]!
    expect(header.slice(0, 3)).toEqual(['Organisatie', 'Soort', 'KvK-nummer']) // the public overview has no id column (rule 7)
    expect(rows.every((r) => r.length === header.length)).toBe(true)
    const names = rows.slice(1, 1 + HOSTILE.length).map((r) => r[0]!)
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^\s*[=+\-@\t\r]/)
    expect(names).toContain(`'=HYPERLINK("http://evil.example","klik")`)
    expect(names).toContain('Taalhuis "De Brug", Noord')
    expect(names).toContain('Regel\nBreuk\r\nTwee')
    expect(csv.split('\r\n').every((line) => !/[\u202A-\u202E\u2066-\u2069]/.test(line))).toBe(true)
  })

  it('md: one table line per organisation, no HTML, link or emphasis syntax left unescaped', () => {
    const md = renderReport(overview(HOSTILE), { format: 'md', checkpoint })
    const tableLines = md.split('\n').filter((l) => l.startsWith('| '))
    expect(tableLines).toHaveLength(HOSTILE.length + 2)
    for (const line of tableLines) expect(line.replace(/\\\|/g, '').split('|')).toHaveLength(9)
    expect(md).not.toMatch(/(?<!\\)<(script|img)/)
    expect(md).not.toMatch(/(?<!\\)\[link(?<!\\)\]/)
    expect(md).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/)
    expect(escapeMarkdown('a\nb')).toBe('a b')
  })
})

describe('every rendering', () => {
  const reports = [overview(['Stichting Samen Verder', 'Gemeente Zaanstad']), list(['Gemeente Zaanstad']), overview([]), list([])]

  it('ends with the log size, the checkpoint origin and root, and a content-hash line over the bytes before it', () => {
    for (const report of reports)
      for (const format of REPORT_FORMATS)
        for (const language of LANGUAGES) {
          const text = renderReport(report, { format, language, checkpoint })
          const lines = text.split('\n')
          expect(lines.at(-1)).toBe('')
          const last = lines.at(-2)!
          const before = text.slice(0, text.length - last.length - 1)
          expect(last).toContain(sha256Hex(before))
          expect(checkContentHash(text)).toBe(true)
          const tail = lines.slice(-8).join('\n')
          expect(tail).toContain('42')
          expect(tail).toContain(checkpoint.origin)
          expect(tail).toContain(checkpoint.rootHash)
          expect(checkContentHash(text.replace('42', '43'))).toBe(false)
        }
  })

  it('json stays one valid JSON document with the contract fields', () => {
    const o = JSON.parse(renderReport(reports[0]!, { format: 'json', checkpoint }))
    expect(Object.keys(o)).toEqual(['kind', 'year', 'rows', 'language', 'logSize', 'checkpoint', 'contentHash'])
    expect(Object.keys(o.rows[0])).toEqual(['name', 'kind', 'kvkNumber', 'programme', 'themes', 'startedOn'])
    expect(Object.keys(o.rows[1])).toEqual(['name', 'kind', 'programme', 'themes', 'startedOn', 'endedOn'])
    const l = JSON.parse(renderReport(reports[1]!, { format: 'json', checkpoint }))
    expect(l).toMatchObject({ classification: 'VERTROUWELIJK', kind: 'confidential-contact-list', since: '2023-01-01', until: '2025-12-31', logSize: 42 })
    expect(Object.keys(l.rows[0])).toEqual(['organisationId', 'name', 'kind', 'categories', 'firstContactOn', 'lastContactOn', 'contacts'])
  })

  it('of the confidential list says VERTROUWELIJK at the top, in every format and language, and on every printed page', () => {
    for (const report of [reports[1]!, reports[3]!])
      for (const format of REPORT_FORMATS)
        for (const language of LANGUAGES) {
          const text = renderReport(report, { format, language, checkpoint })
          const head = text.split('\n').slice(0, 12).join('\n')
          expect(head).toContain('VERTROUWELIJK')
        }
    const csv = renderReport(reports[1]!, { format: 'csv', checkpoint })
    expect(records(csv)[0]![0]).toBe('VERTROUWELIJK')
    expect(renderReport(reports[1]!, { format: 'md', checkpoint }).startsWith('# VERTROUWELIJK\n')).toBe(true)
    const html = renderReport(reports[1]!, { format: 'html', checkpoint })
    expect(html).toMatch(/@page \{[^}]*@top-center \{ content: "VERTROUWELIJK"/)
    expect(html).toMatch(/\.print-only \{ display: block; position: fixed; top: 0/)
  })

  it('of the public overview never says VERTROUWELIJK, and uses the Dutch title by default', () => {
    const text = renderReport(reports[0]!, { format: 'md', checkpoint })
    expect(text).not.toContain('VERTROUWELIJK')
    expect(text).toContain('# Overzicht structurele contacten met maatschappelijke partners in het kader van integratie en samenleven 2024')
    expect(renderReport(reports[0]!, { format: 'html', language: 'en', checkpoint })).toContain('<html lang="en">')
  })
})
