/**
 * The memory store's index look-ups (a tag's lists walked by its own types or by the asked ones,
 * whichever are fewer) read exactly the events `matches` selects, in log order, and its append
 * condition fails exactly when such an event lies after the position read.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { memoryEventStore } from '../../adapters/memory/index.js'
import type { NewEvent } from '../../src/domain/events.js'
import { matches, type Query } from '../../src/ports/query.js'

const TYPES = ['ContactRecorded', 'ValuesEndorsed', 'ExclusionDecided', 'RoleGranted', 'PartnershipStarted', 'OrganisationRegistered']
const TAGS = ['t:1', 't:2', 't:3', 't:4']

const arbItem = fc.record({ types: fc.option(fc.subarray(TYPES), { nil: undefined }), tags: fc.option(fc.subarray(TAGS, { maxLength: 2 }), { nil: undefined }) })
const arbEvent = fc.record({ type: fc.constantFrom(...TYPES), tags: fc.subarray(TAGS) })

const newEvent = (e: { type: string; tags: string[] }, i: number): NewEvent =>
  ({ type: e.type, data: { i }, tags: e.tags, meta: { recordedAt: '2025-01-01T00:00:00.000Z' } }) as unknown as NewEvent

describe('memory store reads by tag and type', () => {
  it('reads what matches selects, ascending, and the condition fails exactly when a match lies after the position', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbEvent, { minLength: 1, maxLength: 30 }), fc.array(arbItem, { minLength: 1, maxLength: 4 }), fc.nat(), async (events, items, at) => {
        const store = memoryEventStore()
        const appended = await store.append(events.map(newEvent))()
        if (E.isLeft(appended)) throw new Error(appended.left.message)
        const query = items.map((i) => ({ ...(i.types !== undefined ? { types: i.types } : {}), ...(i.tags !== undefined ? { tags: i.tags } : {}) })) as Query
        const read = await store.read({ query })()
        if (E.isLeft(read)) throw new Error(read.left.message)
        const want = appended.right.filter((e) => matches(e, query)).map((e) => e.position)
        expect(read.right.map((e) => e.position)).toEqual(want)
        const after = at % events.length
        const r = await store.append([newEvent({ type: 'ContactRecorded', tags: [] }, -1)], { condition: { query, after } })()
        expect(E.isLeft(r) && r.left._tag === 'Conflict').toBe(want.some((p) => p > after))
      }),
      { numRuns: 400 },
    )
  })
})
