/**
 * The recipient list (rule 8, issue 13): the confidential list is shared only with recipients on
 * the register's recipient list, which an administrator keeps (`addRecipient`, `removeRecipient`;
 * the role written in the command is what is checked, as for every command until the identity
 * issue lands). Given/when/then through the ledger, accepted and refused; a refusal appends nothing.
 */
import * as E from 'fp-ts/lib/Either.js'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Ledger } from '../../src/ledger/ledger.js'
import { createSnapshotRenderer } from '../../src/ledger/snapshot.js'
import { createLedger } from '../../src/ledger/ledger.js'
import { memoryEventStore, memoryKeyStore } from '../../adapters/memory/index.js'
import { fixedClock } from '../../src/ports/clock.js'
import { sequentialIds } from '../../src/ports/ids.js'
import { NOW, ORG_A, actors, cmd, rejection, run, sizeOf, grantFixtureRoles } from '../fixtures/domain.js'
import { testSnapshotDeps } from '../reports/history-run.js'

const admin = { id: 'b.beheer', role: 'administrator' } as const
const COMMITTEE = 'ac000000-0000-4000-8000-0000000000ac'
const OTHER = 'ad000000-0000-4000-8000-0000000000ad'
const REPORT = 'ab000000-0000-4000-8000-0000000000ab'

const add = (recipientId: string, name: string, actor: object = admin) => ({ command: 'addRecipient', actor, payload: { recipientId, name, reason: 'brief van 2024' } })
const share = (recipientId: string, reportId = REPORT) => ({ command: 'shareReportConfidentially', actor: actors.reporting, payload: { reportId, sharedOn: '2025-06-01', recipientId } })

let ledger: Ledger
beforeEach(async () => {
  const store = memoryEventStore()
  await grantFixtureRoles(store)
  ledger = createLedger({ store, keys: memoryKeyStore(), clock: fixedClock(NOW), ids: sequentialIds(), renderSnapshot: createSnapshotRenderer(testSnapshotDeps(store)) })
  await run(ledger, cmd.registerOrganisation(), cmd.contact([ORG_A]), {
    command: 'takeReportSnapshot',
    actor: actors.reporting,
    payload: { reportId: REPORT, kind: 'confidential-contact-list', format: 'csv' },
  })
})

describe('addRecipient / removeRecipient (administrator)', () => {
  it('given an empty list, when an administrator adds the committee, then it is on the list', async () => {
    const [r] = await run(ledger, add(COMMITTEE, 'Vaste commissie SZW, Tweede Kamer'))
    // the reason is sealed under the recipient's key (rule 21)
    expect(r!.events.map((e) => [e.type, e.data])).toEqual([['RecipientAdded', { recipientId: COMMITTEE, name: 'Vaste commissie SZW, Tweede Kamer', reason: expect.objectContaining({ sealed: 'A256GCM', record: COMMITTEE }) }]])
    const s = await ledger.state()
    expect(E.isRight(s) && s.right.recipients[COMMITTEE]?.name).toBe('Vaste commissie SZW, Tweede Kamer')
  })

  it('is refused to any other role (Unauthorized), and appends nothing', async () => {
    const before = await sizeOf(ledger)
    for (const actor of [actors.reporting, actors.coordinator, actors.auditor]) expect((await rejection(ledger, add(COMMITTEE, 'Commissie', actor)))._tag).toBe('Unauthorized')
    expect((await rejection(ledger, { command: 'removeRecipient', actor: actors.reporting, payload: { recipientId: COMMITTEE } }))._tag).toBe('Unauthorized')
    expect(await sizeOf(ledger)).toBe(before)
  })

  it('refuses the same name twice (case and spacing folded) and the same id twice, naming the one on the list', async () => {
    await run(ledger, add(COMMITTEE, 'Vaste commissie SZW'))
    const again = await rejection(ledger, add(OTHER, '  vaste  Commissie szw '))
    expect(again).toMatchObject({ _tag: 'AlreadyExists', refs: { recipientId: COMMITTEE } })
    expect((await rejection(ledger, add(COMMITTEE.toUpperCase(), 'Andere commissie')))._tag).toBe('AlreadyExists')
  })

  it('removes a recipient on the list; removing one not on it (or twice) is NotARecipient', async () => {
    await run(ledger, add(COMMITTEE, 'Vaste commissie SZW'))
    await run(ledger, { command: 'removeRecipient', actor: admin, payload: { recipientId: COMMITTEE, reason: 'commissie opgeheven' } })
    expect((await rejection(ledger, { command: 'removeRecipient', actor: admin, payload: { recipientId: COMMITTEE } }))._tag).toBe('NotARecipient')
    expect((await rejection(ledger, { command: 'removeRecipient', actor: admin, payload: { recipientId: OTHER } }))._tag).toBe('NotARecipient')
  })
})

describe('shareReportConfidentially (rule 8)', () => {
  it('given the committee on the list, when the list is shared with it, then the share names its id and name', async () => {
    await run(ledger, add(COMMITTEE, 'Vaste commissie SZW'))
    const [r] = await run(ledger, share(COMMITTEE))
    // rule 19: run() confirmed the proposal with a second reporting officer; the effect follows ProposalConfirmed
    expect(r!.events.map((x) => x.type)).toEqual(['ProposalConfirmed', 'ReportSharedConfidentially'])
    expect(r!.events[1]!.data).toEqual({ reportId: REPORT, sharedOn: '2025-06-01', recipient: 'Vaste commissie SZW', recipientId: COMMITTEE })
  })

  it('refuses a recipient not on the list with NotARecipient naming it, and appends nothing', async () => {
    await run(ledger, add(COMMITTEE, 'Vaste commissie SZW'))
    const before = await sizeOf(ledger)
    const r = await rejection(ledger, share(OTHER))
    expect(r).toMatchObject({ _tag: 'NotARecipient', rule: 8, refs: { recipientId: OTHER } })
    expect(r.message).toContain(OTHER)
    expect(await sizeOf(ledger)).toBe(before)
  })

  it('refuses a recipient taken off the list, however it was on it before', async () => {
    await run(ledger, add(COMMITTEE, 'Vaste commissie SZW'), share(COMMITTEE), { command: 'removeRecipient', actor: admin, payload: { recipientId: COMMITTEE } })
    expect((await rejection(ledger, share(COMMITTEE)))._tag).toBe('NotARecipient')
  })

  it('refuses a free-text recipient, as the old format had it, with a DecodeError naming the field', async () => {
    const r = await rejection(ledger, { command: 'shareReportConfidentially', actor: actors.reporting, payload: { reportId: REPORT, sharedOn: '2025-06-01', recipient: 'iemand' } })
    expect(r._tag).toBe('DecodeError')
    expect(r.message).toContain('payload.recipient')
  })
})
