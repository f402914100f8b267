/**
 * The frontier a writer keeps after its own append (`frontierAfter`) is the frontier read back
 * from every node stored: for any size and any batch, including sizes past a power of two.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hashLeafText } from '../../src/audit/hash.js'
import { extendTree, frontierAfter, frontierIds, nodeKey } from '../../src/audit/tree.js'

const hex = (hs: ReadonlyArray<Uint8Array>): string[] => hs.map((h) => Buffer.from(h).toString('hex'))

describe('frontierAfter', () => {
  it('equals the frontier of the grown tree, read from all its nodes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 40 }), (size, added) => {
        const nodes = new Map<string, Uint8Array>()
        const frontierOf = (n: number) => frontierIds(n).map((id) => nodes.get(nodeKey(id))!)
        for (let i = 0; i < size; i++) for (const node of extendTree(i, frontierOf(i), [hashLeafText(`e${i}`)])) nodes.set(nodeKey(node), node.hash)
        const before = frontierOf(size)
        const made = extendTree(size, before, Array.from({ length: added }, (_, k) => hashLeafText(`e${size + k}`)))
        for (const node of made) nodes.set(nodeKey(node), node.hash)
        expect(hex(frontierAfter(size, before, made, added))).toEqual(hex(frontierOf(size + added)))
      }),
      { numRuns: 150 },
    )
  })

  it('names a node that is neither kept nor made', () => {
    expect(() => frontierAfter(3, [], [], 1)).toThrow(/node .* is neither in the old frontier nor made/)
  })
})
