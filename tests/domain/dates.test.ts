/**
 * Business dates and tree frontiers, each with a fast path, checked against the plain
 * computation: the remembered minute never changes a date (DST changes included), and the
 * frontier starting at the highest bit of the size equals the one scanning every level.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { frontierIds } from '../../src/audit/tree.js'
import { businessDateOf } from '../../src/domain/dates.js'

const plainDate = (d: Date): string => {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(d)
  const get = (type: string) => parts.find((p) => p.type === type)!.value
  return `${get('year')}-${get('month')}-${get('day')}`
}

const plainFrontier = (size: number) => {
  const out: Array<{ level: number; index: number }> = []
  let covered = 0
  for (let level = 52; level >= 0; level--) {
    const width = 2 ** level
    if (Math.floor(size / width) % 2 === 1) {
      out.push({ level, index: covered / width })
      covered += width
    }
  }
  return out
}

describe('fast paths equal the plain computation', () => {
  it('businessDateOf answers every instant as formatting it would, in any order of calls', () => {
    // around midnight and the DST changes of 2024 and 2025, and anywhere in 1900-2999
    const near = fc.constantFrom(Date.UTC(2024, 2, 30, 22), Date.UTC(2024, 2, 31, 1), Date.UTC(2024, 9, 26, 22), Date.UTC(2025, 9, 26, 0), Date.UTC(2024, 11, 31, 23))
    const instant = fc.oneof(
      near.chain((t) => fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 }).map((d) => t + d)),
      fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2999, 11, 31) }),
    )
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 20 }), (ts) => {
        for (const t of ts) expect(businessDateOf(new Date(t))).toBe(plainDate(new Date(t)))
      }),
      { numRuns: 300 },
    )
  })

  it('frontierIds equals the scan of every level, for sizes below and above 2^31', () => {
    const size = fc.oneof(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(0, 1, 2, 3, 2 ** 31 - 1, 2 ** 31, 2 ** 32))
    fc.assert(
      fc.property(size, (n) => {
        expect(frontierIds(n)).toEqual(plainFrontier(n))
      }),
      { numRuns: 1000 },
    )
  })
})
