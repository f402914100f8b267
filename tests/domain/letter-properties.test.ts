/**
 * Properties of the letter's rules over generated cases, through the ledger and the public reports:
 * a contact dated before an exclusion or a security service's advice is accepted however late it
 * is entered, and reaches the confidential list when its category says so; one dated inside is
 * accepted only as an acknowledged breach; no new exclusion rests on a ground other than the two;
 * no partnership is ever active on a day inside an exclusion of its organisation (rule 6);
 * a proposal (rule 19) changes no report and no decision until it is confirmed.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { memoryEventStore, memoryKeyStore } from '../../adapters/memory/index.js'
import { activeInYear, activeOn, annualOverview, confidentialList, createLedger, fixedClock, sequentialIds, type Ledger, type StoredEvent } from '../../src/index.js'
import { arbCommand } from '../../src/testing/arbitraries.js'
import { HISTORY_NOW, arbHistory, testId } from '../../src/testing/history.js'
import { grantCommands } from '../../src/testing/roles.js'
import { grantFixtureRoles } from '../fixtures/domain.js'
import { isAllowedGround } from '../../src/domain/values.js'
import { commandModules } from '../../src/domain/commands/index.js'

/** A register opened for this file's actors (rule 18), clock at HISTORY_NOW. */
const newLedger = async (): Promise<Ledger> => {
  const store = memoryEventStore()
  await grantFixtureRoles(store, grantCommands([['c', 'coordinator'], ['o', 'official'], ['v', 'vetting-officer'], ['test2.vetting-officer', 'vetting-officer']]), HISTORY_NOW)
  return createLedger({ store, keys: memoryKeyStore(), clock: fixedClock(HISTORY_NOW), ids: sequentialIds() })
}
/** A register for a generated history, which opens it with its own grants (TEST_GRANTS). */
const historyLedger = (): Ledger => createLedger({ store: memoryEventStore(), keys: memoryKeyStore(), clock: fixedClock(HISTORY_NOW), ids: sequentialIds() })
const ORG = '0a000000-0000-4000-8000-00000000000a'
const FACT = 'fa000000-0000-4000-8000-00000000000a'
const ADVICE = 'b1000000-0000-4000-8000-0000000000b1'
const coordinator = { id: 'c', role: 'coordinator' }
const official = { id: 'o', role: 'official' }
const vetting = { id: 'v', role: 'vetting-officer' }
/** The second vetting officer, who confirms `vetting`'s proposals (rule 19). */
const vetting2 = { id: 'test2.vetting-officer', role: 'vetting-officer' }
const PROPOSAL = 'd9000000-0000-4000-8000-0000000000d9'

const DAY0 = Date.UTC(2023, 0, 1)
const dateOf = (day: number): string => new Date(DAY0 + day * 86_400_000).toISOString().slice(0, 10)

/** A period that blocks contact from `from` (an exclusion on a public statement, or a security service's advice), and contacts around it. */
const arbCase = fc.record({
  kind: fc.constantFrom('exclusion' as const, 'advice' as const),
  from: fc.integer({ min: 30, max: 800 }), // contacts up to 300 days later stay before HISTORY_NOW
  contacts: fc.array(fc.record({ offset: fc.integer({ min: -400, max: 300 }), category: fc.constantFrom('incidental', 'signalling', 'partnership'), breach: fc.boolean() }), { minLength: 1, maxLength: 8 }),
})

const blockerCommands = (kind: 'exclusion' | 'advice', from: string) =>
  kind === 'exclusion'
    ? [
        { command: 'recordFact', actor: vetting, payload: { factId: FACT, organisationId: ORG, kind: 'public-statement', observedOn: from, source: 'website', reference: 'P', listingRef: 'EU' } },
        { command: 'decideExclusion', actor: vetting, proposalId: PROPOSAL, payload: { organisationId: ORG, decidedOn: from, grounds: [{ ground: 'supports-terrorist-organisation', evidenceRefs: [FACT] }], rationale: 'r' } },
        { command: 'confirmProposal', actor: vetting2, payload: { proposalId: PROPOSAL } },
      ]
    : [{ command: 'recordVettingAdvice', actor: vetting, payload: { adviceId: ADVICE, organisationId: ORG, source: 'security-service', service: 'AIVD', advice: 'advised-against', receivedOn: from, reference: 'VD' } }]

