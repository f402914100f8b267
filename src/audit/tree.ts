/**
 * The stored Merkle tree: every complete, aligned subtree's hash is kept as a node
 * `(level, index)` covering leaves `[index·2^level, (index+1)·2^level)`. Appending leaves adds the
 * nodes they complete; the root of any size, and every proof, needs O(log n) node reads.
 */
import type { NodeId, TreeNode } from '../ports/tree-node.js'
import { EMPTY_ROOT, hashChildren } from './hash.js'

// ---------------------------------------------------------------------------------------------
// model

export type { NodeId, TreeNode } from '../ports/tree-node.js'

/** Reads stored nodes; `undefined` where a node is missing. */
export type NodeReader = (ids: ReadonlyArray<NodeId>) => Promise<ReadonlyArray<Uint8Array | undefined>>

/** A stable string key for a node. @example nodeKey({ level: 1, index: 2 }) === '1:2' */
export const nodeKey = (n: NodeId): string => `${n.level}:${n.index}`

// ---------------------------------------------------------------------------------------------
// combinators

/**
 * The complete subtrees a tree of `size` leaves decomposes into, largest (leftmost) first.
 *
 * @example
 * frontierIds(6) // [{ level: 2, index: 0 }, { level: 1, index: 2 }]
 */
export const frontierIds = (size: number): ReadonlyArray<NodeId> => {
  const out: NodeId[] = []
  let covered = 0
  // start at the highest set bit of size (a register below 2^31 entries: one instruction)
  const top = size <= 0 ? -1 : size < 2 ** 31 ? 31 - Math.clz32(size) : 52
  for (let level = top; level >= 0; level--) {
    const width = 2 ** level
    if (Math.floor(size / width) % 2 === 1) {
      out.push({ level, index: covered / width })
      covered += width
    }
  }
  return out
}

/**
 * The nodes that appending `leafHashes` to a tree of `size` leaves completes (the leaves included).
 * `frontier` holds the hashes of `frontierIds(size)`, in that order.
 *
 * @example
 * const added = extendTree(0, [], [hashLeaf(a), hashLeaf(b)]) // leaves 0, 1 and node (1, 0)
 */
export const extendTree = (
  size: number,
  frontier: ReadonlyArray<Uint8Array>,
  leafHashes: ReadonlyArray<Uint8Array>,
): ReadonlyArray<TreeNode> => {
  const known = new Map<string, Uint8Array>()
  frontierIds(size).forEach((id, i) => {
    const h = frontier[i]
    if (h === undefined) throw new RangeError(`frontier node ${nodeKey(id)} of a tree of size ${size} is missing`)
    known.set(nodeKey(id), h)
  })
  const added: TreeNode[] = []
  let n = size
  for (const leaf of leafHashes) {
    let level = 0
    let index = n
    let hash: Uint8Array = leaf
    known.set(nodeKey({ level, index }), hash)
    added.push({ level, index, hash })
    while (index % 2 === 1) {
      const left = known.get(nodeKey({ level, index: index - 1 }))
      if (left === undefined) throw new RangeError(`node ${level}:${index - 1} is missing`)
      hash = hashChildren(left, hash)
      level += 1
      index = (index - 1) / 2
      known.set(nodeKey({ level, index }), hash)
      added.push({ level, index, hash })
    }
    n += 1
  }
  return added
}

/**
 * The RFC 6962 root of a tree whose frontier hashes (`frontierIds(size)` order) are given.
 *
 * @example
 * rootFromFrontier(await read(frontierIds(size)))
 */
export const rootFromFrontier = (frontier: ReadonlyArray<Uint8Array>): Uint8Array => {
  if (frontier.length === 0) return EMPTY_ROOT
  let acc = frontier[frontier.length - 1]!
  for (let i = frontier.length - 2; i >= 0; i--) acc = hashChildren(frontier[i]!, acc)
  return acc
}

/**
 * The frontier after an append: the hashes of `frontierIds(size + added)`, taken from the
 * frontier before it (`frontierIds(size)`) and the nodes the append made. Lets a writer that
 * holds the frontier skip reading it again for its next append.
 *
 * @example
 * const next = frontierAfter(size, frontier, batch.nodes, batch.events.length)
 */
export const frontierAfter = (size: number, frontier: ReadonlyArray<Uint8Array>, made: ReadonlyArray<TreeNode>, added: number): Uint8Array[] => {
  const before = frontierIds(size)
  // a few nodes on each side: scans beat a map of string keys built per append
  return frontierIds(size + added).map(({ level, index }) => {
    for (let k = made.length - 1; k >= 0; k--) if (made[k]!.level === level && made[k]!.index === index) return made[k]!.hash
    for (let k = 0; k < before.length; k++) if (before[k]!.level === level && before[k]!.index === index) return frontier[k]!
    throw new Error(`frontierAfter: node ${nodeKey({ level, index })} is neither in the old frontier nor made by the append`)
  })
}
