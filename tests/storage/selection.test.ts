/**
 * The one step from a query to tag groups: the groups select exactly the events `matches` does.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { NewEvent } from '../../src/domain/events.js'
import { matches, type Query } from '../../src/ports/query.js'
import type { Selection, TagGroup } from '../../src/ports/storage-dialect.js'
import { selectionOf } from '../../src/store/selection.js'

const TYPES = ['ContactRecorded', 'ValuesEndorsed', 'ExclusionDecided'] as const
type Ev = Pick<NewEvent, 'type' | 'tags'>
const TAGS = ['t:1', 't:2', 't:3', 't:4']

const holds = (g: TagGroup, e: Ev): boolean => {
  const typed = g.types === undefined || g.types.includes(e.type)
  switch (g._tag) {
    case 'AnyTag':
      return typed && g.tags.some((t) => e.tags.includes(t))
    case 'AllTags':
      return typed && g.tags.every((t) => e.tags.includes(t))
    case 'Types':
      return typed
  }
}
const selects = (s: Selection, e: Ev) => s === 'all' || s.some((g) => holds(g, e))

const arbItem = fc.record({ types: fc.option(fc.subarray([...TYPES]), { nil: undefined }), tags: fc.option(fc.array(fc.constantFrom(...TAGS), { maxLength: 3 }), { nil: undefined }) })
const arbEvent = fc.record({ type: fc.constantFrom(...TYPES), tags: fc.subarray(TAGS) })

describe('selectionOf', () => {
  it('selects an event exactly when the query matches it', () => {
    fc.assert(
      fc.property(fc.array(arbItem, { maxLength: 6 }), fc.array(arbEvent, { minLength: 1, maxLength: 20 }), (items, events) => {
        const query = items.map((i) => ({ ...(i.types !== undefined ? { types: i.types } : {}), ...(i.tags !== undefined ? { tags: i.tags } : {}) })) as Query
        const s = selectionOf(query)
        for (const e of events) expect(selects(s, e)).toBe(matches(e, query))
      }),
    )
  })

  it('asks single-tag items with the same types together, and keeps the rest apart', () => {
    expect(selectionOf([{ tags: ['t:1'] }, { tags: ['t:2'] }, { types: ['ValuesEndorsed', 'ContactRecorded'], tags: ['t:3'] }, { types: ['ContactRecorded', 'ValuesEndorsed'], tags: ['t:4', 't:4'] }, { tags: ['t:1', 't:2'] }, { types: ['ExclusionDecided'] }, { types: [] }])).toEqual([
      { _tag: 'AllTags', tags: ['t:1', 't:2'] },
      { _tag: 'AnyTag', tags: ['t:1', 't:2'] },
      { _tag: 'AnyTag', tags: ['t:3', 't:4'], types: ['ValuesEndorsed', 'ContactRecorded'] },
      { _tag: 'Types', types: ['ExclusionDecided'] },
    ])
    expect(selectionOf([{ tags: ['t:1'] }, {}])).toBe('all')
    expect(selectionOf([])).toEqual([])
  })
})
