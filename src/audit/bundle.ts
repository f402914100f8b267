/**
 * Offline verification of an audit bundle (what `export --out DIR` writes): every line of
 * `entries.jsonl` is the canonical bytes of entry i, its leaf is `SHA-256(0x00 || line)`, every
 * checkpoint matches the root the entries give at its size and carries a signature of a pinned
 * key, and, where the bundle has `leaves.txt` (the register's stored leaf hashes), an altered
 * entry is named by its own position: the first line whose leaf is not the signed tree's. Streams
 * the entries: constant memory.
 */
import * as E from 'fp-ts/lib/Either.js'
import { decodeStored } from '../domain/events.js'
import { canonicalJson } from './canonical.js'
import { parseCheckpoint, type Checkpoint } from './checkpoint.js'
import { emptyFrontier, frontierRoot, pushLeaf } from './frontier.js'
import { hashLeaf } from './hash.js'
import type { Verifier } from './note.js'
import { verificationFailure, type VerificationFailure, type VerificationResult } from './result.js'
import { keptRootFailure, keptSizeFailure, openCheckpoint } from './trust.js'
import { checkpointAgainst, signatureTally } from './verify.js'

/** A checkpoint file of a bundle: its name (for messages) and its signed note. */
export interface BundleCheckpoint {
  readonly file: string
  readonly note: string
  /** The tree size its file name claims (`checkpoints/<size>.note`), when it claims one. */
  readonly claimedSize?: number
}

/** What a bundle holds, as the caller reads it. */
export interface BundleInput {
  /** The lines of `entries.jsonl`, without their newline. */
  readonly entries: AsyncIterable<string>
  /** The latest checkpoint (`checkpoint`): its size must be the number of entries. */
  readonly latest: BundleCheckpoint
  readonly checkpoints: ReadonlyArray<BundleCheckpoint>
  /**
   * The lines of `leaves.txt` (line i: the hex leaf hash of entry i as the register's tree stores
   * it), when the bundle has one: a failure then names the first entry whose bytes do not match.
   */
  readonly leaves?: AsyncIterable<string>
  /** @deprecated A single trusted key; give `verifiers` in the options instead. Never the bundle's own `key.vkey`. */
  readonly verifier?: Verifier
}

/** What to check a bundle against. */
export interface BundleOptions {
  /**
   * The keys one trusts (the published verifier key, pinned): every checkpoint must carry a
   * signature of one of them. Without them (and without `input.verifier`), only roots are checked.
   */
  readonly verifiers?: ReadonlyArray<Verifier>
  /** A signed checkpoint note the auditor kept from before: the bundle's log must extend it. */
  readonly since?: string
}

const sizeOf = (note: string): number | undefined => {
  const cp = parseCheckpoint(note.slice(0, note.lastIndexOf('\n\n') + 1))
  return E.isRight(cp) ? cp.right.treeSize : undefined
}

const hex = (h: Uint8Array): string => Buffer.from(h).toString('hex')
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0

/** The line-by-line checks of one line of entries.jsonl: the reason it is not entry `i`, if any. */
const lineProblem = (line: string, i: number): string | undefined => {
  let record: unknown
  try {
    record = JSON.parse(line)
  } catch {
    return `line ${i + 1} of entries.jsonl is not JSON`
  }
  if (canonicalJson(record) !== line) return `line ${i + 1} of entries.jsonl is not in RFC 8785 canonical form`
  const position = (record as { position?: unknown }).position
  if (position !== i) return `line ${i + 1} of entries.jsonl holds position ${String(position)}, not ${i}`
  if (decodeStored(record)._tag === 'Left') return `line ${i + 1} of entries.jsonl is not a register event`
  return undefined
}

/** Reads `leaves.txt` alongside the entries: the tree's leaf at each position, or why there is none. */
const leafReader = (leaves: AsyncIterable<string> | undefined) => {
  const it = leaves?.[Symbol.asyncIterator]()
  return {
    present: it !== undefined,
    next: async (i: number): Promise<Uint8Array | string> => {
      if (it === undefined) return 'no leaves.txt'
      const r = await it.next()
      if (r.done === true) return `leaves.txt ends before line ${i + 1}`
      return /^[0-9a-f]{64}$/.test(r.value) ? Buffer.from(r.value, 'hex') : `line ${i + 1} of leaves.txt is not a hex SHA-256 hash`
    },
    rest: async (): Promise<boolean> => (it === undefined ? false : (await it.next()).done !== true),
  }
}

/**
 * Verifies a bundle against the pinned keys; the result names the first failing position (with
 * `leaves.txt`, the first altered entry itself, not only the checkpoint it breaks).
 *
 * @example
 * const pinned = parseVerifierKey(publishedKeyLine) // the ministry's published key, not the bundle's key.vkey
 * if (E.isRight(pinned)) {
 *   const r = await verifyBundle({ entries, leaves, latest, checkpoints }, { verifiers: [pinned.right], since: keptNote })
 *   if (r._tag === 'VerificationFailure') console.log(r.message)
 * }
 */
