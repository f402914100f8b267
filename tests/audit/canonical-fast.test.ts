/**
 * The fast path of canonical JSON against the `canonicalize` library (the oracle): over hostile
 * values of every kind, and over the entries of every event type with their strings and numbers
 * replaced by hostile ones, `canonicalJson` gives what the library gives (or fails where it
 * fails), and the fast path either agrees with the library or leaves the value to it.
 */
import canonicalize from 'canonicalize'
import fc from 'fast-check'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memoryEventStore, memoryKeyStore } from '../../adapters/memory/index.js'
import { openSqlite } from '../../adapters/sqlite/index.js'
import { DEMO_GRANTS, DEMO_NOW, DEMO_SETTINGS } from '../../cli/commands/demo.js'
import { demoHistory } from '../../cli/demo/history.js'
import { timeline } from '../../cli/demo/timeline.js'
import { createLedger, EVENT_TYPES, fixedClock, sequentialIds } from '../../src/index.js'
import { canonicalJson } from '../../src/audit/index.js'
import { fastCanonicalJson } from '../../src/audit/canonical-fast.js'

const outcome = (f: (v: unknown) => string | undefined, v: unknown): { text: string | undefined } | { error: true } => {
  try {
    return { text: f(v) }
  } catch {
    return { error: true }
  }
}

const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary' }), // lone surrogates included
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u0001', '\u001f', '\u007f', '\u2028', '\u2029', '\ud800', '\udbff', '\udc00', '\udfff', '"', '\\', '/', '\ufeff', 'é', '😀'.charAt(0), '😀') }),
  fc.constantFrom('', '__proto__', 'constructor', 'toJSON', '0', '9', '10', '01', '-1', '4294967295', '1e3', 'a\u0000b'),
)
const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.double(), // NaN, ±Infinity and -0 included
  fc.integer(),
  fc.maxSafeInteger(),
  fc.constantFrom(-0, 0, 1e21, 1e-7, 1e-6, 5e-324, -5e-324, 1.7976931348623157e308, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), 123456789012345680000, 0.1 + 0.2, 1e20, 1e-324),
)
const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null))
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, hostileLeaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(hostileString, tie('value'), { maxKeys: 6 }),
})).value

const agree = (v: unknown): void => {
  const oracle = outcome(canonicalize, v)
  // canonicalJson refuses what the library gives no text for (a register entry is a JSON value)
  expect(outcome(canonicalJson, v)).toEqual('text' in oracle && oracle.text === undefined ? { error: true } : oracle)
  const fast = outcome(fastCanonicalJson, v)
  // the fast path never throws; it agrees with the library or leaves the value to it
  expect('text' in fast).toBe(true)
  if ('text' in fast && fast.text !== undefined) expect(fast.text).toBe(canonicalize(v))
}

