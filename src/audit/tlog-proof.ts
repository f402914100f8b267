/**
 * C2SP tlog-proof receipts (c2sp.org/tlog-proof@v1): an entry's index, its inclusion proof and the
 * signed checkpoint it is proved against, verifiable offline with the log's verifier key.
 */
import * as E from 'fp-ts/lib/Either.js'
import { verifyCheckpoint, type Checkpoint } from './checkpoint.js'
import type { KeyInvalid, NoteInvalid, Verifier } from './note.js'
import { verifyInclusion, type ProofInvalid } from './verify-proof.js'

/** A parsed tlog-proof. */
export interface TlogProof {
  readonly extra?: Uint8Array
  readonly index: number
  readonly proof: ReadonlyArray<Uint8Array>
  /** The signed checkpoint note, verbatim. */
  readonly checkpoint: string
}

const HEADER = 'c2sp.org/tlog-proof@v1'
const invalid = (message: string): NoteInvalid => ({ _tag: 'NoteInvalid', message })

/**
 * Writes a tlog-proof receipt.
 *
 * @example
 * formatTlogProof({ index: 3, proof, checkpoint: note })
 */
export const formatTlogProof = (p: TlogProof): string =>
  [HEADER, ...(p.extra !== undefined ? [`extra ${Buffer.from(p.extra).toString('base64')}`] : []), `index ${p.index}`, ...p.proof.map((h) => Buffer.from(h).toString('base64'))].join('\n') +
  '\n\n' +
  p.checkpoint

/**
 * Parses a tlog-proof receipt.
 *
 * @example
 * const parsed = parseTlogProof(text)
 */
export const parseTlogProof = (text: string): E.Either<NoteInvalid, TlogProof> => {
  const split = text.indexOf('\n\n')
  if (split < 0) return E.left(invalid('a tlog-proof has a blank line before its checkpoint'))
  const lines = text.slice(0, split).split('\n')
  if (lines.shift() !== HEADER) return E.left(invalid(`a tlog-proof starts with the line ${HEADER}`))
  let extra: Uint8Array | undefined
  if (lines[0]?.startsWith('extra ')) extra = Buffer.from(lines.shift()!.slice(6), 'base64')
  const index = /^index (0|[1-9][0-9]*)$/.exec(lines.shift() ?? '')
  if (index === null || !Number.isSafeInteger(Number(index[1]))) return E.left(invalid('a tlog-proof names the entry as "index N"'))
  const proof: Uint8Array[] = []
  for (const l of lines) {
    if (!/^[A-Za-z0-9+/]{43}=$/.test(l)) return E.left(invalid('each proof line of a tlog-proof is the base64 of a SHA-256 hash'))
    proof.push(Buffer.from(l, 'base64'))
  }
  return E.right({ ...(extra !== undefined ? { extra } : {}), index: Number(index[1]), proof, checkpoint: text.slice(split + 2) })
}

/**
 * Verifies a tlog-proof offline: the checkpoint's signature with the log's key, then the
 * inclusion of `leafHash` at the receipt's index in the checkpointed tree.
 *
 * @example
 * verifyTlogProof(text, hashLeaf(entryLine), 'contact-ledger.local/register+…')
 */
export const verifyTlogProof = (
  text: string,
  leafHash: Uint8Array,
  vkey: string | Verifier,
): E.Either<NoteInvalid | KeyInvalid | ProofInvalid, { readonly index: number; readonly checkpoint: Checkpoint }> => {
  const parsed = parseTlogProof(text)
  if (E.isLeft(parsed)) return parsed
  const cp = verifyCheckpoint(parsed.right.checkpoint, vkey)
  if (E.isLeft(cp)) return cp
  const ok = verifyInclusion(parsed.right.index, cp.right.treeSize, leafHash, parsed.right.proof, cp.right.rootHash)
  if (E.isLeft(ok)) return ok
  return E.right({ index: parsed.right.index, checkpoint: cp.right })
}
