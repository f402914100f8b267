/**
 * The Signer port: signs checkpoints of the log as a C2SP signed-note key (Ed25519). The private
 * key never leaves the signer: not in a log line, an error message or an export.
 */

export interface Signer {
  /** The key name, which is also the checkpoint origin (default `contact-ledger.local/register`). */
  readonly name: string
  /** The verifier key as C2SP signed notes write it: `name+hex(keyId)+base64(0x01 || publicKey)`. */
  readonly verifierKey: string
  /** Ed25519 signature of a message (the note text). */
  readonly sign: (message: Uint8Array) => Uint8Array
}

/** The checkpoint origin used when none is configured. */
export const DEFAULT_ORIGIN = 'contact-ledger.local/register'
