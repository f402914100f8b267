/**
 * The SQLite register keys tree nodes by post-order position: a bijection with (level, index),
 * where the nodes one append completes are the next keys after those of the tree it extends.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { nodeAtPostOrder, postOrderOf, storedNodeCount } from '../../adapters/sqlite/post-order.js'
import { hashLeafText } from '../../src/audit/hash.js'
import { extendTree, frontierIds, nodeKey, type NodeId } from '../../src/audit/tree.js'

describe('post-order positions of tree nodes', () => {
  it('number the first nodes as RFC 6962 / tlog do', () => {
    const ids: NodeId[] = [
      { level: 0, index: 0 },
      { level: 0, index: 1 },
      { level: 1, index: 0 },
      { level: 0, index: 2 },
      { level: 0, index: 3 },
      { level: 1, index: 1 },
      { level: 2, index: 0 },
      { level: 0, index: 4 },
    ]
    expect(ids.map(postOrderOf)).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(nodeAtPostOrder)).toEqual(ids)
  })

  it('are a bijection with (level, index), up to registers of 2^50 entries', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.double({ min: 0, max: 1, noNaN: true }), (level, at) => {
        const index = Math.floor(at * (2 ** (50 - level) - 1))
        const p = postOrderOf({ level, index })
        expect(Number.isSafeInteger(p)).toBe(true)
        expect(nodeAtPostOrder(p)).toEqual({ level, index })
      }),
    )
    fc.assert(fc.property(fc.maxSafeNat().map((n) => n % 2 ** 51), (p) => {
        expect(postOrderOf(nodeAtPostOrder(p))).toBe(p)
      }))
  })

  it('put the nodes each append completes right after the tree it extends, one batch or one entry at a time', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 40 }), (batches) => {
        const stored = new Map<string, Uint8Array>()
        let size = 0
        for (const count of batches) {
          const frontier = frontierIds(size).map((id) => stored.get(nodeKey(id))!)
          const made = extendTree(size, frontier, Array.from({ length: count }, (_, i) => hashLeafText(`e${size + i}`)))
          const keys = made.map(postOrderOf).sort((a, b) => a - b)
          expect(keys).toEqual(Array.from({ length: keys.length }, (_, i) => storedNodeCount(size) + i))
          for (const n of made) stored.set(nodeKey(n), n.hash)
          size += count
          expect(storedNodeCount(size)).toBe(stored.size)
        }
      }),
    )
  })
})
