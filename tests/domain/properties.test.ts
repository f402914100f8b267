/**
 * Laws of the register, as properties over generated histories.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { memoryEventStore, memoryKeyStore } from '../../adapters/memory/index.js'
import { decodeCommand } from '../../src/domain/commands/index.js'
import { decodeStored, encodeStored, type StoredEvent } from '../../src/domain/events.js'
import { evolve, evolveAll, foldScratch, replay } from '../../src/domain/evolve.js'
import { initialState, type RegisterState } from '../../src/domain/state.js'
import { createLedger, type Ledger } from '../../src/ledger/ledger.js'
import { fixedClock } from '../../src/ports/clock.js'
import { sequentialIds } from '../../src/ports/ids.js'
import { arbCommand, arbMalformed } from '../../src/testing/arbitraries.js'
import { HISTORY_NOW, arbHistory, testId, type CommandJson } from '../../src/testing/history.js'

const newLedger = (): Ledger =>
  createLedger({ store: memoryEventStore(), keys: memoryKeyStore(), clock: fixedClock(HISTORY_NOW), ids: sequentialIds() })

const allEvents = async (ledger: Ledger): Promise<ReadonlyArray<StoredEvent>> => {
  const r = await ledger.store.read()()
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right
}

/** Points a generated command's organisation ids at organisations the history registered. */
const aimed = (c: CommandJson, k: number): CommandJson => {
  const p = { ...c.payload }
  if ('organisationId' in p) p['organisationId'] = testId('a', 1 + (k % 12))
  if (Array.isArray(p['organisationIds'])) p['organisationIds'] = (p['organisationIds'] as string[]).map((_, i) => testId('a', 1 + ((k + i) % 12)))
  return { ...c, payload: p }
}

const RUNS = { numRuns: 40 }

describe('generated histories', () => {
  it('a generated valid history is accepted command by command', async () => {
    await fc.assert(
      fc.asyncProperty(arbHistory(), async (history) => {
        const ledger = newLedger()
        for (const c of history) {
          const r = await ledger.execute(c)
          if (E.isLeft(r)) throw new Error(`${c.command} rejected: ${r.left._tag}: ${r.left.message}`)
        }
      }),
      RUNS,
    )
  })
})

/**
 * Rule 2 written out independently of the policy: an exclusion decided on or before the date and
 * not lifted by it; or a security service's advised-against advice received on or before it, not
 * retracted, and with no later advice of the same service (any, when it names none) received by then.
 */
const oracleBlocked = (o: RegisterState['organisations'][string], on: string): boolean => {
  if (o.exclusions.some((x) => x.decidedOn <= on && !(x.lifted !== undefined && x.lifted.liftedOn <= on))) return true
  const known = o.advices.filter((a) => a.retracted === undefined && a.receivedOn <= on)
  return known.some(
    (a) =>
      a.advice === 'advised-against' &&
      !known.some(
        (b) =>
          b !== a &&
          (b.receivedOn > a.receivedOn || (b.receivedOn === a.receivedOn && b.position > a.position)) &&
          (a.source === 'security-service' ? b.source === 'security-service' && (a.service === undefined || b.service === a.service) : b.source === a.source),
      ),
  )
}

describe('rule 2 under any mix of commands', () => {
  it('no contact already inside an exclusion or an outstanding advice on its date is recorded or corrected into one other than as an acknowledged breach; positions are gapless; the replayed state equals the state built while appending', async () => {
    const mixed = fc
      .tuple(arbHistory({ maxSteps: 60 }), fc.array(fc.tuple(fc.nat(), fc.nat(), arbCommand()), { maxLength: 40 }), fc.array(arbMalformed(), { maxLength: 5 }))
      .map(([history, extra, junk]) => {
        const out: unknown[] = [...history]
        for (const [at, k, c] of extra) out.splice(at % (out.length + 1), 0, aimed(c, k))
        for (const j of junk) out.push(j)
        return out
      })
    await fc.assert(
      fc.asyncProperty(mixed, async (commands) => {
        const ledger = newLedger()
        let built: RegisterState = initialState
        for (const c of commands) {
          const r = await ledger.execute(c)
          if (E.isRight(r)) built = evolveAll(built, r.right.events)
        }
        const events = await allEvents(ledger)
        expect(events.map((e) => e.position)).toEqual(events.map((_, i) => i))
        // rule 2 on the contact's date, with rule 3: nothing already recorded blocked it, or its breach is acknowledged in the same append
        let state = initialState
        events.forEach((e, i) => {
          if (e.type === 'ContactRecorded' || e.type === 'ContactCorrected') {
            const c = e.type === 'ContactRecorded' ? e.data : { ...state.contacts[e.data.contactId]!, ...e.data }
            const judged = e.type === 'ContactRecorded' || ['occurredOn', 'organisationIds', 'personIds', 'category'].some((k) => k in e.data)
            const orgs = [...c.organisationIds, ...c.personIds.flatMap((p) => state.persons[p]?.organisationId ?? [])]
            for (const id of orgs) expect(state.organisations[id], `organisation ${id} registered before contact at ${e.position}`).toBeDefined()
            const blocked = judged && orgs.some((id) => oracleBlocked(state.organisations[id]!, c.occurredOn))
            const next = events[i + 1]
            if (blocked) expect(next?.type === 'BreachAcknowledged' && next.data.contactId === c.contactId, `contact at ${e.position} inside a period without an acknowledged breach`).toBe(true)
          }
          state = evolve(state, e)
        })
        expect(replay(events)).toEqual(built)
      }),
      { numRuns: 30 },
    )
  })
})

