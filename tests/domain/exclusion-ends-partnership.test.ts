/**
 * Rule 6 (issue 13): "an exclusion ends [a partnership] on the exclusion's date, also when the
 * partnership was entered after the exclusion". Given / when / then through the ledger: the
 * state's status, the public overview (the years it lists a partnership in and its end date),
 * the auditor's view and a snapshot all read the effective end, the earliest of the recorded end
 * and the first exclusion date inside the partnership. Report version 2 keeps its recorded bytes.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { createLedger, type Ledger } from '../../src/ledger/ledger.js'
import { renderAt } from '../../src/ledger/reports.js'
import { checkSnapshot, createSnapshotRenderer, isSnapshot } from '../../src/ledger/snapshot.js'
import { memoryEventStore, memoryKeyStore } from '../../adapters/memory/index.js'
import { fixedClock } from '../../src/ports/clock.js'
import { sequentialIds } from '../../src/ports/ids.js'
import { organisationStatus } from '../../src/domain/status.js'
import { annualOverview } from '../../src/reports/annual-overview.js'
import { auditView } from '../../src/reports/audit-view.js'
import { testSnapshotDeps } from '../reports/history-run.js'
import { DECISION_1, NOW, ORG_A, PARTNERSHIP_1, actors, cmd, rejection, run, grantFixtureRoles } from '../fixtures/domain.js'

const P2 = 'd2000000-0000-4000-8000-0000000000d2'

const must = <A>(e: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

const ledgerWithSnapshots = async (): Promise<Ledger> => {
  const store = memoryEventStore()
  await grantFixtureRoles(store)
  return createLedger({ store, keys: memoryKeyStore(), clock: fixedClock(NOW), ids: sequentialIds(), renderSnapshot: createSnapshotRenderer(testSnapshotDeps(store)) })
}

const exclude = (decidedOn: string) => ({ ...cmd.exclude(), payload: { ...cmd.exclude().payload, decidedOn } })
const lift = (liftedOn: string) => ({ command: 'liftExclusion', actor: actors.vetting, payload: { decisionId: DECISION_1, organisationId: ORG_A, liftedOn, rationale: 'herbeoordeling' } })
const end = (endedOn: string, partnershipId = PARTNERSHIP_1) => ({ command: 'endPartnership', actor: actors.coordinator, payload: { partnershipId, endedOn, reason: 'completed' } })

/** Given: organisation A endorsed on 2023-01-01, a partner from 2023-03-01, a public statement on 2024-05-01. */
const given = async (...more: unknown[]): Promise<Ledger> => {
  const ledger = await ledgerWithSnapshots()
  await run(ledger, cmd.registerOrganisation(), cmd.endorse(ORG_A, '2023-01-01'), cmd.startPartnership(ORG_A, '2023-03-01'), cmd.statement(ORG_A, '2024-05-01'), ...more)
  return ledger
}

const stateOf = async (ledger: Ledger) => organisationStatus(must(await ledger.state()), ORG_A)!
const eventsOf = async (ledger: Ledger) => must(await ledger.store.read()())
const overviewRows = async (ledger: Ledger, year: number) => JSON.parse(must(await renderAt(ledger.store, { kind: 'annual-overview', year }, { format: 'json' })).text).rows
/** The years the auditor's view says organisation A is in the overview. */
const auditYears = async (ledger: Ledger) =>
  auditView(await eventsOf(ledger), { organisationId: ORG_A })
    .organisations[0]!.reports.filter((r) => r.report === 'annual-overview' && r.included)
    .map((r) => r.year)

