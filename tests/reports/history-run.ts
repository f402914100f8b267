/**
 * Running generated histories for the report tests: each command executed through the ledger on
 * memory stores at `HISTORY_NOW`, so every run is the same. Not a domain fixture (those live in
 * tests/fixtures/domain.ts): only the plumbing the report tests share.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { memoryEventStore, memoryKeyStore } from '../../adapters/memory/index.js'
import type { StoredEvent } from '../../src/domain/events.js'
import { createLedger, type Ledger, type LedgerOptions } from '../../src/ledger/ledger.js'
import { fixedClock } from '../../src/ports/clock.js'
import { sequentialIds } from '../../src/ports/ids.js'
import type { EventStore } from '../../src/ports/event-store.js'
import { treeRootAt } from '../../src/ledger/reports.js'
import type { SnapshotDeps } from '../../src/ledger/snapshot.js'
import { arbHistory, HISTORY_NOW, type CommandJson, type HistoryOptions } from '../../src/testing/history.js'

/** A ledger on fresh memory stores at `HISTORY_NOW`. */
export const historyLedger = (extra: Partial<LedgerOptions> = {}): Ledger =>
  createLedger({ store: memoryEventStore(), keys: memoryKeyStore(), clock: fixedClock(HISTORY_NOW), ids: sequentialIds('0e000000'), ...extra })

/** Executes commands in order; every one must be accepted (the history arbitrary promises it). */
export const runHistory = async (ledger: Ledger, commands: ReadonlyArray<CommandJson | object>): Promise<void> => {
  for (const c of commands) {
    const r = await ledger.execute(c)
    if (E.isLeft(r)) throw new Error(`history command ${(c as CommandJson).command} rejected: ${r.left._tag}: ${r.left.message}`)
  }
}

/** Every stored event of a ledger. */
export const eventsOf = async (ledger: Ledger): Promise<ReadonlyArray<StoredEvent>> => {
  const r = await ledger.store.read()()
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right
}

/** The personal plaintext (name, email, phone, role) of every key figure in a history. */
export const personalTexts = (commands: ReadonlyArray<CommandJson>): ReadonlyArray<string> =>
  commands
    .filter((c) => c.command === 'registerKeyFigure')
    .flatMap((c) => ['name', 'email', 'phone', 'role'].map((f) => c.payload[f]).filter((v): v is string => typeof v === 'string'))

/** Unwraps a Right or fails the test with the Left's message. */
export const right = <A>(e: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

const PARTNER_STARTS = ['2023-03-01', '2023-11-15', '2024-02-01', '2024-09-01', '2025-05-01'] as const
const PARTNER_ENDS = ['2023-12-31', '2024-06-30', '2025-03-31', '2025-11-30'] as const
const DAY = 86_400_000
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10)

interface PartnerSeed {
  readonly start: number
  readonly end: number | null
  readonly contacts: ReadonlyArray<number>
  readonly otherCategory: 'incidental' | 'signalling' | null
}

const partnerSeed: fc.Arbitrary<PartnerSeed | null> = fc.option(
  fc.record({
    start: fc.nat({ max: PARTNER_STARTS.length - 1 }),
    end: fc.option(fc.nat({ max: PARTNER_ENDS.length - 1 })),
    contacts: fc.array(fc.nat({ max: 500 }), { maxLength: 4 }),
    otherCategory: fc.constantFrom('incidental' as const, 'signalling' as const, null),
  }),
  { freq: 2 },
)

/**
 * Generated histories (`arbHistory`) in which some organisations also become partners right
 * after they are registered: an endorsement, a partnership (sometimes ended), partnership
 * contacts on days it is active, and an incidental or signalling contact, so that the overview
 * has rows to get right. Every command is still accepted in order.
 */