describe('replay laws', () => {
  it('replaying a prefix and then the rest equals replaying the whole log, at every split', async () => {
    await fc.assert(
      fc.asyncProperty(arbHistory({ maxSteps: 40 }), async (history) => {
        const ledger = newLedger()
        for (const c of history) await ledger.execute(c)
        const events = await allEvents(ledger)
        const whole = replay(events)
        for (let k = 0; k <= events.length; k++) expect(evolveAll(replay(events.slice(0, k)), events.slice(k))).toEqual(whole)
      }),
      { numRuns: 15 },
    )
  })

  it("the ledger's private working fold (foldScratch) gives the state evolveAll gives, and leaves the events untouched", async () => {
    await fc.assert(
      fc.asyncProperty(arbHistory({ maxSteps: 40 }), async (history) => {
        const ledger = newLedger()
        for (const c of history) await ledger.execute(c)
        const events = await allEvents(ledger)
        const before = JSON.stringify(events)
        for (const k of [0, events.length >> 1, events.length]) {
          const scratch = foldScratch(events.slice(0, k))
          expect(scratch).toEqual(evolveAll(initialState, events.slice(0, k)))
          // a later command folded into it must not reach back into the events it was built from
          scratch.size += 1
          for (const o of Object.values(scratch.organisations)) (o.contactIds as string[]).push('x')
        }
        expect(JSON.stringify(events)).toBe(before)
        // nor into the empty state the next fold starts from
        expect(foldScratch([])).toEqual(initialState)
        expect(initialState.organisations).toEqual({})
      }),
      { numRuns: 15 },
    )
  })

  it('the state at a position is the state the log had when it was that long', async () => {
    const ledger = newLedger()
    const history = fc.sample(arbHistory({ maxSteps: 50 }), { numRuns: 1, seed: 42 })[0]!
    const seen: RegisterState[] = []
    for (const c of history) {
      await ledger.execute(c)
      const s = await ledger.state()
      if (E.isRight(s)) seen[s.right.size] = s.right
    }
    for (const [size, expected] of seen.entries()) {
      if (expected === undefined) continue
      const at = await ledger.state(size)
      expect(E.isRight(at) && at.right).toEqual(expected)
    }
  })
})

describe('codecs', () => {
  it('decode(encode(e)) equals e for every stored event', async () => {
    await fc.assert(
      fc.asyncProperty(arbHistory({ maxSteps: 40 }), async (history) => {
        const ledger = newLedger()
        for (const c of history) await ledger.execute(c)
        for (const e of await allEvents(ledger)) {
          const json = JSON.parse(JSON.stringify(encodeStored(e)))
          const back = decodeStored(json)
          expect(E.isRight(back) && encodeStored(back.right)).toEqual(encodeStored(e))
          expect(E.isRight(back) && back.right).toEqual(JSON.parse(JSON.stringify(e)))
        }
      }),
      { numRuns: 15 },
    )
  })

  it('every generated command decodes', () => {
    fc.assert(fc.property(arbCommand(), (c) => E.isRight(decodeCommand(c))))
  })

  it('any JSON value that is not a valid command gives a DecodeError naming a path: never a throw, never an append', async () => {
    const ledger = newLedger()
    await fc.assert(
      fc.asyncProperty(arbMalformed(), async (u) => {
        const decoded = decodeCommand(u)
        if (E.isRight(decoded)) return // the mutation happened to keep it valid
        expect(decoded.left._tag).toBe('DecodeError')
        expect(decoded.left.problems.length).toBeGreaterThan(0)
        for (const p of decoded.left.problems) expect(decoded.left.message).toContain(p.path)
        const r = await ledger.execute(u)
        expect(E.isLeft(r) && r.left._tag).toBe('DecodeError')
        const size = await ledger.store.size()()
        expect(E.isRight(size) && size.right).toBe(0)
      }),
      { numRuns: 300 },
    )
  })
})
