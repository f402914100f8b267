/**
 * The auditor's view's history (rules 3, 9, 15-17, 22; report version 2): what an auditor must
 * find in it, built through the ledger with an injected clock so recording dates differ from
 * business dates.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { memoryEventStore, memoryKeyStore } from '../../adapters/memory/index.js'
import { grantCommands } from '../../src/testing/roles.js'
import { createLedger, type Ledger } from '../../src/ledger/ledger.js'
import { renderAt } from '../../src/ledger/reports.js'
import type { Clock } from '../../src/ports/clock.js'
import { sequentialIds } from '../../src/ports/ids.js'
import type { AuditViewWithTrail } from '../../src/reports/audit-trail.js'
import { ADVICE_1, CONTACT_1, DECISION_1, ORG_A, ORG_B, actors, cmd, confirmed, grantFixtureRoles, seconds } from '../fixtures/domain.js'

let now = '2025-01-01T10:00:00.000Z'
const clock: Clock = { now: () => new Date(now) } as Clock
const at = async (ledger: Ledger, day: string, command: unknown) => {
  now = `${day}T10:00:00.000Z`
  const r = await ledger.execute(command)
  if (E.isLeft(r)) throw new Error(`${(command as { command: string }).command}: ${r.left._tag}: ${r.left.message}`)
  // rule 19: a proposal is confirmed the same day by the second actor of its role
  if (r.right.proposalId !== undefined) await confirmed(ledger, r.right)
}
const CONTACT_2 = 'c2000000-0000-4000-8000-0000000000c2'
const CONTACT_3 = 'c3000000-0000-4000-8000-0000000000c3'

/** The grants, made on the day the history starts (so none is a late entry): the fixture actors, and b.admin as a second administrator. */
const GRANTS = grantCommands([...Object.values(actors), ...Object.values(seconds), { id: 'b.admin', role: 'administrator' } as const].map((a) => [a.id, a.role] as const), 'b.beheer', '2023-01-05')

const history = async (): Promise<Ledger> => {
  const fresh = memoryEventStore()
  await grantFixtureRoles(fresh, GRANTS, '2023-01-05T09:00:00.000Z')
  const ledger = createLedger({ store: fresh, keys: memoryKeyStore(), clock, ids: sequentialIds() })
  await at(ledger, '2023-01-05', cmd.registerOrganisation(ORG_A))
  await at(ledger, '2023-01-05', cmd.registerOrganisation(ORG_B, 'Wijkcentrum Oost'))
  await at(ledger, '2023-03-02', cmd.contact([ORG_A], { contactId: CONTACT_1, occurredOn: '2023-03-01', category: 'signalling' }))
  await at(ledger, '2024-11-30', cmd.statement(ORG_A, '2024-05-20'))
  // an exclusion recorded late, with a review date that has passed by the view's date
  await at(ledger, '2024-11-30', { ...cmd.exclude(), payload: { ...cmd.exclude().payload, decidedOn: '2024-06-01', reviewBy: '2025-01-01' } })
  await at(ledger, '2025-02-01', cmd.contact([ORG_B], { contactId: CONTACT_2, occurredOn: '2025-01-30', category: 'signalling' }))
  await at(ledger, '2025-02-02', { command: 'correctContact', actor: actors.official, payload: { contactId: CONTACT_2, category: 'incidental', reason: 'toch inhoudelijk overleg' } })
  await at(ledger, '2025-02-03', { command: 'retractContact', actor: actors.official, payload: { contactId: CONTACT_2, reason: 'dubbel ingevoerd' } })
  await at(ledger, '2025-02-04', { command: 'correctOrganisation', actor: actors.coordinator, payload: { organisationId: ORG_B, kind: 'municipality', reason: 'is een gemeentelijke instelling' } })
  await at(ledger, '2025-02-05', cmd.advice('advised-against', '2025-02-05', 'security-service', ORG_B, ADVICE_1))
  await at(ledger, '2025-02-10', cmd.contact([ORG_B], { contactId: CONTACT_3, occurredOn: '2025-02-08', breach: { reason: 'ongepland op een congres' } }))
  await at(ledger, '2025-02-12', { command: 'reviewBreach', actor: actors.coordinator, payload: { contactId: CONTACT_3, reviewedOn: '2025-02-12', note: 'besproken' } })
  return ledger
}