describe('canonical JSON, fast path against the canonicalize library', () => {
  it('agrees on hostile JSON values: lone surrogates, control characters, U+2028, -0, 1e21, 5e-324, large integers, index-like keys', () => {
    fc.assert(fc.property(hostileValue, agree), { numRuns: 3000 })
  })

  it('agrees on values that are not plain JSON (undefined, symbols, functions, toJSON, class instances, holes, deep nesting, cycles)', () => {
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic['self'] = cyclic
    let deep: unknown = 'leaf'
    for (let i = 0; i < 150; i++) deep = { d: deep }
    // eslint-disable-next-line no-sparse-arrays
    for (const v of [undefined, Symbol('s'), () => 1, 10n, { a: undefined, b: 1 }, [undefined, 1], [, 1], { toJSON: () => ({ z: 1, a: 2 }) }, new Date(0), new Map([[1, 2]]), Object.create(null), Object.assign(Object.create(null), { b: 1, a: 2 }), cyclic, deep, NaN, Infinity, '\ud800'])
      agree(v)
    fc.assert(fc.property(fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withObjectString: true }), agree), { numRuns: 1000 })
  })

  it('agrees on sealed free texts and near-misses of their shape (the short cut for sealed values): shuffled keys, a key missing or added, non-string or hostile values, null prototype', () => {
    const field = fc.oneof(hostileString, hostileValue)
    const nearSealed = fc
      .record({
        ciphertext: field,
        iv: field,
        record: fc.oneof(fc.uuid(), hostileString),
        sealed: fc.oneof(fc.constant('A256GCM'), fc.constant('A256GCM'), hostileValue),
        tag: field,
        extra: hostileValue,
      }, { requiredKeys: [] })
      .chain((r) => fc.shuffledSubarray(Object.keys(r), { minLength: Object.keys(r).length }).map((order) => Object.fromEntries(order.map((k) => [k, (r as Record<string, unknown>)[k]]))))
    const inEntry = fc.tuple(nearSealed, fc.boolean()).map(([v, bare]) => (bare ? Object.assign(Object.create(null), v) : { data: { subject: v, officials: [v] } }))
    fc.assert(fc.property(inEntry, agree), { numRuns: 3000 })
    const exact = { tag: 'dGFn', sealed: 'A256GCM', record: '0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee', iv: 'aXY=', ciphertext: 'Y3Q=' }
    expect(fastCanonicalJson({ subject: exact })).toBe('{"subject":{"ciphertext":"Y3Q=","iv":"aXY=","record":"0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee","sealed":"A256GCM","tag":"dGFn"}}')
    expect(fastCanonicalJson({ subject: { ...exact, tag: 'a\ud800' } })).toBeUndefined()
  })

  describe('over the entries of every event type', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-canon-'))
    const templates = new Map<string, unknown>()
    beforeAll(async () => {
      copyFileSync(join(__dirname, '..', 'fixtures', 'registers', 'v1', 'register.db'), join(dir, 'register.db'))
      copyFileSync(join(__dirname, '..', 'fixtures', 'registers', 'v1', 'register.db.keys'), join(dir, 'register.db.keys'))
      const opened = await openSqlite({ path: join(dir, 'register.db') })
      if (E.isLeft(opened)) throw new Error(opened.left.message)
      const entries = await opened.right.store.entries!({ from: 0, limit: 10_000 })()
      await opened.right.close()
      if (E.isLeft(entries)) throw new Error(entries.left.message)
      for (const { type, entry } of entries.right) {
        // every stored entry is plain JSON: the fast path answers, with the bytes stored
        expect(fastCanonicalJson(JSON.parse(entry))).toBe(entry)
        if (!templates.has(type)) templates.set(type, JSON.parse(entry))
      }
      // today's entries (current versions: sealed free texts, grants, proposals, settings) from the demo's history
      const store = memoryEventStore()
      const clock = fixedClock(DEMO_NOW)
      const ledger = createLedger({ store, keys: memoryKeyStore(), clock, ids: sequentialIds('de100000') })
      const entered = timeline(demoHistory(), DEMO_NOW)
      clock.set(entered[0]!.recordedAt)
      for (const grant of DEMO_GRANTS) await ledger.as('b.beheer').execute(grant)
      await ledger.as('b.beheer').execute({ command: 'configureRegister', payload: DEMO_SETTINGS })
      for (const { command, recordedAt } of entered) {
        clock.set(recordedAt)
        await ledger.execute(command)
      }
      const current = await store.entries!({ from: 0, limit: 10_000 })()
      if (E.isLeft(current)) throw new Error(current.left.message)
      for (const { type, entry } of current.right) {
        expect(fastCanonicalJson(JSON.parse(entry))).toBe(entry)
        // a type of both sources is tried in both shapes (version 1 and today's)
        templates.set(templates.has(type) && !templates.has(`${type} (current)`) ? `${type} (current)` : type, JSON.parse(entry))
      }
    })
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    it('the fixture register and the demo hold all but a few event types (the rest are plain JSON of the same shapes: strings, numbers, arrays, objects, sealed texts)', () => {
      const types = new Set([...templates.keys()].map((k) => k.replace(' (current)', '')))
      for (const type of types) expect(EVENT_TYPES).toContain(type)
      const missing = EVENT_TYPES.filter((t) => !types.has(t))
      // named, so that a new event type is noticed here: give it an entry in the demo or the fixture
      expect(missing.every((t) => ['ExclusionReviewed', 'ReportSharedConfidentially', 'RecipientAdded', 'RecipientRemoved', 'RecordRedacted', 'RoleRevoked', 'ProposalWithdrawn', 'VettingAdviceRetracted', 'OrganisationCorrected', 'ExclusionLifted', 'ReportSnapshotTaken', 'ReportPublished'].includes(t)), missing.join(', ')).toBe(true)
      expect(types.size).toBeGreaterThanOrEqual(24)
    })

    /** The template with its strings and numbers replaced, its keys in a shuffled insertion order. */
    const mutated = (template: unknown): fc.Arbitrary<unknown> => {
      if (typeof template === 'string') return fc.oneof(fc.constant(template), hostileString)
      if (typeof template === 'number') return fc.oneof(fc.constant(template), hostileNumber)
      if (Array.isArray(template)) return fc.tuple(...template.map(mutated))
      if (template !== null && typeof template === 'object') {
        const keys = Object.keys(template)
        return fc
          .tuple(fc.tuple(...keys.map((k) => mutated((template as Record<string, unknown>)[k]))), fc.shuffledSubarray(keys, { minLength: keys.length }))
          .map(([values, order]) => Object.fromEntries(order.map((k) => [k, values[keys.indexOf(k)]])))
      }
      return fc.constant(template)
    }

    it('agrees on each type’s entries with hostile strings and numbers in every field', () => {
      for (const template of templates.values()) fc.assert(fc.property(mutated(template), agree), { numRuns: 300 })
    })
  })
})