export const verifyBundle = async (input: BundleInput, options: BundleOptions = {}): Promise<VerificationResult> => {
  const keys = options.verifiers ?? (input.verifier === undefined ? undefined : [input.verifier])
  let kept: Checkpoint | undefined
  if (options.since !== undefined) {
    const opened = openCheckpoint(options.since, keys)
    if (E.isLeft(opened)) return verificationFailure(0, 'rollback', `the kept checkpoint: ${opened.left.message}`)
    kept = opened.right.checkpoint
  }
  const all = [input.latest, ...input.checkpoints].map((c) => ({ ...c, size: sizeOf(c.note) }))
  for (const c of all) {
    if (c.size === undefined) return verificationFailure(0, 'checkpoint', `${c.file} is not a checkpoint note`)
    if (c.claimedSize !== undefined && c.claimedSize !== c.size)
      return verificationFailure(Math.max(c.size - 1, 0), 'checkpoint', `${c.file} holds the checkpoint of size ${c.size}`)
  }
  // the latest checkpoint is usually also checkpoints/<size>.note: count each signed note once
  const distinct = all.filter((c, k) => all.findIndex((d) => d.note === c.note) === k)
  const bySize = distinct.sort((a, b) => a.size! - b.size!)
  const signed = signatureTally()
  const entriesTree = emptyFrontier()
  const storedTree = emptyFrontier()
  const leaves = leafReader(input.leaves)
  let treeBroken: string | undefined
  let firstMismatch: { i: number; entry: Uint8Array; tree: Uint8Array } | undefined
  let next = 0
  let i = 0

  /** A root failure at `size`: the first altered entry when the stored tree vouches for itself there. */
  const localised = (size: number, vouches: (root: Uint8Array) => boolean, fallback: VerificationFailure): VerificationFailure => {
    if (firstMismatch === undefined || treeBroken !== undefined || !vouches(frontierRoot(storedTree))) {
      return leaves.present || fallback.kind !== 'checkpoint' ? fallback : { ...fallback, message: `${fallback.message} (no leaves.txt in this bundle to name the entry)` }
    }
    const m = firstMismatch
    return verificationFailure(
      m.i,
      'entry',
      `line ${m.i + 1} of entries.jsonl is not entry ${m.i} of the signed log: its leaf hash is ${hex(m.entry)}, the tree's leaf ${m.i} is ${hex(m.tree)} (the tree matches the checkpoint at size ${size}); the entry was altered`,
    )
  }

  const at = (size: number): VerificationFailure | undefined => {
    if (kept !== undefined && kept.treeSize === size) {
      const k = kept
      const f = keptRootFailure(k, frontierRoot(entriesTree))
      if (f !== undefined) return localised(size, (root) => same(root, k.rootHash), f)
    }
    while (next < bySize.length && bySize[next]!.size === size) {
      const c = bySize[next]!
      const root = frontierRoot(entriesTree)
      const checked = checkpointAgainst({ treeSize: size, note: c.note }, root, keys)
      if (checked.failure !== undefined) {
        const f = checked.failure
        const named = { ...f, reason: `${c.file}: ${f.reason}`, message: `${f.message} (${c.file})` }
        return localised(size, (treeRoot) => checkpointAgainst({ treeSize: size, note: c.note }, treeRoot, keys).failure === undefined, named)
      }
      if (firstMismatch !== undefined && treeBroken === undefined)
        return verificationFailure(
          firstMismatch.i,
          'tree',
          `line ${firstMismatch.i + 1} of leaves.txt is not the leaf of entry ${firstMismatch.i}, which ${c.file} vouches for: leaves.txt was altered`,
        )
      signed.add(size, root, checked.by)
      next++
    }
    return undefined
  }

  const zero = at(0)
  if (zero !== undefined) return zero
  for await (const line of input.entries) {
    const problem = lineProblem(line, i)
    if (problem !== undefined) return verificationFailure(i, 'entry', problem)
    const leaf = hashLeaf(Buffer.from(line, 'utf8'))
    if (leaves.present && treeBroken === undefined) {
      const tree = await leaves.next(i)
      if (typeof tree === 'string') treeBroken = tree
      else {
        pushLeaf(storedTree, tree)
        if (firstMismatch === undefined && !same(tree, leaf)) firstMismatch = { i, entry: leaf, tree }
      }
    }
    pushLeaf(entriesTree, leaf)
    i++
    const failure = at(i)
    if (failure !== undefined) return failure
  }
  if (next < bySize.length) {
    const c = bySize[next]!
    return verificationFailure(i, 'checkpoint', `${c.file} is a checkpoint of size ${c.size} but entries.jsonl has only ${i} entries`)
  }
  if (sizeOf(input.latest.note) !== i)
    return verificationFailure(Math.max(i - 1, 0), 'checkpoint', `checkpoint is of size ${sizeOf(input.latest.note)} but entries.jsonl has ${i} entries`)
  if (treeBroken === undefined && (await leaves.rest()))
    return verificationFailure(i, 'entry', `leaves.txt has a leaf at position ${i} but entries.jsonl ends there: entries were removed from the end`)
  if (kept !== undefined) {
    const short = keptSizeFailure(kept, i)
    if (short !== undefined) return short
  }
  return {
    _tag: 'Verified',
    treeSize: i,
    rootHash: frontierRoot(entriesTree),
    checkpoints: bySize.length,
    signaturesChecked: keys !== undefined,
    ...signed.summary(),
    ...(kept === undefined ? {} : { since: { treeSize: kept.treeSize, rootHash: kept.rootHash, consistencyProof: false } }),
  }
}
