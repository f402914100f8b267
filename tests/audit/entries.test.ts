/**
 * A prepared batch hashes its entries' texts directly: each leaf is the RFC 6962 leaf of the
 * entry's canonical bytes, and each text is exactly those bytes read as UTF-8, also for hostile
 * strings (control characters, U+2028, astral characters); a lone surrogate is refused as before.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { entryBytes } from '../../src/audit/canonical.js'
import { prepareBatch } from '../../src/audit/entries.js'
import { hashLeaf } from '../../src/audit/hash.js'
import { extendTree, frontierIds } from '../../src/audit/tree.js'
import type { NewEvent } from '../../src/domain/events.js'

const hostile = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: fc.constantFrom('\u0000', '\u001f', '\u2028', '\u2029', '\ufeff', '😀', 'é', '"', '\\') }))
const arbEvent = fc.record({ name: hostile, municipality: hostile, tag: hostile }).map(
  ({ name, municipality, tag }) =>
    ({
      type: 'OrganisationRegistered',
      data: { organisationId: '0a000000-0000-4000-8000-00000000000a', name, kind: 'religious-community', municipality },
      tags: [tag],
      meta: { recordedAt: '2025-01-01T00:00:00.000Z', command: 'registerOrganisation' },
    }) as unknown as NewEvent,
)

describe('prepareBatch', () => {
  it('its texts are the canonical bytes as UTF-8, and its nodes those of the leaves of those bytes', () => {
    fc.assert(
      fc.property(fc.nat({ max: 40 }), fc.array(arbEvent, { minLength: 1, maxLength: 6 }), (size, events) => {
        // a frontier for a tree of `size` leaves (any hashes: only the new nodes are compared)
        const before = extendTree(0, [], Array.from({ length: size }, (_, i) => hashLeaf(Buffer.from([i]))))
        const frontier = frontierOf(size, before)
        const batch = prepareBatch(size, frontier, events)
        const bytes = batch.events.map(entryBytes)
        expect(batch.texts).toEqual(bytes.map((b) => b.toString('utf8')))
        for (const [i, t] of batch.texts.entries()) expect(Buffer.from(t, 'utf8').equals(bytes[i]!)).toBe(true)
        expect(batch.nodes).toEqual(extendTree(size, frontier, bytes.map(hashLeaf)))
      }),
      { numRuns: 300 },
    )
  })

  it('refuses an entry with a lone surrogate, as the canonical bytes do (nothing is half-written)', () => {
    for (const bad of ['\ud800', 'a\udc00b']) {
      const [e] = fc.sample(arbEvent, { numRuns: 1, seed: 7 })
      const event = { ...e!, tags: [bad] } as NewEvent
      expect(() => entryBytes({ ...event, position: 0 } as never)).toThrow()
      expect(() => prepareBatch(0, [], [event])).toThrow()
    }
  })
})

/** The frontier hashes of a tree of `size` leaves, from its nodes. */
const frontierOf = (size: number, nodes: ReadonlyArray<{ level: number; index: number; hash: Uint8Array }>): Uint8Array[] =>
  frontierIds(size).map((id) => nodes.find((n) => n.level === id.level && n.index === id.index)!.hash)
