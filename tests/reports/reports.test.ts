import { describe, expect, it } from 'vitest'
import { annualOverview } from '../../src/reports/annual-overview.js'
import { auditView } from '../../src/reports/audit-view.js'
import { confidentialList } from '../../src/reports/confidential-list.js'
import { ORG_A, ORG_B, actors, cmd, openedLedger, G, run } from '../fixtures/domain.js'
import { eventsOf } from './history-run.js'

const ORG_C = '0c000000-0000-4000-8000-00000000000c'
const ORG_D = '0d000000-0000-4000-8000-00000000000d'
const CONTACT_X = 'c2000000-0000-4000-8000-0000000000c2'
const CONTACT_Y = 'c3000000-0000-4000-8000-0000000000c3'

/** A: partner since 2024-01-15 with partnership contacts; B: incidental only; C: signalling only; D: an incidental contact retracted. */
const scenario = async () => {
  const ledger = await openedLedger()
  await run(
    ledger,
    cmd.registerOrganisation(ORG_A, 'Stichting Samen Verder'),
    cmd.registerOrganisation(ORG_B, 'Vereniging Nieuwe Buren'),
    cmd.registerOrganisation(ORG_C, 'Gemeente Zaanstad'),
    cmd.registerOrganisation(ORG_D, 'Ääkkönen Stichting'),
    cmd.endorse(ORG_A, '2024-01-01'),
    cmd.startPartnership(ORG_A, '2024-01-15'),
    cmd.contact([ORG_A], { category: 'partnership', subject: 'Taal', occurredOn: '2024-03-05' }),
    cmd.contact([ORG_A], { category: 'partnership', subject: 'Taal', occurredOn: '2024-06-05', contactId: CONTACT_X }),
    cmd.contact([ORG_A], { category: 'partnership', subject: 'Taal', occurredOn: '2025-02-05' }),
    cmd.contact([ORG_B], { category: 'incidental', occurredOn: '2023-05-01' }),
    cmd.contact([ORG_C], { category: 'signalling', occurredOn: '2024-04-01' }),
    cmd.contact([ORG_D], { category: 'incidental', occurredOn: '2024-04-02', contactId: CONTACT_Y }),
    { command: 'retractContact', actor: actors.official, payload: { contactId: CONTACT_Y, reason: 'dubbel' } },
    { command: 'correctContact', actor: actors.official, payload: { contactId: CONTACT_X, occurredOn: '2025-01-06', reason: 'datum' } },
  )
  return eventsOf(ledger)
}

describe('annual overview (rule 7)', () => {
  it('lists each organisation with a partnership active in the year: name, kind, programme, themes, start; no id, no count', async () => {
    const events = await scenario()
    const y2024 = annualOverview(events, { year: 2024 })
    expect(y2024).toMatchObject({ kind: 'annual-overview', year: 2024, logSize: events.length })
    expect(y2024.rows).toEqual([
      { name: 'Stichting Samen Verder', kind: 'self-organisation', programme: 'actieagenda-integratie', themes: ['language'], startedOn: '2024-01-15' },
    ])
    expect(annualOverview(events, { year: 2025 }).rows.map((r) => r.name)).toEqual(['Stichting Samen Verder'])
    expect(annualOverview(events, { year: 2023 }).rows).toEqual([])
  })

  it('is the report of the first N entries: later events do not change it', async () => {
    const events = await scenario()
    const at = events.findIndex((e) => e.type === 'PartnershipStarted')
    expect(annualOverview(events, { year: 2024, at }).rows).toEqual([])
    expect(annualOverview(events.slice(0, at), { year: 2024 })).toEqual(annualOverview(events, { year: 2024, at }))
  })
})

describe('confidential list (rule 8)', () => {
  it('lists organisations with non-retracted partnership or incidental contacts in the period, never signalling ones', async () => {
    const events = await scenario()
    const list = confidentialList(events)
    expect(list.since).toBe('2023-01-01')
    expect(list.until).toBe('2025-06-01')
    expect(list.rows.map((r) => [r.name, r.contacts])).toEqual([
      ['Stichting Samen Verder', 3],
      ['Vereniging Nieuwe Buren', 1],
    ])
    expect(confidentialList(events, { since: '2024-01-01', until: '2024-12-31' }).rows.map((r) => r.organisationId)).toEqual([ORG_A])
  })
})

describe("auditor's view (rule 15)", () => {
  it('says for each organisation and report whether it is in or out, by which rule, with the events behind it', async () => {
    const events = await scenario()
    const view = auditView(events)
    expect(view.years).toEqual([2023, 2024, 2025])
    const byId = Object.fromEntries(view.organisations.map((o) => [o.organisationId, o]))
    const decision = (id: string, year?: number) => byId[id]!.reports.find((r) => (year === undefined ? r.report === 'confidential-contact-list' : r.year === year))!
    expect(decision(ORG_A, 2024)).toMatchObject({ included: true, rule: 6, reason: 'partnership-active-in-year' })
    expect(decision(ORG_A, 2023)).toMatchObject({ included: false, rule: 6, reason: 'partnership-not-active-in-year' })
    expect(decision(ORG_B, 2024)).toMatchObject({ included: false, reason: 'no-partnership' })
    expect(decision(ORG_B)).toMatchObject({ included: true, rule: 7, reason: 'contact-in-period' })
    expect(decision(ORG_C)).toMatchObject({ included: false, rule: 8, reason: 'only-signalling-contacts' })
    expect(decision(ORG_D)).toMatchObject({ included: false, rule: 7, reason: 'contacts-retracted' })
    const retracted = events.find((e) => e.type === 'ContactRetracted')!.position
    expect(decision(ORG_D).positions).toContain(retracted)
    const partnership = events.find((e) => e.type === 'PartnershipStarted')!.position
    expect(decision(ORG_A, 2024).positions).toContain(partnership)
    expect(auditView(events, { organisationId: ORG_C }).organisations.map((o) => o.organisationId)).toEqual([ORG_C])
  })

  it('orders organisations by name the same way everywhere: accents and case folded, code units compared', async () => {
    const events = await scenario()
    expect(auditView(events).organisations.map((o) => o.name)).toEqual([
      'Ääkkönen Stichting',
      'Gemeente Zaanstad',
      'Stichting Samen Verder',
      'Vereniging Nieuwe Buren',
    ])
  })
})
