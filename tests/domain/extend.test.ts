/**
 * `extend` is `{ ...a, ...b }` (the fast way): the same keys in the same order with the same
 * values, also for hostile JSON (an own `__proto__` key never becomes a prototype).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { extend } from '../../src/domain/extend.js'

const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', '0', '1', '10', 'position', 'a'))
const record = fc.dictionary(key, fc.jsonValue(), { maxKeys: 6 }).map((r) => JSON.parse(JSON.stringify(r)) as Record<string, unknown>)

describe('extend', () => {
  it('gives what the spread gives: keys, their order, values, prototype (random objects, hostile keys from JSON.parse)', () => {
    fc.assert(
      fc.property(record, record, fc.option(record, { nil: undefined }), (a, b, c) => {
        const spread = { ...a, ...b, ...c }
        const fast = c === undefined ? extend(a, b) : extend(a, b, c)
        expect(Object.getPrototypeOf(fast)).toBe(Object.prototype)
        expect(Reflect.ownKeys(fast)).toEqual(Reflect.ownKeys(spread))
        for (const k of Reflect.ownKeys(spread)) expect((fast as Record<PropertyKey, unknown>)[k]).toBe((spread as Record<PropertyKey, unknown>)[k])
      }),
      { numRuns: 2000 },
    )
  })

  it('never takes a prototype from an own "__proto__" key of parsed JSON', () => {
    const hostile = JSON.parse('{"__proto__": {"isAdmin": true}, "role": "official"}') as Record<string, unknown>
    const out = extend({ position: 1 }, hostile) as Record<string, unknown>
    expect(out['isAdmin']).toBeUndefined()
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
    expect(Object.keys(out)).toEqual(['position', '__proto__', 'role'])
  })

  it('leaves its sources as they were, and later sources win', () => {
    const at = { position: 3, recordedAt: 't' }
    const out = extend(at, { position: 4, reason: 'r' })
    expect(out).toEqual({ position: 4, recordedAt: 't', reason: 'r' })
    expect(at).toEqual({ position: 3, recordedAt: 't' })
  })
})
