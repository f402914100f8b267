/**
 * The SQLite register keys its Merkle tree nodes by their post-order position (RFC 6962 trees as
 * tlog numbers them): the leaf of entry `k` and every node it completes are the positions that
 * follow the nodes before them, so the nodes of one append are consecutive keys at the end of
 * the table, and a commit writes its tail page only. Leaves `a..b` and the nodes they complete are
 * one key range.
 */
import type { NodeId } from '../../src/store/index.js'

const TWO_32 = 2 ** 32

const bits = (x: number): number => {
  let n = 0
  for (let v = x >>> 0; v !== 0; v &= v - 1) n++
  return n
}

/** The one bits of `k` (0 ≤ k < 2^53), counted in two 32-bit halves. */
const ones = (k: number): number => bits(k % TWO_32) + bits(Math.floor(k / TWO_32))

/**
 * How many nodes a tree of `size` leaves stores (every complete, aligned subtree): the post-order
 * positions below it are exactly that tree's, so a stored node at or above it is a stray.
 *
 * @example
 * storedNodeCount(3) // 4: leaves 0, 1, 2 and node (1, 0)
 */
export const storedNodeCount = (size: number): number => 2 * size - ones(size)

/**
 * The post-order position of a node: the nodes of the complete subtrees left of its first leaf,
 * then its own subtree, whose root comes last.
 *
 * @example
 * postOrderOf({ level: 1, index: 1 }) // 5 (leaves 0, 1, node 1:0, leaves 2, 3, then it)
 */
export const postOrderOf = (id: NodeId): number => {
  const width = 2 ** id.level
  return storedNodeCount(id.index * width) + 2 * width - 2
}

/**
 * The node at a post-order position (the inverse of `postOrderOf`).
 *
 * @example
 * nodeAtPostOrder(5) // { level: 1, index: 1 }
 */
export const nodeAtPostOrder = (position: number): NodeId => {
  let p = position
  let leaves = 0
  for (;;) {
    // the largest perfect subtree starting here whose 2^(h+1) - 1 nodes end at or before p
    let h = 0
    while (2 ** (h + 2) - 1 <= p + 1) h++
    const nodes = 2 ** (h + 1) - 1
    if (p === nodes - 1) return { level: h, index: leaves / 2 ** h }
    p -= nodes
    leaves += 2 ** h
  }
}
