/**
 * Checking checkpoints against the keys one trusts (pinned verifier keys, never a key that came
 * with the data), naming a key mismatch, and a checkpoint the auditor kept from before: the log
 * must extend it, else it was truncated, rolled back or forked.
 */
import * as E from 'fp-ts/lib/Either.js'
import { parseCheckpoint, verifyCheckpoint, type Checkpoint } from './checkpoint.js'
import type { NoteInvalid, Verifier } from './note.js'
import { keyLabel, verificationFailure, type KeyName, type VerificationFailure } from './result.js'

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0
const b64 = (h: Uint8Array): string => Buffer.from(h).toString('base64')

/**
 * The keys a signed note's signature lines name (`name+hex8(keyId)`), verified or not.
 *
 * @example
 * signersOf(note).map(keyLabel) // ['example.org/register+1a2b3c4d']
 */
export const signersOf = (note: string): ReadonlyArray<KeyName> => {
  const split = note.lastIndexOf('\n\n')
  if (split < 0) return []
  const out: KeyName[] = []
  for (const line of note.slice(split + 2).split('\n')) {
    const m = /^— (\S+) ([A-Za-z0-9+/=]+)$/u.exec(line)
    if (m === null) continue
    const bytes = Buffer.from(m[2]!, 'base64')
    if (bytes.length >= 4) out.push({ name: m[1]!, keyId: bytes.readUInt32BE(0) })
  }
  return out
}

/** A checkpoint opened with the trusted keys: its body and the key whose signature verified. */
export interface OpenedCheckpoint {
  readonly checkpoint: Checkpoint
  /** The trusted key that signed it; absent when no keys were given (the body was only parsed). */
  readonly by?: KeyName
}

/**
 * Opens a checkpoint note with the trusted keys (any one must have signed it, with the origin as
 * its name), or, when `verifiers` is undefined, only parses its body. A note signed by other keys
 * only is refused with a reason that names both: the key mismatch.
 *
 * @example
 * const cp = openCheckpoint(note, [pinned]) // Right({ checkpoint: { origin, treeSize, rootHash }, by })
 */
export const openCheckpoint = (note: string, verifiers: ReadonlyArray<Verifier> | undefined): E.Either<NoteInvalid, OpenedCheckpoint> => {
  if (verifiers === undefined) {
    const body = parseCheckpoint(note.slice(0, note.lastIndexOf('\n\n') + 1))
    return E.isLeft(body) ? body : E.right({ checkpoint: body.right })
  }
  if (verifiers.length === 0) return E.left({ _tag: 'NoteInvalid', message: 'no verifier key was given to check its signature' })
  const tried = verifiers.map((v) => ({ v, r: verifyCheckpoint(note, v) }))
  const good = tried.find((t) => E.isRight(t.r))
  if (good !== undefined && E.isRight(good.r)) return E.right({ checkpoint: good.r.right, by: { name: good.v.name, keyId: good.v.keyId } })
  const pinned = verifiers.map(keyLabel).join(', ')
  const trusted = new Set(verifiers.map(keyLabel))
  const others = signersOf(note).filter((k) => !trusted.has(keyLabel(k)))
  const first = tried[0]!.r
  const why = E.isLeft(first) ? first.left.message : 'no trusted signature'
  if (others.length > 0 && !signersOf(note).some((k) => trusted.has(keyLabel(k))))
    return E.left({ _tag: 'NoteInvalid', message: `no signature of a trusted key: key mismatch, it is signed by ${others.map(keyLabel).join(', ')}, not by the pinned key ${pinned}` })
  return E.left({ _tag: 'NoteInvalid', message: why })
}

/**
 * The failure when the log's root at the kept checkpoint's size is not the kept root (the log was
 * forked or rewritten since), or `undefined` when it is.
 *
 * @example
 * keptRootFailure(kept, frontierRoot(f), logSize) // undefined when the log extends the kept checkpoint
 */
export const keptRootFailure = (kept: Checkpoint, root: Uint8Array, logSize?: number): VerificationFailure | undefined =>
  same(kept.rootHash, root)
    ? undefined
    : verificationFailure(
        Math.max(kept.treeSize - 1, 0),
        'rollback',
        `the log${logSize === undefined ? '' : ` (size ${logSize})`} does not extend the kept checkpoint of size ${kept.treeSize}: its root at size ${kept.treeSize} is ${b64(root)}, the kept checkpoint's is ${b64(kept.rootHash)}; the log was forked or rewritten`,
        logSize === undefined ? undefined : { kept: kept.treeSize, log: logSize },
      )

/**
 * The failure when the log is shorter than the kept checkpoint (truncated or rolled back).
 *
 * @example
 * keptSizeFailure(kept, 5) // rollback failure naming sizes 12 and 5 when kept.treeSize is 12
 */
export const keptSizeFailure = (kept: Checkpoint, logSize: number): VerificationFailure | undefined =>
  logSize >= kept.treeSize
    ? undefined
    : verificationFailure(
        logSize,
        'rollback',
        `the log has ${logSize} entries but the kept checkpoint is of size ${kept.treeSize}: the log was truncated or rolled back`,
        { kept: kept.treeSize, log: logSize },
      )