export const arbReportHistory = (maxSteps = 60, options: HistoryOptions = {}): fc.Arbitrary<ReadonlyArray<CommandJson>> =>
  fc.tuple(arbHistory({ maxSteps, ...options }), fc.array(partnerSeed, { minLength: 20, maxLength: 20 })).map(([history, seeds]) => {
    const out: CommandJson[] = []
    let orgs = 0
    let n = 0
    const id = () => `0f000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`
    for (const c of history) {
      out.push(c)
      if (c.command !== 'registerOrganisation') continue
      const seed = seeds[orgs++ % seeds.length]
      if (seed === null || seed === undefined) continue
      const organisationId = c.payload['organisationId'] as string
      const startedOn = PARTNER_STARTS[seed.start]!
      const endedOn = seed.end === null ? null : PARTNER_ENDS.find((e) => e >= PARTNER_ENDS[seed.end!]! && e > startedOn) ?? null
      const last = endedOn ?? '2025-12-31'
      const partnershipId = id()
      const coordinator = { id: 'test.coordinator', role: 'coordinator' }
      const official = { id: 'test.official', role: 'official' }
      out.push({ command: 'endorseValues', actor: coordinator, payload: { organisationId, endorsedOn: startedOn, documentRef: `ENDORSE-P${n}` } })
      // a programme of its own: the generated history may start an actieagenda partnership too (rule 6: one per programme at a time)
      out.push({ command: 'startPartnership', actor: coordinator, payload: { partnershipId, organisationId, programme: 'taalpilot', themes: ['language', 'work'], startedOn } })
      for (const offset of seed.contacts) {
        const occurredOn = addDays(startedOn, offset)
        if (occurredOn > last) continue
        out.push({
          command: 'recordContact',
          actor: official,
          payload: { contactId: id(), organisationIds: [organisationId], occurredOn, form: 'meeting', category: 'partnership', themes: ['language'], subject: `Overleg P${n}` },
        })
      }
      if (seed.otherCategory !== null)
        out.push({
          command: 'recordContact',
          actor: official,
          payload: { contactId: id(), organisationIds: [organisationId], occurredOn: addDays(startedOn, 3), form: 'call', category: seed.otherCategory, themes: [] },
        })
      if (endedOn !== null) out.push({ command: 'endPartnership', actor: coordinator, payload: { partnershipId, endedOn, reason: 'completed' } })
    }
    return out
  })

export const ORIGIN = 'test.example/register'

/** Simple stand-ins for the audit log's functions: an unsigned-looking note over the real root, and a recorded proof request. */
export const testSnapshotDeps = (store: EventStore, calls: Array<[number, number]> = []): SnapshotDeps => ({
  checkpointAt: async (size) => {
    const root = await treeRootAt(store, size)
    if (E.isLeft(root)) return root
    const note = `${ORIGIN}\n${size}\n${Buffer.from(root.right).toString('base64')}\n\n— ${ORIGIN} dGVzdA==\n`
    const put = await store.putCheckpoint({ treeSize: size, note })()
    return E.isLeft(put) ? put : E.right({ note })
  },
  consistency: async (from, to) => {
    calls.push([from, to])
    return E.right([Buffer.from(`proof ${from}..${to}`).toString('base64')])
  },
})


/** Events appended after a snapshot that would change its report if it were rendered from the whole log. */
export const LATER_ORG = '1a7e0000-0000-4000-8000-000000000001'
export const LATER = [
  { command: 'registerOrganisation', actor: { id: 'test.coordinator', role: 'coordinator' }, payload: { organisationId: LATER_ORG, name: 'Stichting Later Erbij', kind: 'other' } },
  { command: 'endorseValues', actor: { id: 'test.coordinator', role: 'coordinator' }, payload: { organisationId: LATER_ORG, endorsedOn: '2024-02-01', documentRef: 'LATER-1' } },
  { command: 'startPartnership', actor: { id: 'test.coordinator', role: 'coordinator' }, payload: { organisationId: LATER_ORG, themes: ['work'], startedOn: '2024-02-15' } },
  { command: 'recordContact', actor: { id: 'test.official', role: 'official' }, payload: { organisationIds: [LATER_ORG], occurredOn: '2024-04-01', form: 'meeting', category: 'partnership', themes: ['work'], subject: 'Laat ingevoerd' } },
]

