/**
 * A test author's file: testing your own tool and your own storage adapter with what
 * `contact-ledger/testing` exports. The project's test suite runs this file with vitest.
 *
 * 1. Your adapter passes the conformance suite every built-in adapter passes.
 * 2. A property of your tool holds on any valid history the register can have.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { expect, it } from 'vitest'
import { createLedger, fixedClock, organisationStatus, type EventStore } from 'contact-ledger'
import { memoryEventStore, memoryKeyStore } from 'contact-ledger/adapters/memory'
import { HISTORY_NOW, arbHistory, describeEventStoreConformance } from 'contact-ledger/testing/vitest'

// --- 1. "your" adapter: here a thin wrapper that counts appends around the memory store -----
const countingStore = (): EventStore & { appends: () => number } => {
  const inner = memoryEventStore()
  let appends = 0
  return { ...inner, append: (events, options) => ((appends += 1), inner.append(events, options)), appends: () => appends }
}
describeEventStoreConformance('counting store (an adapter of your own)', async () => ({ store: countingStore(), cleanup: async () => {} }))

// --- 2. "your" tool: a list of organisations that may be contacted today ---------------------
const contactable = (state: Parameters<typeof organisationStatus>[0]): string[] =>
  Object.keys(state.organisations).filter((id) => organisationStatus(state, id)?.mayBeContacted === true)

it('an organisation the tool lists as contactable is never refused a contact', async () => {
  await fc.assert(
    fc.asyncProperty(arbHistory({ maxSteps: 40 }), async (history) => {
      const ledger = createLedger({ store: memoryEventStore(), keys: memoryKeyStore(), clock: fixedClock(HISTORY_NOW) })
      for (const command of history) await ledger.execute(command)
      const state = await ledger.state()
      if (E.isLeft(state)) throw new Error(state.left.message)
      for (const organisationId of contactable(state.right)) {
        const r = await ledger.execute({
          command: 'recordContact',
          // the history opens the register and grants test.official its role (rule 18: no claimed role is trusted)
          actor: { id: 'test.official', role: 'official' },
          // "may be contacted" speaks of today: a contact dated today (rule 2 judges a contact on its own date)
          payload: { organisationIds: [organisationId], occurredOn: HISTORY_NOW.slice(0, 10), form: 'call', category: 'incidental', themes: [] },
        })
        expect(E.isRight(r)).toBe(true)
      }
    }),
    { numRuns: 20 },
  )
})