describe('rule 2 and rule 3 over generated periods and late entries', () => {
  it('every contact dated before the period is accepted however late it is entered, and reaches the confidential list when partnership or incidental; one dated inside only as an acknowledged breach', async () => {
    await fc.assert(
      fc.asyncProperty(arbCase, async ({ kind, from, contacts }) => {
        const ledger = await newLedger()
        const start = dateOf(from)
        for (const c of [{ command: 'registerOrganisation', actor: coordinator, payload: { organisationId: ORG, name: 'Stichting Proef', kind: 'self-organisation' } }, ...blockerCommands(kind, start)])
          expect(E.isRight(await ledger.execute(c))).toBe(true)
        let listed = false
        for (const [i, c] of contacts.entries()) {
          const occurredOn = dateOf(Math.max(0, from + c.offset))
          const category = c.category === 'partnership' ? 'incidental' : c.category // no partnership here: a partnership contact needs a partner
          const r = await ledger.execute({
            command: 'recordContact',
            actor: official,
            payload: { contactId: testId('e', i + 1), organisationIds: [ORG], occurredOn, form: 'meeting', category, themes: [], ...(c.breach ? { breach: { reason: 'gezien op een congres' } } : {}) },
          })
          const before = occurredOn < start
          if (before && !c.breach) {
            expect(E.isRight(r), `a contact of ${occurredOn}, before ${start}, is accepted`).toBe(true)
            if (category === 'incidental') listed = true
          } else if (before && c.breach) expect(E.isLeft(r) && r.left._tag).toBe('InvalidCommand')
          else if (!c.breach) expect(E.isLeft(r) && r.left._tag).toBe(kind === 'exclusion' ? 'OrganisationExcluded' : 'AdvisedAgainst')
          else {
            expect(E.isRight(r) && r.right.events.map((e) => e.type)).toEqual(['ContactRecorded', 'BreachAcknowledged'])
            if (category === 'incidental') listed = true // a breach counts wherever its category says
          }
        }
        const all = await ledger.store.read()()
        const list = confidentialList(E.isRight(all) ? all.right : [], { since: '2023-01-01', until: '2026-01-31' })
        expect(list.rows.some((row) => row.organisationId === ORG)).toBe(listed)
      }),
      { numRuns: 60 },
    )
  })
})

describe('rule 4 over generated commands', () => {
  it('no new exclusion is accepted on a ground other than security-service-advice or supports-terrorist-organisation', async () => {
    const cases = fc.tuple(arbHistory({ maxSteps: 40 }), fc.array(arbCommand(['decideExclusion']), { minLength: 1, maxLength: 15 }))
    await fc.assert(
      fc.asyncProperty(cases, async ([history, decisions]) => {
        const ledger = historyLedger()
        for (const c of history) await ledger.execute(c)
        for (const [k, d] of decisions.entries()) {
          const aimed = { ...d, payload: { ...d.payload, organisationId: testId('a', 1 + (k % 6)) } }
          const proposed = await ledger.execute(aimed)
          // rule 19: an accepted decision is a proposal; a second vetting officer confirms it
          const r = E.isRight(proposed) && proposed.right.proposalId !== undefined ? await ledger.execute({ command: 'confirmProposal', actor: vetting2, payload: { proposalId: proposed.right.proposalId } }) : proposed
          if (E.isRight(r)) for (const e of r.right.events) if (e.type === 'ExclusionDecided') for (const g of e.data.grounds) expect(isAllowedGround(g.ground)).toBe(true)
        }
        const all = await ledger.store.read()()
        for (const e of E.isRight(all) ? all.right : []) if (e.type === 'ExclusionDecided') for (const g of e.data.grounds) expect(isAllowedGround(g.ground), g.ground).toBe(true)
      }),
      { numRuns: 20 },
    )
  })
})

/** Partnerships, ends, exclusions and lifts of one organisation, entered in any order (late entries included). */
const arbPartnershipOps = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant('start' as const), p: fc.integer({ min: 1, max: 3 }), day: fc.integer({ min: 0, max: 1000 }) }),
    fc.record({ op: fc.constant('end' as const), p: fc.integer({ min: 1, max: 3 }), day: fc.integer({ min: 0, max: 1000 }) }),
    fc.record({ op: fc.constant('exclude' as const), p: fc.integer({ min: 1, max: 2 }), day: fc.integer({ min: 0, max: 1000 }) }),
    fc.record({ op: fc.constant('lift' as const), p: fc.integer({ min: 1, max: 2 }), day: fc.integer({ min: 0, max: 1000 }) }),
  ),
  { minLength: 1, maxLength: 12 },
)

