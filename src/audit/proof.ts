/**
 * RFC 9162 proofs from the stored tree: inclusion proofs, consistency proofs and the root at any
 * size. Every hash a proof needs is a range `[a, b)` of leaves that decomposes into stored
 * complete subtrees, so a proof costs O(log n) node reads, fetched with one `store.nodes` call.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import { storeError, type StoreError } from '../domain/errors.js'
import type { EventStore } from '../ports/event-store.js'
import { EMPTY_ROOT, hashChildren } from './hash.js'
import { nodeKey, type NodeId } from './tree.js'

// ---------------------------------------------------------------------------------------------
// model

/** A range of leaves `[from, to)` whose RFC 6962 subtree hash a proof needs. */
export interface LeafRange {
  readonly from: number
  readonly to: number
}

/** An inclusion proof with what a reader needs to check it (CLI.md, `prove inclusion`). */
export interface InclusionReceipt {
  readonly leafIndex: number
  readonly treeSize: number
  readonly leafHash: Uint8Array
  readonly rootHash: Uint8Array
  readonly proof: ReadonlyArray<Uint8Array>
}

/** A consistency proof with both roots (CLI.md, `prove consistency`). */
export interface ConsistencyReceipt {
  readonly oldSize: number
  readonly newSize: number
  readonly oldRoot: Uint8Array
  readonly newRoot: Uint8Array
  readonly proof: ReadonlyArray<Uint8Array>
}

// ---------------------------------------------------------------------------------------------
// ranges (pure)

/** The largest power of two strictly below `n` (n ≥ 2). */
const splitPoint = (n: number): number => {
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}

/**
 * The ranges whose hashes form the inclusion proof of leaf `index` in the tree of `size` leaves,
 * leaf's sibling first (RFC 9162 §2.1.3.1).
 *
 * @example
 * inclusionRanges(2, 8) // [{from:3,to:4},{from:0,to:2},{from:4,to:8}]
 */
export const inclusionRanges = (index: number, size: number): ReadonlyArray<LeafRange> => {
  const out: LeafRange[] = []
  let lo = 0
  let hi = size
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo)
    if (index < lo + k) {
      out.push({ from: lo + k, to: hi })
      hi = lo + k
    } else {
      out.push({ from: lo, to: lo + k })
      lo = lo + k
    }
  }
  return out.reverse()
}

/**
 * The ranges whose hashes form the consistency proof from `oldSize` to `newSize`
 * (RFC 9162 §2.1.4.1, SUBPROOF), for 0 < oldSize ≤ newSize.
 *
 * @example
 * consistencyRanges(3, 8) // [{from:2,to:3},{from:3,to:4},{from:0,to:2},{from:4,to:8}]
 */
export const consistencyRanges = (oldSize: number, newSize: number): ReadonlyArray<LeafRange> => {
  const out: LeafRange[] = []
  let lo = 0
  let hi = newSize
  let m = oldSize
  let complete = true
  while (m !== hi) {
    const k = splitPoint(hi - lo)
    if (m - lo <= k) {
      out.push({ from: lo + k, to: hi })
      hi = lo + k
    } else {
      out.push({ from: lo, to: lo + k })
      lo = lo + k
      complete = false
    }
  }
  if (!complete) out.push({ from: lo, to: hi })
  return out.reverse()
}

/**
 * The stored complete subtrees a range of leaves decomposes into, left to right. The range must
 * start at a multiple of a power of two at least its width (every proof range does).
 *
 * @example
 * rangeNodes({ from: 4, to: 7 }) // [{level:1,index:2},{level:0,index:6}]
 */
