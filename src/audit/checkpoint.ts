/**
 * C2SP tlog-checkpoints (c2sp.org/tlog-checkpoint): the body `origin\nsize\nbase64(root)\n` in a
 * signed note. `signedCheckpoint` signs the log's root at a size and stores the checkpoint.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { StoreError } from '../domain/errors.js'
import { settingsAt, settingsQuery } from '../domain/register-settings.js'
import type { EventStore } from '../ports/event-store.js'
import type { Signer } from '../ports/signer.js'
import { openNote, parseVerifierKey, signNote, type KeyInvalid, type NoteInvalid, type Verifier } from './note.js'
import { rootAt } from './proof.js'

// ---------------------------------------------------------------------------------------------
// model

/** A checkpoint's parsed body. */
export interface Checkpoint {
  readonly origin: string
  readonly treeSize: number
  readonly rootHash: Uint8Array
  readonly extensions: ReadonlyArray<string>
}

/**
 * A signing key whose name is not the origin the register recorded (rule 24): a checkpoint names
 * its log by its origin, so a key of another name would sign for another log.
 */
export interface OriginMismatch {
  readonly _tag: 'OriginMismatch'
  readonly message: string
  /** The signing key's name. */
  readonly keyName: string
  /** The origin the register recorded. */
  readonly origin: string
}

/** A signed checkpoint of the log, as `signedCheckpoint` returns it. */
export interface SignedCheckpoint {
  readonly treeSize: number
  readonly rootHash: Uint8Array
  /** The C2SP signed note. */
  readonly note: string
}

const noteInvalid = (message: string): NoteInvalid => ({ _tag: 'NoteInvalid', message })

// ---------------------------------------------------------------------------------------------
// body

/**
 * The checkpoint body for a tree.
 *
 * @example
 * checkpointBody('example.com/log', 3, root) // 'example.com/log\n3\nrra8…=\n'
 */
export const checkpointBody = (origin: string, treeSize: number, rootHash: Uint8Array): string =>
  `${origin}\n${treeSize}\n${Buffer.from(rootHash).toString('base64')}\n`

/**
 * Parses a checkpoint body (the text of a signed note).
 *
 * @example
 * parseCheckpoint('example.com/log\n3\nrra8…=\n') // Right({ origin, treeSize: 3, rootHash, extensions: [] })
 */
export const parseCheckpoint = (text: string): E.Either<NoteInvalid, Checkpoint> => {
  if (!text.endsWith('\n')) return E.left(noteInvalid('a checkpoint body ends in a newline'))
  const lines = text.slice(0, -1).split('\n')
  if (lines.length < 3) return E.left(noteInvalid('a checkpoint has an origin, a tree size and a root hash line'))
  const [origin, size, root, ...extensions] = lines as [string, string, string, ...string[]]
  if (origin.length === 0) return E.left(noteInvalid('the checkpoint origin is empty'))
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size)))
    return E.left(noteInvalid(`the checkpoint tree size "${size}" is not a decimal number without leading zeros`))
  const rootHash = Buffer.from(root, 'base64')
  if (!/^[A-Za-z0-9+/]{43}=$/.test(root) || rootHash.length !== 32)
    return E.left(noteInvalid('the checkpoint root is not the base64 of a 32-byte SHA-256 hash'))
  if (extensions.some((l) => l.length === 0)) return E.left(noteInvalid('a checkpoint extension line is empty'))
  return E.right({ origin, treeSize: Number(size), rootHash, extensions })
}

// ---------------------------------------------------------------------------------------------
// signing and verifying

/**
 * Signs the checkpoint of a tree with the signer, whose name is the origin.
 *
 * @example
 * signCheckpoint(signer, 3, root) // 'origin\n3\n…=\n\n— origin …\n'
 */
export const signCheckpoint = (signer: Signer, treeSize: number, rootHash: Uint8Array): string => {
  const signed = signNote(checkpointBody(signer.name, treeSize, rootHash), [signer])
  // a checkpoint body has no control characters and ends in a newline, so signing cannot fail
  if (E.isLeft(signed)) throw new Error(signed.left.message)
  return signed.right
}

/**
 * The origin the register recorded (rule 24), or undefined when it was never configured; an
 * `OriginMismatch` when a signer's name is not that origin.
 *
 * @example
 * const origin = await recordedOrigin(store, signer)() // Right('szw.example/contact-ledger')
 */
export const recordedOrigin =
  (store: EventStore, signer?: Signer): TaskEither<StoreError | OriginMismatch, string | undefined> =>
  async () => {
    const events = await store.read({ query: settingsQuery })()
    if (E.isLeft(events)) return events
    const origin = settingsAt(events.right)?.origin
    if (signer !== undefined && origin !== undefined && signer.name !== origin)
      return E.left({
        _tag: 'OriginMismatch',
        message: `the signing key is named ${signer.name}, but the register's origin is ${origin} (rule 24): sign with a key named ${origin} (contact-ledger key init --origin ${origin} --key PATH)`,
        keyName: signer.name,
        origin,
      })
    return E.right(origin)
  }

/**
 * Signs the log's root at `size` (default: its current size) and stores the checkpoint. Refuses
 * (`OriginMismatch`) a signer whose name is not the origin the register recorded.
 *
 * @example
 * const cp = await signedCheckpoint(store, signer)() // Right({ treeSize, rootHash, note })
 */
export const signedCheckpoint =
  (store: EventStore, signer: Signer, size?: number): TaskEither<StoreError | OriginMismatch, SignedCheckpoint> =>
  async () => {
    const origin = await recordedOrigin(store, signer)()
    if (E.isLeft(origin)) return origin
    let treeSize = size
    if (treeSize === undefined) {
      const current = await store.size()()
      if (E.isLeft(current)) return current
      treeSize = current.right
    }
    const root = await rootAt(store, treeSize)()
    if (E.isLeft(root)) return root
    const note = signCheckpoint(signer, treeSize, root.right)
    const put = await store.putCheckpoint({ treeSize, note })()
    if (E.isLeft(put)) return put
    return E.right({ treeSize, rootHash: root.right, note })
  }

/**
 * Opens a checkpoint note with a verifier key: the key's signature must verify and the origin
 * must be the key's name.
 *
 * @example
 * const cp = verifyCheckpoint(noteText, 'PeterNeumann+c74f20a3+ARpc…') // Right({ origin, treeSize, rootHash })
 */
export const verifyCheckpoint = (note: string, vkey: string | Verifier): E.Either<NoteInvalid | KeyInvalid, Checkpoint> => {
  const verifier = typeof vkey === 'string' ? parseVerifierKey(vkey) : E.right(vkey)
  if (E.isLeft(verifier)) return verifier
  const opened = openNote(note, [verifier.right])
  if (E.isLeft(opened)) return opened
  const cp = parseCheckpoint(opened.right.text)
  if (E.isLeft(cp)) return cp
  if (cp.right.origin !== verifier.right.name)
    return E.left(noteInvalid(`the checkpoint's origin "${cp.right.origin}" is not the key's name "${verifier.right.name}"`))
  return cp
}