const viewOf = async (ledger: Ledger): Promise<AuditViewWithTrail> => {
  // the auditor's view shows the sealed free texts (rule 20: the auditor may read them)
  const r = await renderAt(ledger.store, { kind: 'audit-view' }, { format: 'json', ...(ledger.keys !== undefined ? { unseal: ledger.keys } : {}) })
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right.report as AuditViewWithTrail
}

describe("the auditor's view: the history an auditor needs (report version 2)", () => {
  it('lists the vetting history with dates and actors, and the exclusion whose review date passed', async () => {
    const t = (await viewOf(await history())).trail
    // the exclusion was proposed by v.bakker and confirmed by v.smit (rule 19): both are on it
    expect(t.vetting.map((v) => [v.type, v.organisationId, v.date, v.actor, v.proposedBy])).toEqual([
      ['fact', ORG_A, '2024-05-20', 'v.bakker', undefined],
      ['exclusion', ORG_A, '2024-06-01', 'v.smit', 'v.bakker'],
      ['advice', ORG_B, '2025-02-05', 'v.bakker', undefined],
    ])
    expect(t.overdueReviews).toEqual([expect.objectContaining({ decisionId: DECISION_1, reviewBy: '2025-01-01' })])
  })
  it('a review with a next date takes the exclusion off the overdue list', async () => {
    const ledger = await history()
    await at(ledger, '2025-02-13', { command: 'reviewExclusion', actor: actors.vetting, payload: { decisionId: DECISION_1, reviewedOn: '2025-02-13', outcome: 'maintained', rationale: 'staat nog online', nextReviewBy: '2026-02-13' } })
    const t = (await viewOf(ledger)).trail
    expect(t.overdueReviews).toEqual([])
    expect(t.vetting.at(-1)).toMatchObject({ type: 'exclusion-reviewed', detail: 'maintained until 2026-02-13' })
  })
  it('lists the acknowledged breach with its review and actors, and the late exclusion\'s earlier contact as not found afterwards', async () => {
    const t = (await viewOf(await history())).trail
    expect(t.breaches).toEqual([expect.objectContaining({ contactId: CONTACT_3, adviceIds: [ADVICE_1], actor: 'a.jansen', reviews: [expect.objectContaining({ actor: 'c.desmet', note: 'besproken' })] })])
    expect(t.foundAfterwards).toEqual([]) // the 2023 contact is before the exclusion: a fact of the past, not a breach
  })
  it('lists a contact already recorded that a later-recorded exclusion puts inside its period, as found afterwards', async () => {
    const fresh = memoryEventStore()
    await grantFixtureRoles(fresh)
    const ledger = createLedger({ store: fresh, keys: memoryKeyStore(), clock, ids: sequentialIds() })
    await at(ledger, '2024-01-01', cmd.registerOrganisation(ORG_A))
    await at(ledger, '2024-07-01', cmd.contact([ORG_A], { contactId: CONTACT_1, occurredOn: '2024-07-01' }))
    await at(ledger, '2024-11-30', cmd.statement(ORG_A, '2024-05-20'))
    await at(ledger, '2024-11-30', { ...cmd.exclude(), payload: { ...cmd.exclude().payload, decidedOn: '2024-06-01' } })
    const t = (await viewOf(ledger)).trail
    expect(t.foundAfterwards).toEqual([expect.objectContaining({ contactId: CONTACT_1, occurredOn: '2024-07-01', by: expect.objectContaining({ kind: 'exclusion', id: DECISION_1 }) })])
  })
  it('lists the reclassification out of signalling, the retraction and the kind correction off the list, each with its reason; and late entries', async () => {
    const t = (await viewOf(await history())).trail
    expect(t.reclassifications).toEqual([expect.objectContaining({ subject: CONTACT_2, from: 'signalling', to: 'incidental', reason: 'toch inhoudelijk overleg' })])
    expect(t.retractions).toEqual([expect.objectContaining({ subject: CONTACT_2, reason: 'dubbel ingevoerd' })])
    expect(t.offTheList).toEqual([expect.objectContaining({ subject: ORG_B, from: 'self-organisation', to: 'municipality' })])
    expect(t.lateEntries.map((l) => [l.type, l.businessDate, l.days])).toEqual([
      ['FactRecorded', '2024-05-20', 194],
      ['ExclusionDecided', '2024-06-01', 182],
    ])
  })
  it('lists every four-eyes proposal with its proposer, the role it needs, and who confirmed or withdrew it (rule 19)', async () => {
    const ledger = await history()
    now = '2025-02-20T10:00:00.000Z'
    const open = await ledger.execute({ command: 'correctContact', actor: actors.official, payload: { contactId: CONTACT_1, category: 'incidental', reason: 'geen signaal' } })
    const proposalId = E.isRight(open) ? open.right.proposalId : undefined
    await at(ledger, '2025-02-21', { command: 'withdrawProposal', actor: actors.official, payload: { proposalId, reason: 'toch een signaal' } })
    const t = (await viewOf(ledger)).trail
    expect(t.proposals.map((p) => [p.command, p.needs, p.actor, p.status, p.closedBy?.actor, p.closedBy?.reason])).toEqual([
      ['decideExclusion', 'vetting-officer', 'v.bakker', 'confirmed', 'v.smit', undefined],
      ['correctContact', 'coordinator', 'a.jansen', 'confirmed', 'c.vos', undefined],
      ['correctOrganisation', 'coordinator', 'c.desmet', 'confirmed', 'c.vos', undefined],
      ['correctContact', 'coordinator', 'a.jansen', 'withdrawn', 'a.jansen', 'toch een signaal'],
    ])
    const md = await renderAt(ledger.store, { kind: 'audit-view' }, { format: 'md', language: 'en' })
    expect(E.isRight(md) && md.right.text).toContain('Four-eyes proposals: made, confirmed, withdrawn (rule 19)')
  })
  it("takes the late-entry threshold from the register's settings (rule 24), also when configured after the entries", async () => {
    const ledger = await history()
    await at(ledger, '2025-02-14', { command: 'configureRegister', actor: { id: 'b.admin', role: 'administrator' }, payload: { lateEntryDays: 190 } })
    const t = (await viewOf(ledger)).trail
    // 194 days late stays late; 182 is within the register's 190 days
    expect(t.lateEntries.map((l) => [l.type, l.days])).toEqual([['FactRecorded', 194]])
  })
  it('renders the sections in Markdown, and the view of an older version stays renderable without them', async () => {
    const ledger = await history()
    const md = await renderAt(ledger.store, { kind: 'audit-view' }, { format: 'md', language: 'en', unseal: ledger.keys! })
    const text = E.isRight(md) ? md.right.text : ''
    for (const h of ['Exclusions overdue for review (rule 17)', 'Acknowledged breaches of rule 2', 'Vetting history', 'Reclassifications', 'Retractions (rule 9)', 'Late entries'])
      expect(text).toContain(h)
    expect(text).toContain('ongepland op een congres')
    // without unsealing, the view marks where a sealed text is and shows none (rule 21)
    const sealed = await renderAt(ledger.store, { kind: 'audit-view' }, { format: 'md', language: 'en' })
    const plain = E.isRight(sealed) ? sealed.right.text : ''
    expect(plain).not.toContain('ongepland op een congres')
    expect(plain).toMatch(/\\?\[sealed\\?\]/)
  })
})
