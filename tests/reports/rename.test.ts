/**
 * Renames with an effective date (issue 13): reports use the name valid at the end of their
 * period, so a rename in 2026 never shows in the 2024 overview; `correctOrganisation` stays the
 * fix for a mistake and shows in every period. Given/when/then, accepted and refused.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { renderAt } from '../../src/ledger/reports.js'
import { ORG_A, actors, cmd, openedLedger, G, rejection, run, sizeOf } from '../fixtures/domain.js'
import type { Ledger } from '../../src/ledger/ledger.js'

const rename = (name: string, effectiveOn: string, actor: object = actors.coordinator) => ({
  command: 'renameOrganisation',
  actor,
  payload: { organisationId: ORG_A, name, effectiveOn, reason: 'statutenwijziging' },
})

const overviewNames = async (ledger: Ledger, year: number): Promise<string[]> => {
  const r = await renderAt(ledger.store, { kind: 'annual-overview', year }, { format: 'json' })
  if (E.isLeft(r)) throw new Error(r.left.message)
  return JSON.parse(r.right.text).rows.map((x: { name: string }) => x.name)
}
const listNames = async (ledger: Ledger, until: string): Promise<string[]> => {
  const r = await renderAt(ledger.store, { kind: 'confidential-contact-list', until }, { format: 'json' })
  if (E.isLeft(r)) throw new Error(r.left.message)
  return JSON.parse(r.right.text).rows.map((x: { name: string }) => x.name)
}

/** Given: a partner since 2024-01-15, renamed effective 2025-03-01. */
const given = async () => {
  const ledger = await openedLedger()
  await run(ledger, cmd.registerOrganisation(), cmd.endorse(), cmd.startPartnership(), cmd.contact([ORG_A], { occurredOn: '2024-03-05' }), rename('Stichting Samen Verder Zaanstreek', '2025-03-01'))
  return ledger
}

describe('renameOrganisation', () => {
  it('the 2024 overview keeps the old name, the 2025 overview shows the new one', async () => {
    const ledger = await given()
    expect(await overviewNames(ledger, 2024)).toEqual(['Stichting Samen Verder'])
    expect(await overviewNames(ledger, 2025)).toEqual(['Stichting Samen Verder Zaanstreek'])
  })

  it('the confidential list shows the name valid at the end of its period', async () => {
    const ledger = await given()
    expect(await listNames(ledger, '2024-12-31')).toEqual(['Stichting Samen Verder'])
    expect(await listNames(ledger, '2025-06-01')).toEqual(['Stichting Samen Verder Zaanstreek'])
  })

  it('records the rename with its effective date as the business date', async () => {
    const ledger = await given()
    const events = await ledger.store.read()()
    const renamed = E.isRight(events) ? events.right.find((e) => e.type === 'OrganisationRenamed') : undefined
    expect(renamed?.data).toEqual({ organisationId: ORG_A, name: 'Stichting Samen Verder Zaanstreek', effectiveOn: '2025-03-01', reason: expect.objectContaining({ sealed: 'A256GCM', record: ORG_A }) }) // the reason is sealed (rule 21)
    expect(renamed?.meta.businessDate).toBe('2025-03-01')
    const s = await ledger.state()
    expect(E.isRight(s) && s.right.organisations[ORG_A]?.name).toBe('Stichting Samen Verder Zaanstreek')
  })

  it('a correction of the name fixes the name in force in every period that shows it; the earlier name stays', async () => {
    const ledger = await given()
    await run(ledger, { command: 'correctOrganisation', actor: actors.coordinator, payload: { organisationId: ORG_A, name: 'Stichting Samen Verder Zaanstreek-Noord', reason: 'typefout' } })
    expect(await overviewNames(ledger, 2024)).toEqual(['Stichting Samen Verder'])
    expect(await overviewNames(ledger, 2025)).toEqual(['Stichting Samen Verder Zaanstreek-Noord'])
  })

  it('without a rename, a correction rewrites the name for all periods, as before', async () => {
    const ledger = await openedLedger()
    await run(ledger, cmd.registerOrganisation(), cmd.endorse(), cmd.startPartnership(), { command: 'correctOrganisation', actor: actors.coordinator, payload: { organisationId: ORG_A, name: 'Stichting Samen Verder Nu', reason: 'typefout' } })
    expect(await overviewNames(ledger, 2024)).toEqual(['Stichting Samen Verder Nu'])
  })

  it('is refused: in the future (FutureDate), for an unknown organisation, to its own name, and to another role; nothing appended', async () => {
    const ledger = await given()
    const before = await sizeOf(ledger)
    expect((await rejection(ledger, rename('Stichting Toekomst', '2025-06-02')))._tag).toBe('FutureDate')
    expect((await rejection(ledger, { ...rename('X', '2025-01-01'), payload: { organisationId: '0f000000-0000-4000-8000-00000000000f', name: 'X', effectiveOn: '2025-01-01', reason: 'r' } }))._tag).toBe('UnknownOrganisation')
    expect((await rejection(ledger, rename('Stichting Samen Verder Zaanstreek', '2025-04-01')))._tag).toBe('InvalidCommand')
    expect((await rejection(ledger, rename('Stichting Anders', '2025-04-01', actors.official)))._tag).toBe('Unauthorized')
    expect((await rejection(ledger, { ...rename('Y', '2025-01-01'), payload: { organisationId: ORG_A, name: 'Y', effectiveOn: '2025-01-01' } }))._tag).toBe('DecodeError')
    expect(await sizeOf(ledger)).toBe(before)
  })
})