const opCommand = (o: { readonly op: 'start' | 'end' | 'exclude' | 'lift'; readonly p: number; readonly day: number }) => {
  const on = dateOf(o.day)
  switch (o.op) {
    case 'start':
      return { command: 'startPartnership', actor: coordinator, payload: { partnershipId: testId('d', o.p), organisationId: ORG, themes: ['language'], startedOn: on } }
    case 'end':
      return { command: 'endPartnership', actor: coordinator, payload: { partnershipId: testId('d', o.p), endedOn: on, reason: 'completed' } }
    case 'exclude':
      return { command: 'decideExclusion', actor: vetting, payload: { decisionId: testId('e', o.p), organisationId: ORG, decidedOn: on, grounds: [{ ground: 'supports-terrorist-organisation', evidenceRefs: [FACT] }], rationale: 'r' } }
    case 'lift':
      return { command: 'liftExclusion', actor: vetting, payload: { decisionId: testId('e', o.p), organisationId: ORG, liftedOn: on, rationale: 'herbeoordeling' } }
  }
}

describe('rule 6 over generated partnerships, exclusions and lifts entered in any order', () => {
  it('no partnership is ever active on a day inside an exclusion of its organisation, and the public overview lists a year exactly when a partnership was active in it', async () => {
    await fc.assert(
      fc.asyncProperty(arbPartnershipOps, async (ops) => {
        const ledger = await newLedger()
        for (const c of [
          { command: 'registerOrganisation', actor: coordinator, payload: { organisationId: ORG, name: 'Stichting Proef', kind: 'self-organisation' } },
          { command: 'endorseValues', actor: coordinator, payload: { organisationId: ORG, endorsedOn: dateOf(0), documentRef: 'SZW-1' } },
          { command: 'recordFact', actor: vetting, payload: { factId: FACT, organisationId: ORG, kind: 'public-statement', observedOn: dateOf(0), source: 'website', reference: 'P', listingRef: 'EU' } },
        ])
          expect(E.isRight(await ledger.execute(c)), c.command).toBe(true)
        for (const o of ops) {
          const r = await ledger.execute(opCommand(o)) // a refused one appends nothing
          // rule 19: an exclusion or a lift is a proposal; a second vetting officer confirms it
          if (E.isRight(r) && r.right.proposalId !== undefined) await ledger.execute({ command: 'confirmProposal', actor: vetting2, payload: { proposalId: r.right.proposalId } })
        }
        const st = await ledger.state()
        if (E.isLeft(st)) throw new Error(st.left.message)
        const org = st.right.organisations[ORG]!
        const partnerships = org.partnershipIds.map((id) => st.right.partnerships[id]!)
        for (const p of partnerships)
          for (const x of org.exclusions) {
            // the exclusion holds from the day after its decision (the partnership ends on it) until its lift;
            // a partnership recorded as started inside an exclusion entered after it cannot be undone and
            // ends on its own start day (an end never lies before a start), so it is checked from the day after
            const next = dateOf((Date.parse(`${x.decidedOn}T00:00:00Z`) - DAY0) / 86_400_000 + 1)
            const dayAfterStart = dateOf((Date.parse(`${p.startedOn}T00:00:00Z`) - DAY0) / 86_400_000 + 1)
            const first = p.startedOn >= next ? (x.position > p.position ? dayAfterStart : p.startedOn) : next
            if (x.lifted === undefined || first < x.lifted.liftedOn)
              expect(activeOn(p, first), `partnership ${p.startedOn}..${p.ended?.endedOn ?? ''} active on ${first}, inside exclusion ${x.decidedOn}..${x.lifted?.liftedOn ?? ''}`).toBe(false)
          }
        const all = await ledger.store.read()()
        const events = E.isRight(all) ? all.right : []
        for (const year of [2023, 2024, 2025])
          expect(annualOverview(events, { year }).rows.length > 0, `overview ${year}`).toBe(partnerships.some((p) => activeInYear(p, year)))
      }),
      { numRuns: 80 },
    )
  })
})

