import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { contactTable, type ContactBasis, type ContactFields } from '../../src/reports/contact-table.js'
import type { ContactCategory } from '../../src/domain/values.js'

/** The table's meaning: a Map of plain records, first-recorded order, replaced in place. */
const model = () => {
  const m = new Map<string, ContactBasis>()
  return {
    m,
    record: (id: string, f: ContactFields, position: number, recordedAt: string) =>
      m.set(id, { contactId: id, ...f, position, recordedAt, corrections: [] }),
    correct: (id: string, f: Partial<ContactFields>, position: number) => {
      const c = m.get(id)
      if (c !== undefined) m.set(id, { ...c, ...Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)), corrections: [...c.corrections, position] })
    },
    retract: (id: string, position: number) => {
      const c = m.get(id)
      if (c !== undefined && c.retracted === undefined) m.set(id, { ...c, retracted: position })
    },
  }
}

const plain = (c: ContactBasis | undefined) =>
  c === undefined
    ? undefined
    : {
        contactId: c.contactId,
        organisationIds: [...c.organisationIds],
        personIds: [...c.personIds],
        occurredOn: c.occurredOn,
        category: c.category,
        position: c.position,
        recordedAt: c.recordedAt,
        corrections: [...c.corrections],
        retracted: c.retracted,
      }

const arbId = fc.oneof(
  fc.uuid(),
  fc.uuid().map((u) => u.toUpperCase()), // not the lowercase form: kept as a string
  fc.constantFrom('not-a-uuid', '', 'c-1', '00000000-0000-0000-0000-00000000000g'),
)
const arbInstant = fc.oneof(
  fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2024-02-30T10:00:00.000Z', '2024-03-01T10:00:00Z', 'yesterday', '2024-03-01T10:00:00.000+01:00'),
)
const arbFields: fc.Arbitrary<ContactFields> = fc.record({
  organisationIds: fc.array(fc.constantFrom('o-1', 'o-2', 'o-3'), { maxLength: 3 }),
  personIds: fc.array(fc.constantFrom('p-1', 'p-2'), { maxLength: 2 }),
  occurredOn: fc.constantFrom('2023-01-05', '2024-06-30', '2025-12-31'),
  category: fc.constantFrom<ContactCategory>('partnership', 'incidental', 'signalling'),
})

describe('the report basis contact table', () => {
  it('behaves as a Map of contact records: record (replacing in place), correct, retract; get and values agree', () => {
    fc.assert(
      fc.property(
        fc.array(arbId, { minLength: 1, maxLength: 30 }),
        fc.array(
          fc.oneof(
            fc.tuple(fc.constant('record' as const), fc.nat(), arbFields, arbInstant),
            fc.tuple(fc.constant('correct' as const), fc.nat(), arbFields.map((f) => ({ ...f, personIds: undefined }))),
            fc.tuple(fc.constant('retract' as const), fc.nat()),
          ),
          { maxLength: 80 },
        ),
        (ids, ops) => {
          const t = contactTable()
          const want = model()
          ops.forEach((op, position) => {
            const id = ids[op[1] % ids.length]!
            if (op[0] === 'record') (t.record(id, op[2], position, op[3]), want.record(id, op[2], position, op[3]))
            else if (op[0] === 'correct') (t.correct(id, op[2], position), want.correct(id, op[2], position))
            else (t.retract(id, position), want.retract(id, position))
          })
          expect(t.size).toBe(want.m.size)
          expect([...t.values()].map(plain)).toEqual([...want.m.values()].map(plain))
          for (const id of ids) expect(plain(t.get(id))).toEqual(plain(want.m.get(id)))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('holds 50,000 contacts (growing its columns and index) and finds each by id', () => {
    const t = contactTable()
    const id = (i: number) => `0190a1b2-0000-7000-8000-${i.toString(16).padStart(12, '0')}`
    const f: ContactFields = { organisationIds: ['o-1'], personIds: [], occurredOn: '2024-01-02', category: 'incidental' }
    for (let i = 0; i < 50_000; i++) t.record(id(i), f, i, `2024-01-02T10:00:${String(i % 60).padStart(2, '0')}.000Z`)
    expect(t.size).toBe(50_000)
    for (const i of [0, 1, 1023, 1024, 2047, 31_337, 49_999]) expect(t.get(id(i))).toMatchObject({ contactId: id(i), position: i, recordedAt: `2024-01-02T10:00:${String(i % 60).padStart(2, '0')}.000Z` })
    expect(t.get(id(50_000))).toBeUndefined()
    expect([...t.values()].map((c) => c.position)).toEqual([...Array(50_000).keys()])
  })
})
