/**
 * Proofs from the stored tree, for every pair of sizes in a 100-entry log, checked with an
 * independent verifier written here (the decomposition of transparency-dev/merkle, not the
 * RFC 9162 loop the production code uses).
 */
import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { memoryEventStore } from '../../adapters/memory/index.js'
import { entryBytes } from '../../src/audit/canonical.js'
import { consistencyProof, inclusionProof, proveConsistency, proveInclusion, rootAt } from '../../src/audit/proof.js'
import type { EventStore } from '../../src/ports/event-store.js'
import { fillLog, newLedger } from '../fixtures/domain.js'

// ---------------------------------------------------------------------------------------------
// an independent RFC 9162 verifier

const sha = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256')
  for (const p of parts) h.update(p)
  return h.digest()
}
const node = (l: Uint8Array, r: Uint8Array) => sha(Buffer.from([1]), l, r)
const bitLen = (n: number) => (n === 0 ? 0 : Math.floor(Math.log2(n)) + 1)
const ones = (n: number) => n.toString(2).split('').filter((c) => c === '1').length
const trailingZeros = (n: number) => {
  let z = 0
  while (n % 2 === 0 && n > 0) (n /= 2), z++
  return z
}
const decomp = (index: number, size: number) => {
  const inner = bitLen(index ^ (size - 1))
  return { inner, border: ones(Math.floor(index / 2 ** inner)) }
}
const chainInner = (seed: Uint8Array, proof: Uint8Array[], index: number) =>
  proof.reduce((acc, h, i) => (Math.floor(index / 2 ** i) % 2 === 0 ? node(acc, h) : node(h, acc)), seed)
const chainInnerRight = (seed: Uint8Array, proof: Uint8Array[], index: number) =>
  proof.reduce((acc, h, i) => (Math.floor(index / 2 ** i) % 2 === 1 ? node(h, acc) : acc), seed)
const chainBorderRight = (seed: Uint8Array, proof: Uint8Array[]) => proof.reduce((acc, h) => node(h, acc), seed)
const eq = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0

const checkInclusion = (index: number, size: number, leaf: Uint8Array, proof: Uint8Array[], root: Uint8Array): boolean => {
  if (index >= size) return false
  const { inner, border } = decomp(index, size)
  if (proof.length !== inner + border) return false
  return eq(chainBorderRight(chainInner(leaf, proof.slice(0, inner), index), proof.slice(inner)), root)
}

const checkConsistency = (size1: number, size2: number, proof: Uint8Array[], root1: Uint8Array, root2: Uint8Array): boolean => {
  if (size1 === size2) return proof.length === 0 && eq(root1, root2)
  if (size1 === 0 || size1 > size2) return false
  const shift = trailingZeros(size1)
  const d = decomp(size1 - 1, size2)
  const inner = d.inner - shift
  const [seed, start] = size1 === 2 ** shift ? [root1, 0] : [proof[0]!, 1]
  if (proof.length !== start + inner + d.border) return false
  const rest = proof.slice(start)
  const mask = Math.floor((size1 - 1) / 2 ** shift)
  const h1 = chainBorderRight(chainInnerRight(seed, rest.slice(0, inner), mask), rest.slice(inner))
  const h2 = chainBorderRight(chainInner(seed, rest.slice(0, inner), mask), rest.slice(inner))
  return eq(h1, root1) && eq(h2, root2)
}

/** The naive recursive RFC 6962 root of leaves [from, to). */
const mth = (leaves: Uint8Array[]): Uint8Array => {
  if (leaves.length === 0) return sha()
  if (leaves.length === 1) return leaves[0]!
  let k = 1
  while (k * 2 < leaves.length) k *= 2
  return node(mth(leaves.slice(0, k)), mth(leaves.slice(k)))
}

// ---------------------------------------------------------------------------------------------

const right = async <A>(te: () => Promise<E.Either<{ message: string }, A>>): Promise<A> => {
  const r = await te()
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right
}