describe('rule 19 over generated proposals', () => {
  const readAll = async (ledger: Ledger): Promise<ReadonlyArray<StoredEvent>> => {
    const all = await ledger.store.read()()
    if (E.isLeft(all)) throw new Error(all.left.message)
    return all.right
  }
  /** Sealed free texts (rule 21) are encrypted under fresh nonces: compared by the record each is sealed under. */
  const unnonced = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(unnonced)
      : typeof v === 'object' && v !== null
        ? 'sealed' in v && 'record' in v
          ? { sealedUnder: (v as { record: string }).record }
          : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unnonced(x)]))
        : v
  /** What a command is answered with, without positions: the same answer on two registers of different lengths. */
  const answer = (r: Awaited<ReturnType<Ledger['execute']>>) =>
    // a proposal's id is drawn per command: compared without it
    E.isLeft(r) ? r.left._tag : r.right.events.map((e) => [e.type, unnonced(e.type === 'ProposalMade' ? { ...e.data, proposalId: undefined } : e.data)])
  const proposable = ['decideExclusion', 'liftExclusion', 'correctContact', 'correctOrganisation', 'shareReportConfidentially'] as const

  it('a proposal changes nothing until it is confirmed: the reports, and the answer to any later command, are those of the register without it', async () => {
    const cases = fc.tuple(
      arbHistory({ maxSteps: 40 }),
      fc.array(arbCommand([...proposable]), { minLength: 1, maxLength: 6 }),
      fc.array(arbCommand(['recordContact', 'startPartnership', 'decideExclusion', 'correctContact', 'registerOrganisation']), { minLength: 1, maxLength: 6 }),
    )
    await fc.assert(
      fc.asyncProperty(cases, async ([history, proposals, probes]) => {
        const aim = (c: (typeof proposals)[number], k: number) => ({
          ...c,
          payload: { ...c.payload, ...('organisationId' in c.payload ? { organisationId: testId('a', 1 + (k % 6)) } : {}), ...('contactId' in c.payload ? { contactId: testId('e', 2 + k) } : {}) },
        })
        const without = historyLedger()
        const withProposals = historyLedger()
        for (const c of history) {
          await without.execute(c)
          await withProposals.execute(c)
        }
        const made = new Set<string>()
        for (const [k, p] of proposals.entries()) {
          const r = await withProposals.execute(aim(p, k))
          if (E.isRight(r)) {
            // accepted as a proposal: only ProposalMade is appended
            if (r.right.proposalId !== undefined) {
              expect(r.right.events.map((e) => e.type)).toEqual(['ProposalMade'])
              made.add(r.right.proposalId)
            } else {
              // a correction that is no reclassification takes effect at once: the other register gets it too
              expect(['correctContact', 'correctOrganisation']).toContain(p.command)
              expect(answer(await without.execute(aim(p, k)))).toEqual(answer(r))
            }
          }
        }
        // the register with the unconfirmed proposals, less those proposals, is the register without them
        const a = (await readAll(withProposals)).filter((e) => !(e.type === 'ProposalMade' && made.has(e.data.proposalId)))
        const b = await readAll(without)
        // sealed personal data is encrypted under fresh nonces: compared by the person's id
        const plain = (e: StoredEvent) => [e.type, e.type === 'KeyFigureRegistered' ? e.data.personId : unnonced(e.data)]
        expect(a.map(plain)).toEqual(b.map(plain))
        for (const year of [2023, 2024, 2025]) expect(annualOverview(a, { year }).rows).toEqual(annualOverview(b, { year }).rows)
        expect(confidentialList(a, { since: '2023-01-01', until: '2026-01-31' }).rows).toEqual(confidentialList(b, { since: '2023-01-01', until: '2026-01-31' }).rows)
        for (const [k, c] of probes.entries()) {
          // the probe's new ids given, so both registers would make the same events
          const field = commandModules[c.command as keyof typeof commandModules].idField
          const aimed = aim(c, k)
          const probe = { ...aimed, ...(c.command === 'decideExclusion' ? { proposalId: testId('d', 100 + k) } : {}), payload: { ...aimed.payload, ...(field !== undefined ? { [field]: testId('f', 100 + k) } : {}) } }
          expect(answer(await withProposals.execute(probe)), probe.command).toEqual(answer(await without.execute(probe)))
        }
      }),
      { numRuns: 25 },
    )
  })
})