describe('rule 6: an exclusion ends a partnership on its date, also against a later recorded end', () => {
  it('exclusion dated before a recorded end, entered after it: the partnership ends on the exclusion date everywhere', async () => {
    const ledger = await given(end('2025-03-31'), exclude('2024-06-01'))
    expect((await stateOf(ledger)).partnerships).toEqual([{ partnershipId: PARTNERSHIP_1, programme: 'actieagenda-integratie', startedOn: '2023-03-01', endedOn: '2024-06-01', active: false }])
    expect(await overviewRows(ledger, 2024)).toEqual([expect.objectContaining({ name: 'Stichting Samen Verder', startedOn: '2023-03-01', endedOn: '2024-06-01' })])
    expect(await overviewRows(ledger, 2025)).toEqual([])
    expect(annualOverview(await eventsOf(ledger), { year: 2025 }).rows).toEqual([])
    expect(await auditYears(ledger)).toEqual([2023, 2024])
  })

  it('report version 2 still renders the recorded end (its snapshots keep their bytes); version 3 reads the effective end', async () => {
    const ledger = await given(end('2025-03-31'), exclude('2024-06-01'))
    const byV2 = JSON.parse(must(await renderAt(ledger.store, { kind: 'annual-overview', year: 2025 }, { format: 'json', version: 2 })).text).rows
    expect(byV2).toEqual([expect.objectContaining({ name: 'Stichting Samen Verder', endedOn: '2025-03-31' })])
    expect(JSON.parse(must(await renderAt(ledger.store, { kind: 'annual-overview', year: 2025 }, { format: 'json', version: 3 })).text).rows).toEqual([])
  })

  it('a snapshot taken after the late exclusion records the effective end and verifies', async () => {
    const ledger = await given(end('2025-03-31'), exclude('2024-06-01'))
    const [r] = await run(ledger, { command: 'takeReportSnapshot', actor: actors.reporting, payload: { kind: 'annual-overview', year: 2024, format: 'json' } })
    const snap = r!.events.filter(isSnapshot)[0]!
    expect(snap.data.reportVersion).toBe(3)
    expect(must(await checkSnapshot(ledger.store, snap))._tag).toBe('SnapshotHolds')
    const text = must(await renderAt(ledger.store, { kind: 'annual-overview', year: 2024 }, { format: 'json', at: snap.data.logSize, version: 3 })).text
    expect(JSON.parse(text).rows[0]).toMatchObject({ endedOn: '2024-06-01' })
  })

  it('exclusion dated after the recorded end: the recorded end and its reason stand', async () => {
    const ledger = await given(end('2024-03-31'), exclude('2024-06-01'))
    expect((await stateOf(ledger)).partnerships[0]).toMatchObject({ endedOn: '2024-03-31', active: false })
    expect(must(await ledger.state()).partnerships[PARTNERSHIP_1]!.ended).toMatchObject({ endedOn: '2024-03-31', reason: 'completed' })
    expect(await auditYears(ledger)).toEqual([2023, 2024])
    expect(await overviewRows(ledger, 2024)).toEqual([expect.objectContaining({ endedOn: '2024-03-31' })])
  })

  it('exclusion entered late, before the partnership is entered: the late partnership ends on the exclusion date', async () => {
    const ledger = await ledgerWithSnapshots()
    await run(ledger, cmd.registerOrganisation(), cmd.endorse(ORG_A, '2023-01-01'), cmd.statement(ORG_A, '2024-05-01'), exclude('2024-06-01'), cmd.startPartnership(ORG_A, '2023-03-01'))
    expect((await stateOf(ledger)).partnerships[0]).toMatchObject({ startedOn: '2023-03-01', endedOn: '2024-06-01', active: false })
    expect(await overviewRows(ledger, 2024)).toEqual([expect.objectContaining({ endedOn: '2024-06-01' })])
    expect(await overviewRows(ledger, 2025)).toEqual([])
    // and the ended partnership cannot be ended again at a later date
    expect((await rejection(ledger, end('2025-01-31')))._tag).toBe('NotActive')
  })

  it('exclusion lifted, then the partnership restarted: the old one ended on the exclusion date, the new one is active', async () => {
    const ledger = await given(end('2025-03-31'), exclude('2024-06-01'), lift('2024-09-01'))
    await run(ledger, cmd.startPartnership(ORG_A, '2024-10-01', P2))
    const st = await stateOf(ledger)
    expect(st.partnerships).toEqual([
      expect.objectContaining({ partnershipId: PARTNERSHIP_1, endedOn: '2024-06-01', active: false }),
      expect.objectContaining({ partnershipId: P2, startedOn: '2024-10-01', active: true }),
    ])
    // a restart inside the exclusion is still refused
    const inside = await ledgerWithSnapshots()
    await run(inside, cmd.registerOrganisation(), cmd.endorse(ORG_A, '2023-01-01'), cmd.startPartnership(ORG_A, '2023-03-01'), cmd.statement(ORG_A, '2024-05-01'), end('2025-03-31'), exclude('2024-06-01'), lift('2024-09-01'))
    expect((await rejection(inside, cmd.startPartnership(ORG_A, '2024-07-01', P2)))._tag).toBe('OrganisationExcluded')
    // 2025: listed for the restarted partnership only, with no end
    const rows2025 = await overviewRows(ledger, 2025)
    expect(rows2025).toHaveLength(1)
    expect(rows2025[0].endedOn).toBeUndefined()
  })
})
