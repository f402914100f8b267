/**
 * What a verification answers: `Verified` with what was checked and against which keys, or the
 * first `VerificationFailure` with its position. Shared by `verifyLog` (a store) and `verifyBundle`
 * (an exported bundle).
 */

/**
 * What went wrong at the first failing position; `rollback`: the log does not extend a kept
 * checkpoint; `index`: derived data (a tag row, the type or idempotency-key column, a checkpoint a
 * snapshot records, a stray tree node) differs from what the canonical entries say.
 */
export type FailureKind = 'entry' | 'tree' | 'checkpoint' | 'event-check' | 'rollback' | 'index'

/** The log does not verify: `position` is the first entry (or checkpoint's last entry) that fails. */
export interface VerificationFailure {
  readonly _tag: 'VerificationFailure'
  readonly position: number
  readonly kind: FailureKind
  readonly reason: string
  readonly message: string
  /** For `rollback`: the kept checkpoint's size and the log's size. */
  readonly sizes?: { readonly kept: number; readonly log: number }
}

/** A key that signed checkpoints which verified: its name (the origin) and key id. */
export interface KeyName {
  readonly name: string
  readonly keyId: number
}

/** Every check held. */
export interface Verified {
  readonly _tag: 'Verified'
  readonly treeSize: number
  readonly rootHash: Uint8Array
  /** The distinct signed checkpoints checked (their roots at their sizes). */
  readonly checkpoints: number
  /** False when no verifier key was given, so checkpoint signatures were not checked. */
  readonly signaturesChecked: boolean
  /** How many checkpoints carried a valid signature of a given key (0 without keys). */
  readonly signedCheckpoints: number
  /** The largest tree size a checkpoint signed by a given key covers (0 when none). */
  readonly latestSignedSize: number
  /** The given keys whose signatures verified. */
  readonly verifiedBy: ReadonlyArray<KeyName>
  /** The kept checkpoint the log was shown to extend (option `since`). */
  readonly since?: { readonly treeSize: number; readonly rootHash: Uint8Array; readonly consistencyProof: boolean }
}

export type VerificationResult = Verified | VerificationFailure

/**
 * A verification failure at a position.
 *
 * @example
 * verificationFailure(7, 'entry', 'the leaf hash of entry 7 does not match')
 */
export const verificationFailure = (
  position: number,
  kind: FailureKind,
  reason: string,
  sizes?: { readonly kept: number; readonly log: number },
): VerificationFailure => ({
  _tag: 'VerificationFailure',
  position,
  kind,
  reason,
  message: `verification failed at position ${position}: ${reason}`,
  ...(sizes === undefined ? {} : { sizes }),
})

/**
 * A key as C2SP verifier keys name it, without the key bytes: `name+hex8(keyId)`.
 *
 * @example
 * keyLabel({ name: 'example.org/register', keyId: 0x1a2b3c4d }) // 'example.org/register+1a2b3c4d'
 */
export const keyLabel = (k: KeyName): string => `${k.name}+${k.keyId.toString(16).padStart(8, '0')}`