export const rangeNodes = (range: LeafRange): ReadonlyArray<NodeId> => {
  const out: NodeId[] = []
  let at = range.from
  for (let level = 52; level >= 0; level--) {
    const width = 2 ** level
    if (at + width <= range.to && at % width === 0) {
      out.push({ level, index: at / width })
      at += width
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// reading

const corrupt = (id: NodeId): StoreError =>
  storeError('corrupt', `the stored Merkle node ${nodeKey(id)} is missing; the tree is incomplete: run contact-ledger verify`)

/**
 * Reads the hashes of several leaf ranges with one `store.nodes` call.
 *
 * @example
 * const hashes = await rangeHashes(store, [{ from: 0, to: 5 }])()
 */
export const rangeHashes =
  (store: EventStore, ranges: ReadonlyArray<LeafRange>): TaskEither<StoreError, ReadonlyArray<Uint8Array>> =>
  async () => {
    const perRange = ranges.map(rangeNodes)
    const unique = new Map<string, NodeId>()
    for (const ids of perRange) for (const id of ids) unique.set(nodeKey(id), id)
    const ids = [...unique.values()]
    const read = ids.length === 0 ? E.right([] as ReadonlyArray<Uint8Array | undefined>) : await store.nodes(ids)()
    if (E.isLeft(read)) return read
    const byKey = new Map<string, Uint8Array | undefined>(ids.map((id, i) => [nodeKey(id), read.right[i]]))
    const out: Uint8Array[] = []
    for (const nodes of perRange) {
      if (nodes.length === 0) {
        out.push(EMPTY_ROOT)
        continue
      }
      const hashes: Uint8Array[] = []
      for (const id of nodes) {
        const h = byKey.get(nodeKey(id))
        if (h === undefined) return E.left(corrupt(id))
        hashes.push(h)
      }
      let acc = hashes[hashes.length - 1]!
      for (let i = hashes.length - 2; i >= 0; i--) acc = hashChildren(hashes[i]!, acc)
      out.push(acc)
    }
    return E.right(out)
  }

const outOfRange = (message: string): StoreError => storeError('unreadable', message)

const withSize =
  <A>(store: EventStore, check: (size: number) => string | undefined, then: () => TaskEither<StoreError, A>): TaskEither<StoreError, A> =>
  async () => {
    const size = await store.size()()
    if (E.isLeft(size)) return size
    const problem = check(size.right)
    return problem === undefined ? then()() : E.left(outOfRange(problem))
  }

const isCount = (n: number): boolean => Number.isSafeInteger(n) && n >= 0

const sizeProblem = (what: string, n: number, size: number): string | undefined =>
  !isCount(n) ? `${what} must be a whole number, got ${n}` : n > size ? `${what} ${n} is beyond the log, which has ${size} entries` : undefined

// ---------------------------------------------------------------------------------------------
// proofs

/**
 * The RFC 6962 root of the log's first `size` entries.
 *
 * @example
 * const root = await rootAt(store, 100)()
 */
export const rootAt = (store: EventStore, size: number): TaskEither<StoreError, Uint8Array> =>
  withSize(store, (n) => sizeProblem('the tree size', size, n), () => async () => {
    const r = await rangeHashes(store, [{ from: 0, to: size }])()
    return E.isLeft(r) ? r : E.right(r.right[0]!)
  })

/**
 * The RFC 9162 inclusion proof of entry `index` in the tree of `size` entries.
 *
 * @example
 * const proof = await inclusionProof(store, 3, 10)()
 */
export const inclusionProof = (store: EventStore, index: number, size: number): TaskEither<StoreError, ReadonlyArray<Uint8Array>> =>
  async () => {
    const r = await proveInclusion(store, index, size)()
    return E.isLeft(r) ? r : E.right(r.right.proof)
  }

/**
 * The inclusion proof of entry `index` in the tree of `size` entries, with the leaf hash and the
 * root, read with one `store.nodes` call.
 *
 * @example
 * const receipt = await proveInclusion(store, 3, 10)()
 */
export const proveInclusion = (store: EventStore, index: number, size: number): TaskEither<StoreError, InclusionReceipt> =>
  withSize(
    store,
    (n) =>
      sizeProblem('the tree size', size, n) ??
      (!isCount(index) || index >= size ? `position ${index} is not in a tree of ${size} entries; give a position below ${size}` : undefined),
    () => async () => {
      const ranges = [{ from: index, to: index + 1 }, { from: 0, to: size }, ...inclusionRanges(index, size)]
      const r = await rangeHashes(store, ranges)()
      if (E.isLeft(r)) return r
      const [leafHash, rootHash, ...proof] = r.right
      return E.right({ leafIndex: index, treeSize: size, leafHash: leafHash!, rootHash: rootHash!, proof })
    },
  )

/**
 * The RFC 9162 consistency proof that the tree of `fromSize` entries is a prefix of the tree of
 * `toSize` entries (empty when the sizes are equal or `fromSize` is 0).
 *
 * @example
 * const proof = await consistencyProof(store, 10, 25)()
 */
export const consistencyProof = (store: EventStore, fromSize: number, toSize: number): TaskEither<StoreError, ReadonlyArray<Uint8Array>> =>
  async () => {
    const r = await proveConsistency(store, fromSize, toSize)()
    return E.isLeft(r) ? r : E.right(r.right.proof)
  }

/**
 * The consistency proof from `fromSize` to `toSize` with both roots, read with one `store.nodes` call.
 *
 * @example
 * const receipt = await proveConsistency(store, 10, 25)()
 */
export const proveConsistency = (store: EventStore, fromSize: number, toSize: number): TaskEither<StoreError, ConsistencyReceipt> =>
  withSize(
    store,
    (n) =>
      sizeProblem('the new tree size', toSize, n) ??
      sizeProblem('the old tree size', fromSize, n) ??
      (fromSize > toSize ? `the old tree size ${fromSize} is larger than the new tree size ${toSize}` : undefined),
    () => async () => {
      const proofRanges = fromSize === 0 || fromSize === toSize ? [] : consistencyRanges(fromSize, toSize)
      const r = await rangeHashes(store, [{ from: 0, to: fromSize }, { from: 0, to: toSize }, ...proofRanges])()
      if (E.isLeft(r)) return r
      const [oldRoot, newRoot, ...proof] = r.right
      return E.right({ oldSize: fromSize, newSize: toSize, oldRoot: oldRoot!, newRoot: newRoot!, proof })
    },
  )
