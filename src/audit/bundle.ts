/**
 * Offline verification of an audit bundle (what `export --out DIR` writes): every line of
 * `entries.jsonl` is the canonical bytes of entry i, its leaf is `SHA-256(0x00 || line)`, and
 * every checkpoint in the bundle is signed by the bundle's key and matches the root the entries
 * give at its size. Streams the entries: constant memory.
 */
import * as E from 'fp-ts/lib/Either.js'
import { decodeStored } from '../domain/events.js'
import { canonicalJson } from './canonical.js'
import { checkCheckpoint, verificationFailure, type VerificationResult } from './verify.js'
import { emptyFrontier, frontierRoot, pushLeaf } from './frontier.js'
import { hashLeaf } from './hash.js'
import { parseCheckpoint } from './checkpoint.js'
import type { Verifier } from './note.js'

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
  readonly verifier: Verifier
}

const sizeOf = (note: string): number | undefined => {
  const cp = parseCheckpoint(note.slice(0, note.lastIndexOf('\n\n') + 1))
  return E.isRight(cp) ? cp.right.treeSize : undefined
}

/**
 * Verifies a bundle; the result names the first failing position.
 *
 * @example
 * const r = await verifyBundle({ entries: lines, latest, checkpoints, verifier })
 */
export const verifyBundle = async (input: BundleInput): Promise<VerificationResult> => {
  const all = [input.latest, ...input.checkpoints].map((c) => ({ ...c, size: sizeOf(c.note) }))
  for (const c of all) {
    if (c.size === undefined) return verificationFailure(0, 'checkpoint', `${c.file} is not a checkpoint note`)
    if (c.claimedSize !== undefined && c.claimedSize !== c.size)
      return verificationFailure(Math.max(c.size - 1, 0), 'checkpoint', `${c.file} holds the checkpoint of size ${c.size}`)
  }
  const bySize = [...all].sort((a, b) => a.size! - b.size!)
  let next = 0
  const frontier = emptyFrontier()
  const at = (size: number) => {
    while (next < bySize.length && bySize[next]!.size === size) {
      const c = bySize[next]!
      const failure = checkCheckpoint({ treeSize: size, note: c.note }, frontierRoot(frontier), [input.verifier])
      if (failure !== undefined) return { ...failure, reason: `${c.file}: ${failure.reason}`, message: `${failure.message} (${c.file})` }
      next++
    }
    return undefined
  }
  let i = 0
  const zero = at(0)
  if (zero !== undefined) return zero
  for await (const line of input.entries) {
    let record: unknown
    try {
      record = JSON.parse(line)
    } catch {
      return verificationFailure(i, 'entry', `line ${i + 1} of entries.jsonl is not JSON`)
    }
    if (canonicalJson(record) !== line) return verificationFailure(i, 'entry', `line ${i + 1} of entries.jsonl is not in RFC 8785 canonical form`)
    if ((record as { position?: unknown }).position !== i)
      return verificationFailure(i, 'entry', `line ${i + 1} of entries.jsonl holds position ${String((record as { position?: unknown }).position)}, not ${i}`)
    if (decodeStored(record)._tag === 'Left') return verificationFailure(i, 'entry', `line ${i + 1} of entries.jsonl is not a register event`)
    pushLeaf(frontier, hashLeaf(Buffer.from(line, 'utf8')))
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
  return { _tag: 'Verified', treeSize: i, rootHash: frontierRoot(frontier), checkpoints: all.length, signaturesChecked: true }
}
