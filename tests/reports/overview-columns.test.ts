/**
 * Rule 7, the public overview as the letter asks for it (issue 13): given a register, when the
 * overview of a year is rendered, then it shows exactly the columns of CLI.md (name valid at the
 * end of the year, kind, KvK number where known, programme, themes, start, end when in the year),
 * no internal ids, no contact counts, nothing dated after the year; in JSON, CSV, Markdown, HTML
 * and the terminal table alike.
 */
import * as E from 'fp-ts/lib/Either.js'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { overviewTable } from '../../cli/report-table.js'
import { renderAt } from '../../src/ledger/reports.js'
import type { AnnualOverview } from '../../src/reports/annual-overview.js'
import { ORG_A, ORG_B, actors, cmd, openedLedger, G, run } from '../fixtures/domain.js'

const ORG_C = '0c000000-0000-4000-8000-00000000000c'
const P2 = 'd2000000-0000-4000-8000-0000000000d2'
const P3 = 'd3000000-0000-4000-8000-0000000000d3'

const must = <A>(e: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

/**
 * Given: A (KvK 41234567) a partner since 2024-01-15 with partnership contacts; B a partner from
 * 2023-03-01 to 2024-06-30; C a partner from 2024-02-01, ended 2025-03-31 (after 2024).
 */
const given = async () => {
  const ledger = await openedLedger()
  await run(
    ledger,
    { command: 'registerOrganisation', actor: actors.coordinator, payload: { organisationId: ORG_A, name: 'Stichting Samen Verder', kind: 'self-organisation', kvkNumber: '41234567' } },
    cmd.registerOrganisation(ORG_B, 'Vereniging Nieuwe Buren'),
    { command: 'registerOrganisation', actor: actors.coordinator, payload: { organisationId: ORG_C, name: 'Kennisplatform Integratie', kind: 'knowledge-institute' } },
    cmd.endorse(ORG_A, '2024-01-01'),
    cmd.endorse(ORG_B, '2023-01-01'),
    cmd.endorse(ORG_C, '2024-01-01'),
    cmd.startPartnership(ORG_A, '2024-01-15'),
    cmd.startPartnership(ORG_B, '2023-03-01', P2),
    cmd.startPartnership(ORG_C, '2024-02-01', P3),
    { command: 'endPartnership', actor: actors.coordinator, payload: { partnershipId: P2, endedOn: '2024-06-30', reason: 'completed' } },
    { command: 'endPartnership', actor: actors.coordinator, payload: { partnershipId: P3, endedOn: '2025-03-31', reason: 'completed' } },
    cmd.contact([ORG_A], { category: 'partnership', subject: 'Taal', occurredOn: '2024-03-05' }),
    cmd.contact([ORG_A], { category: 'partnership', subject: 'Taal', occurredOn: '2024-06-05' }),
  )
  return ledger
}

const EXPECTED_2024 = [
  { name: 'Kennisplatform Integratie', kind: 'knowledge-institute', programme: 'actieagenda-integratie', themes: ['language'], startedOn: '2024-02-01' },
  { name: 'Stichting Samen Verder', kind: 'self-organisation', kvkNumber: '41234567', programme: 'actieagenda-integratie', themes: ['language'], startedOn: '2024-01-15' },
  { name: 'Vereniging Nieuwe Buren', kind: 'self-organisation', programme: 'actieagenda-integratie', themes: ['language'], startedOn: '2023-03-01', endedOn: '2024-06-30' },
]

describe('the public overview of 2024 (rule 7)', () => {
  it('JSON: exactly CLI.md\'s fields, the KvK number only where known, the end only when in the year, no id and no count', async () => {
    const ledger = await given()
    const json = JSON.parse(must(await renderAt(ledger.store, { kind: 'annual-overview', year: 2024 }, { format: 'json' })).text)
    expect(json).toMatchObject({ kind: 'annual-overview', year: 2024 })
    expect(json.rows).toEqual(EXPECTED_2024)
    for (const id of [ORG_A, ORG_B, ORG_C, P2, P3]) expect(JSON.stringify(json)).not.toContain(id)
  })

  it('CSV: a header row of the display columns and one row per organisation, no Id column, no count, no date after 2024', async () => {
    const ledger = await given()
    const csv = must(await renderAt(ledger.store, { kind: 'annual-overview', year: 2024 }, { format: 'csv', language: 'en' })).text
    const rows = parse(csv) as string[][]
    expect(rows.slice(0, 4)).toEqual([
      ['Organisation', 'Kind', 'KvK number', 'Programme', 'Themes', 'Started on', 'Ended on'],
      ['Kennisplatform Integratie', 'knowledge institute', '', 'Actieagenda Integratie (integration action agenda)', 'language', '2024-02-01', ''],
      ['Stichting Samen Verder', 'self-organisation', '41234567', 'Actieagenda Integratie (integration action agenda)', 'language', '2024-01-15', ''],
      ['Vereniging Nieuwe Buren', 'self-organisation', '', 'Actieagenda Integratie (integration action agenda)', 'language', '2023-03-01', '2024-06-30'],
    ])
    expect(csv).not.toContain('2025-03-31')
  })

  it('Markdown and HTML: the same columns and rows; the 2025 end of a partnership does not show in 2024', async () => {
    const ledger = await given()
    const md = must(await renderAt(ledger.store, { kind: 'annual-overview', year: 2024 }, { format: 'md' })).text
    expect(md).toContain('| Organisatie | Soort | KvK-nummer | Programma | Thema\'s | Begonnen op | Beëindigd op |')
    expect(md).toContain('| Stichting Samen Verder | zelforganisatie | 41234567 | Actieagenda Integratie | taal | 15 januari 2024 |  |')
    expect(md).toContain('| Vereniging Nieuwe Buren | zelforganisatie |  | Actieagenda Integratie | taal | 1 maart 2023 | 30 juni 2024 |')
    const html = must(await renderAt(ledger.store, { kind: 'annual-overview', year: 2024 }, { format: 'html' })).text
    expect(html).toContain('<th scope="col">KvK-nummer</th>')
    expect(html).not.toContain('Aantal contacten')
    for (const text of [md, html]) {
      expect(text).not.toContain('2025-03-31')
      expect(text).not.toContain(ORG_A)
    }
  })

  it('the terminal table (demo): the same columns, no count', async () => {
    const ledger = await given()
    const report = must(await renderAt(ledger.store, { kind: 'annual-overview', year: 2024 }, { format: 'json' })).report as AnnualOverview
    const lines = overviewTable(report).split('\n')
    expect(lines[2]).toMatch(/^Organisatie\s+Soort\s+KvK-nummer\s+Programma\s+Thema's\s+Begonnen op\s+Beëindigd op$/)
    expect(lines[5]).toMatch(/^Stichting Samen Verder\s+zelforganisatie\s+41234567\s+Actieagenda Integratie\s+taal\s+2024-01-15\s+-$/)
    expect(lines.join('\n')).not.toContain('2025-03-31')
  })

  it('2025: the partnership that ended in 2025 shows its end; the one that ended in 2024 is gone', async () => {
    const ledger = await given()
    const json = JSON.parse(must(await renderAt(ledger.store, { kind: 'annual-overview', year: 2025 }, { format: 'json' })).text)
    expect(json.rows.map((r: { name: string; endedOn?: string }) => [r.name, r.endedOn])).toEqual([
      ['Kennisplatform Integratie', '2025-03-31'],
      ['Stichting Samen Verder', undefined],
    ])
  })
})