/** Counts `nodes` calls, to show each proof reads the tree once. */
const counting = (store: EventStore) => {
  const calls = { n: 0 }
  return { calls, store: { ...store, nodes: (ids: Parameters<EventStore['nodes']>[0]) => (calls.n++, store.nodes(ids)) } as EventStore }
}

describe('proofs from the stored tree of a 100-entry log', () => {
  const N = 100
  const store = memoryEventStore()
  let leaves: Uint8Array[] = []
  beforeAll(async () => {
    await fillLog(newLedger(store), N)
    const events = await right(store.read())
    leaves = events.map((e) => sha(Buffer.from([0]), entryBytes(e)))
  })

  it('gives the RFC 6962 root at every size 0..100', async () => {
    for (let size = 0; size <= N; size++) expect(Buffer.from(await right(rootAt(store, size)))).toEqual(Buffer.from(mth(leaves.slice(0, size))))
  })

  it('gives an inclusion proof of every entry in every tree size that the independent verifier accepts', async () => {
    for (let size = 1; size <= N; size++) {
      const root = mth(leaves.slice(0, size))
      for (let index = 0; index < size; index++) {
        const proof = [...(await right(inclusionProof(store, index, size)))]
        expect(checkInclusion(index, size, leaves[index]!, proof, root), `inclusion ${index} in ${size}`).toBe(true)
        if (index + 1 < size) expect(checkInclusion(index + 1, size, leaves[index]!, proof, root)).toBe(false)
      }
    }
  })

  it('gives a consistency proof for every pair of sizes 1 ≤ m ≤ n ≤ 100 that the independent verifier accepts', async () => {
    const roots = Array.from({ length: N + 1 }, (_, n) => mth(leaves.slice(0, n)))
    for (let n = 1; n <= N; n++)
      for (let m = 1; m <= n; m++) {
        const proof = [...(await right(consistencyProof(store, m, n)))]
        expect(checkConsistency(m, n, proof, roots[m]!, roots[n]!), `consistency ${m} → ${n}`).toBe(true)
        if (m < n) expect(checkConsistency(m, n, proof, roots[m - 1]!, roots[n]!)).toBe(false)
      }
  })

  it('reads the tree with one nodes call per proof and returns leaf hash and roots with it', async () => {
    const { calls, store: s } = counting(store)
    const inc = await right(proveInclusion(s, 37, 91))
    expect(calls.n).toBe(1)
    expect(Buffer.from(inc.leafHash)).toEqual(Buffer.from(leaves[37]!))
    expect(Buffer.from(inc.rootHash)).toEqual(Buffer.from(mth(leaves.slice(0, 91))))
    const con = await right(proveConsistency(s, 13, 77))
    expect(calls.n).toBe(2)
    expect(Buffer.from(con.oldRoot)).toEqual(Buffer.from(mth(leaves.slice(0, 13))))
    expect(Buffer.from(con.newRoot)).toEqual(Buffer.from(mth(leaves.slice(0, 77))))
  })

  it('refuses sizes beyond the log and positions outside the tree with a message that says why', async () => {
    const beyond = await proveInclusion(store, 3, N + 1)()
    expect(beyond).toMatchObject({ _tag: 'Left', left: { _tag: 'StoreError', message: expect.stringContaining('beyond the log') } })
    const outside = await proveInclusion(store, 10, 10)()
    expect(outside).toMatchObject({ _tag: 'Left', left: { message: expect.stringContaining('position 10 is not in a tree of 10') } })
    const backwards = await proveConsistency(store, 20, 10)()
    expect(backwards).toMatchObject({ _tag: 'Left', left: { message: expect.stringContaining('larger than') } })
  })

  it('names the missing node when the stored tree is incomplete', async () => {
    const holed: EventStore = { ...store, nodes: (ids) => async () => E.right(ids.map(() => undefined)) }
    const r = await rootAt(holed, 5)()
    expect(r).toMatchObject({ _tag: 'Left', left: { _tag: 'StoreError', reason: 'corrupt', message: expect.stringContaining('node 2:0') } })
  })
})
