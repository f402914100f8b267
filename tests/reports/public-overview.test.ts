import fc from 'fast-check'
import { parse } from 'csv-parse/sync'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { activeInYear } from '../../src/domain/status.js'
import { LANGUAGES, REPORT_FORMATS } from '../../src/domain/values.js'
import { renderAt } from '../../src/ledger/reports.js'
import type { CommandJson } from '../../src/testing/history.js'
import { arbReportHistory, eventsOf, historyLedger, personalTexts, right, runHistory } from './history-run.js'

/** Texts of vetting, exclusions, end reasons, facts and contact details that the generated histories use. */
const NEVER_PUBLIC = [
  'REF-', 'EVID-', 'FACT-', 'ENDORSE-', 'annual accounts', 'demonstrably worked against integration', 'third-country',
  'security-service', 'advised-against', 'no-objection', 'opposed-integration', 'no longer endorses', 'entered twice', 'typo',
  'retention period', 'completed', 'excluded', 'endorsement-withdrawn', 'Overleg', 'Gecorrigeerd', 'a.jansen', 'test.official',
  'uitgesloten', 'ontraden', 'signalering', 'incidenteel',
]

const rowCount = (format: string, text: string): number => {
  switch (format) {
    case 'json':
      return JSON.parse(text).rows.length
    case 'csv':
      return (parse(text) as string[][]).filter((r) => !r[0]!.startsWith('#')).length - 1
    case 'md':
      return Math.max(0, text.split('\n').filter((l) => l.startsWith('| ')).length - 2)
    default:
      return (text.match(/<tr><th scope="row">/g) ?? []).length
  }
}

fc.configureGlobal({ ...fc.readConfigureGlobal(), baseSize: 'medium' })

describe('the public annual overview, on generated histories', () => {
  it('lists exactly the organisations with a partnership active in the year, and nothing that may not be published: no ids, no counts, nothing dated after the year', async () => {
    let withPartners = 0
    let withSecrets = 0
    await fc.assert(
      fc.asyncProperty(arbReportHistory(60), fc.constantFrom(2023, 2024, 2025), async (commands: ReadonlyArray<CommandJson>, year) => {
        const ledger = historyLedger()
        await runHistory(ledger, commands)
        const state = right(await ledger.state())
        // the oracle: the core's own state and status queries, not the report's fold
        const partners = Object.values(state.organisations).filter((o) =>
          o.partnershipIds.some((id) => activeInYear(state.partnerships[id]!, year)),
        )
        const secrets = personalTexts(commands)
        if (partners.length > 0) withPartners++
        if (secrets.length > 0) withSecrets++
        for (const format of REPORT_FORMATS)
          for (const language of LANGUAGES) {
            const r = right(await renderAt(ledger.store, { kind: 'annual-overview', year }, { format, language }))
            expect(rowCount(format, r.text)).toBe(partners.length)
            for (const s of secrets) expect(r.text).not.toContain(s)
            for (const s of NEVER_PUBLIC) expect(r.text).not.toContain(s)
            expect(r.text).not.toContain('VERTROUWELIJK')
            // no internal id of any organisation, partnership or contact (rule 7)
            for (const o of Object.values(state.organisations)) expect(r.text).not.toContain(o.organisationId)
            for (const id of [...Object.keys(state.partnerships), ...Object.keys(state.contacts)]) expect(r.text).not.toContain(id)
            if (format === 'json') {
              const rows = JSON.parse(r.text).rows as Array<Record<string, unknown>>
              expect(rows.map((x) => x.name).sort()).toEqual(partners.map((o) => o.name).sort())
              for (const x of rows) {
                expect(Object.keys(x).filter((k) => !['kvkNumber', 'endedOn'].includes(k))).toEqual(['name', 'kind', 'programme', 'themes', 'startedOn'])
                for (const date of [x.startedOn, x.endedOn]) if (date !== undefined) expect(String(date) <= `${year}-12-31`).toBe(true)
              }
            }
          }
      }),
      { numRuns: 25 },
    )
    // the histories exercised what the property is about
    expect(withPartners).toBeGreaterThan(5)
    expect(withSecrets).toBeGreaterThan(5)
  })

  it('at entry N is the same before and after more events are appended', async () => {
    await fc.assert(
      fc.asyncProperty(arbReportHistory(50), fc.double({ min: 0, max: 1, noNaN: true }), async (commands, cut) => {
        const split = Math.floor(commands.length * cut)
        const ledger = historyLedger()
        await runHistory(ledger, commands.slice(0, split))
        const n = (await eventsOf(ledger)).length
        const render = async () => {
          const out: string[] = []
          for (const format of REPORT_FORMATS) {
            out.push(right(await renderAt(ledger.store, { kind: 'annual-overview', year: 2024 }, { format, at: n })).text)
            out.push(right(await renderAt(ledger.store, { kind: 'confidential-contact-list' }, { format, at: n })).text)
          }
          out.push(right(await renderAt(ledger.store, { kind: 'audit-view' }, { format: 'json', at: n })).text)
          return out
        }
        const before = await render()
        await runHistory(ledger, commands.slice(split))
        expect(await render()).toEqual(before)
      }),
      { numRuns: 25 },
    )
  })

  it('is refused beyond the end of the log', async () => {
    const ledger = historyLedger()
    const r = await renderAt(ledger.store, { kind: 'annual-overview', year: 2024 }, { format: 'json', at: 3 })
    expect(E.isLeft(r) && r.left._tag).toBe('BeyondLog')
  })
})
