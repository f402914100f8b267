/** The remembered identity key of registered names is the identity key, however many names pass. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { nameKey, registeredNameKey } from '../../src/domain/names.js'

describe('registeredNameKey', () => {
  it('equals nameKey for hostile names, asked once or again, also after more names than it remembers', () => {
    const names = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: fc.constantFrom('A', 'а', 'l', ' ', '.', '\u200b', 'é', 'B.V.', 'Stichting') }))
    fc.assert(fc.property(fc.array(names, { maxLength: 30 }), (xs) => xs.concat(xs).every((n) => registeredNameKey(n) === nameKey(n))), { numRuns: 300 })
    for (let i = 0; i < 25_000; i++) expect(registeredNameKey(`Stichting Samenleven ${i}`)).toBe(`samenleven${i}`)
    expect(registeredNameKey('Stichting Samenleven 3')).toBe('samenleven3')
  })
})
