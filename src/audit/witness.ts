/**
 * A witness (c2sp.org/tlog-cosignature): it cosigns a log's checkpoint only when the checkpoint
 * carries the log's signature and is consistent with the last checkpoint it cosigned for that
 * origin (a consistency proof from the kept size to the offered one), so it never cosigns a fork
 * or a rollback. Pure: the caller keeps the state (the last cosigned note per origin) and the
 * clock. The first checkpoint of an origin is trusted on first use, and the answer says so.
 */
import * as E from 'fp-ts/lib/Either.js'
import { parseCheckpoint, verifyCheckpoint, type Checkpoint } from './checkpoint.js'
import { addCosignature, type Cosigner } from './cosignature.js'
import type { Verifier } from './note.js'
import { verifyConsistency } from './verify-proof.js'

// ---------------------------------------------------------------------------------------------
// model

/** Why a witness refuses to cosign. `Fork` and `Rollback` are the log misbehaving. */
export type WitnessRefusal =
  | { readonly _tag: 'Rollback'; readonly message: string; readonly kept: number; readonly offered: number }
  | { readonly _tag: 'Fork'; readonly message: string; readonly kept: number; readonly offered: number }
  | { readonly _tag: 'ProofNeeded'; readonly message: string; readonly kept: number; readonly offered: number }
  | { readonly _tag: 'CheckpointInvalid'; readonly message: string }

/** A consistency proof as `prove consistency` prints it (its roots are not trusted: the checkpoints' are used). */
export interface OfferedProof {
  readonly oldSize: number
  readonly newSize: number
  readonly proof: ReadonlyArray<Uint8Array>
}

/** What the witness is asked to cosign. */
export interface WitnessRequest {
  /** The log's signed checkpoint note. */
  readonly note: string
  /** The log's verifier key, which the witness is configured with. */
  readonly logKey: Verifier
  /** The last checkpoint note this witness cosigned for the log's origin; absent on first use. */
  readonly kept?: string
  /** The consistency proof from the kept size to the offered size (not needed when they are equal). */
  readonly proof?: OfferedProof
  readonly cosigner: Cosigner
  /** The POSIX time (seconds) the cosignature states. */
  readonly timestamp: number
}

/** A cosigned checkpoint: the note with the cosignature added, which is also the new state. */
export interface WitnessCosigned {
  readonly note: string
  readonly checkpoint: Checkpoint
  /** True when no checkpoint of this origin was kept: trusted on first use. */
  readonly firstUse: boolean
  /** The kept size the offered checkpoint was shown to extend. */
  readonly from?: number
}

const b64 = (h: Uint8Array): string => Buffer.from(h).toString('base64')

// ---------------------------------------------------------------------------------------------
// the decision

/**
 * Checks an offered checkpoint against the log's key and the kept one, and cosigns it.
 *
 * @example
 * const r = witnessCheckpoint({ note, logKey, kept, proof, cosigner, timestamp: Math.floor(Date.now() / 1000) })
 * // Right({ note: cosigned, firstUse: false, from: 120 }) or Left({ _tag: 'Fork', … })
 */
export const witnessCheckpoint = (req: WitnessRequest): E.Either<WitnessRefusal, WitnessCosigned> => {
  const offered = verifyCheckpoint(req.note, req.logKey)
  if (E.isLeft(offered)) return E.left({ _tag: 'CheckpointInvalid', message: `the checkpoint does not verify with the log's key: ${offered.left.message}` })
  const cp = offered.right
  const cosign = (extra: { firstUse: boolean; from?: number }): E.Either<WitnessRefusal, WitnessCosigned> => {
    const cosigned = addCosignature(req.note, req.cosigner, req.timestamp)
    return E.isLeft(cosigned) ? E.left({ _tag: 'CheckpointInvalid', message: cosigned.left.message }) : E.right({ note: cosigned.right, checkpoint: cp, ...extra })
  }
  if (req.kept === undefined) return cosign({ firstUse: true })
  const body = parseCheckpoint(req.kept.slice(0, req.kept.lastIndexOf('\n\n') + 1))
  if (E.isLeft(body)) return E.left({ _tag: 'CheckpointInvalid', message: `the kept checkpoint is unreadable: ${body.left.message}` })
  const kept = body.right
  if (kept.origin !== cp.origin) return E.left({ _tag: 'CheckpointInvalid', message: `the kept checkpoint is of "${kept.origin}", the offered one of "${cp.origin}"` })
  const sizes = { kept: kept.treeSize, offered: cp.treeSize }
  if (cp.treeSize < kept.treeSize)
    return E.left({
      _tag: 'Rollback',
      message: `rollback: the offered checkpoint of ${cp.origin} has size ${cp.treeSize}, smaller than the size ${kept.treeSize} this witness cosigned; refusing to cosign`,
      ...sizes,
    })
  if (cp.treeSize === kept.treeSize) {
    if (Buffer.compare(cp.rootHash, kept.rootHash) === 0) return cosign({ firstUse: false, from: kept.treeSize })
    return E.left({
      _tag: 'Fork',
      message: `fork: the offered checkpoint of ${cp.origin} at size ${cp.treeSize} has the root ${b64(cp.rootHash)}, the one this witness cosigned at that size ${b64(kept.rootHash)}; refusing to cosign`,
      ...sizes,
    })
  }
  if (req.proof === undefined)
    return E.left({ _tag: 'ProofNeeded', message: `a consistency proof from size ${kept.treeSize} to ${cp.treeSize} is needed (contact-ledger prove consistency --from ${kept.treeSize} --to ${cp.treeSize})`, ...sizes })
  if (req.proof.oldSize !== kept.treeSize || req.proof.newSize !== cp.treeSize)
    return E.left({
      _tag: 'ProofNeeded',
      message: `the proof is from size ${req.proof.oldSize} to ${req.proof.newSize}; this witness needs one from ${kept.treeSize} (its last cosigned checkpoint) to ${cp.treeSize}`,
      ...sizes,
    })
  const consistent = verifyConsistency(kept.treeSize, cp.treeSize, req.proof.proof, kept.rootHash, cp.rootHash)
  if (E.isLeft(consistent))
    return E.left({
      _tag: 'Fork',
      message: `fork: the offered checkpoint of ${cp.origin} at size ${cp.treeSize} is not consistent with the checkpoint of size ${kept.treeSize} this witness cosigned (${consistent.left.message}); refusing to cosign`,
      ...sizes,
    })
  return cosign({ firstUse: false, from: kept.treeSize })
}
