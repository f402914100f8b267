/**
 * RFC 9162 proof verification (§2.1.3.2 inclusion, §2.1.4.2 consistency): pure functions that
 * return `Right` when the proof holds and `Left` with the reason when it does not. Indexes and
 * sizes may be `bigint`, so uint64 values above 2^53 are checked without losing precision.
 */
import * as E from 'fp-ts/lib/Either.js'
import { hashChildren } from './hash.js'

// ---------------------------------------------------------------------------------------------
// model

/** Why a proof does not verify. */
export interface ProofInvalid {
  readonly _tag: 'ProofInvalid'
  readonly message: string
}

/** A whole number, as a `number` (safe integer) or a `bigint`. */
export type Count = number | bigint

const HASH_SIZE = 32

const invalid = (message: string): ProofInvalid => ({ _tag: 'ProofInvalid', message })

// ---------------------------------------------------------------------------------------------
// utils

const big = (n: Count): bigint => (typeof n === 'bigint' ? n : BigInt(n))

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])

const hashProblem = (what: string, h: Uint8Array): string | undefined =>
  h.length === HASH_SIZE ? undefined : `${what} has ${h.length} bytes, a SHA-256 hash has ${HASH_SIZE}`

const proofProblem = (proof: ReadonlyArray<Uint8Array>): string | undefined => {
  for (let i = 0; i < proof.length; i++) {
    const p = hashProblem(`proof[${i}]`, proof[i]!)
    if (p !== undefined) return p
  }
  return undefined
}

const countProblem = (what: string, n: bigint): string | undefined =>
  n < 0n || n >= 1n << 64n ? `${what} ${n} is not a uint64` : undefined

// ---------------------------------------------------------------------------------------------
// inclusion

/**
 * Computes the root an inclusion proof implies for a leaf hash (RFC 9162 §2.1.3.2).
 *
 * @example
 * rootFromInclusionProof(2, 8, leafHash, proof) // Right(root) when the proof is well-formed
 */
export const rootFromInclusionProof = (
  index: Count,
  size: Count,
  leafHash: Uint8Array,
  proof: ReadonlyArray<Uint8Array>,
): E.Either<ProofInvalid, Uint8Array> => {
  const leafIndex = big(index)
  const treeSize = big(size)
  const problem =
    countProblem('the leaf index', leafIndex) ??
    countProblem('the tree size', treeSize) ??
    (leafIndex >= treeSize ? `leaf index ${leafIndex} is not below the tree size ${treeSize}` : undefined) ??
    hashProblem('the leaf hash', leafHash) ??
    proofProblem(proof)
  if (problem !== undefined) return E.left(invalid(problem))
  let fn = leafIndex
  let sn = treeSize - 1n
  let r: Uint8Array = leafHash
  for (const p of proof) {
    if (sn === 0n) return E.left(invalid(`the proof has ${proof.length} hashes, more than a tree of size ${treeSize} needs`))
    if ((fn & 1n) === 1n || fn === sn) {
      r = hashChildren(p, r)
      if ((fn & 1n) === 0n) while ((fn & 1n) === 0n && fn !== 0n) (fn >>= 1n), (sn >>= 1n)
    } else r = hashChildren(r, p)
    fn >>= 1n
    sn >>= 1n
  }
  if (sn !== 0n) return E.left(invalid(`the proof has ${proof.length} hashes, fewer than a tree of size ${treeSize} needs`))
  return E.right(r)
}

/**
 * Verifies that `leafHash` is leaf `index` of the tree of `size` leaves with root `root`.
 *
 * @example
 * E.isRight(verifyInclusion(2, 8, leafHash, proof, root))
 */
export const verifyInclusion = (
  index: Count,
  size: Count,
  leafHash: Uint8Array,
  proof: ReadonlyArray<Uint8Array>,
  root: Uint8Array,
): E.Either<ProofInvalid, void> => {
  const rootProblem = hashProblem('the root', root)
  if (rootProblem !== undefined) return E.left(invalid(rootProblem))
  const computed = rootFromInclusionProof(index, size, leafHash, proof)
  if (E.isLeft(computed)) return computed
  return sameBytes(computed.right, root)
    ? E.right(undefined)
    : E.left(invalid(`the inclusion proof of leaf ${index} leads to a different root than the tree of size ${size}`))
}

// ---------------------------------------------------------------------------------------------
// consistency

/**
 * Verifies that the tree of `oldSize` leaves with root `oldRoot` is a prefix of the tree of
 * `newSize` leaves with root `newRoot` (RFC 9162 §2.1.4.2). Equal sizes need an empty proof and
 * equal roots; a proof from the empty tree proves nothing and is refused (as transparency-dev/merkle).
 *
 * @example
 * E.isRight(verifyConsistency(3, 8, proof, oldRoot, newRoot))
 */
export const verifyConsistency = (
  oldSize: Count,
  newSize: Count,
  proof: ReadonlyArray<Uint8Array>,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
): E.Either<ProofInvalid, void> => {
  const first = big(oldSize)
  const second = big(newSize)
  const problem =
    countProblem('the old size', first) ??
    countProblem('the new size', second) ??
    (second < first ? `the new size ${second} is smaller than the old size ${first}` : undefined) ??
    (first === 0n ? 'every tree extends the empty tree: a consistency proof from size 0 proves nothing' : undefined)
  if (problem !== undefined) return E.left(invalid(problem))
  if (first === second) {
    if (proof.length > 0) return E.left(invalid('the sizes are equal, so the proof must be empty'))
    return sameBytes(oldRoot, newRoot) ? E.right(undefined) : E.left(invalid(`two different roots for the tree of size ${first}`))
  }
  const malformed = hashProblem('the old root', oldRoot) ?? hashProblem('the new root', newRoot) ?? proofProblem(proof)
  if (malformed !== undefined) return E.left(invalid(malformed))
  if (proof.length === 0) return E.left(invalid('the proof is empty'))
  const path = (first & (first - 1n)) === 0n ? [oldRoot, ...proof] : [...proof]
  let fn = first - 1n
  let sn = second - 1n
  while ((fn & 1n) === 1n) (fn >>= 1n), (sn >>= 1n)
  let fr = path[0]!
  let sr = path[0]!
  for (const c of path.slice(1)) {
    if (sn === 0n) return E.left(invalid(`the proof has more hashes than sizes ${first} and ${second} need`))
    if ((fn & 1n) === 1n || fn === sn) {
      fr = hashChildren(c, fr)
      sr = hashChildren(c, sr)
      if ((fn & 1n) === 0n) while ((fn & 1n) === 0n && fn !== 0n) (fn >>= 1n), (sn >>= 1n)
    } else sr = hashChildren(sr, c)
    fn >>= 1n
    sn >>= 1n
  }
  if (sn !== 0n) return E.left(invalid(`the proof has fewer hashes than sizes ${first} and ${second} need`))
  if (!sameBytes(fr, oldRoot)) return E.left(invalid(`the proof does not lead to the old root of the tree of size ${first}`))
  if (!sameBytes(sr, newRoot)) return E.left(invalid(`the proof does not lead to the new root of the tree of size ${second}`))
  return E.right(undefined)
}
