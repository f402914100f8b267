/**
 * A published overview and its snapshot entry (issue 16): the publisher writes, beside the
 * rendered file, the canonical bytes of the `ReportSnapshotTaken` entry that recorded its content
 * hash, with the entry's position and leaf hash; anyone holding the public hash tiles and the
 * pinned verifier key can then check that the file is what the register recorded and that the
 * entry is in the log the tiles' signed checkpoint commits to (an inclusion proof rebuilt from
 * the hash tiles alone). The tiles still hold no entry bytes: only this one entry travels with
 * the file it describes.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import { storeError, type StoreError } from '../domain/errors.js'
import type { EventStore } from '../ports/event-store.js'
import { entryBytes } from './canonical.js'
import { hashLeaf, sha256 } from './hash.js'
import type { Verifier } from './note.js'
import type { KeyName } from './result.js'
import { inclusionFromTiles, openTileTree, rootFromTiles, type TileFetch } from './tiles-read.js'
import { verifyTiles, type TilesVerified } from './tiles-verify.js'
import { openCheckpoint } from './trust.js'
import { verifyInclusion } from './verify-proof.js'

// ---------------------------------------------------------------------------------------------
// model

/** What `FILE.entry.json` holds: the snapshot entry of a published report. */
export interface PublicationEntry {
  /** The entry's position in the log (0-based). */
  readonly position: number
  /** The entry's canonical JSON text: its UTF-8 bytes are the leaf (`SHA-256(0x00 || bytes)`). */
  readonly entry: string
  /** The entry's RFC 6962 leaf hash, base64. */
  readonly leafHash: string
}

/** Why a publication does not check out. */
export type PublicationFailureKind =
  /** The entry file is not one: unreadable, its leaf hash not its entry's, or not a report snapshot. */
  | 'entry-file'
  /** The report's bytes do not hash to the content hash the snapshot entry records. */
  | 'hash-mismatch'
  /** The tiles' checkpoint is not signed by a pinned key. */
  | 'key'
  /** The tile tree itself does not verify (an altered or missing tile). */
  | 'tiles'
  /** The entry is not in the log the tiles commit to at its position. */
  | 'not-included'

export interface PublicationFailure {
  readonly _tag: 'PublicationFailure'
  readonly kind: PublicationFailureKind
  readonly message: string
}

export interface PublicationChecked {
  readonly _tag: 'PublicationChecked'
  readonly position: number
  readonly reportId: string
  readonly kind: string
  readonly parameters: Readonly<Record<string, unknown>>
  /** Hex SHA-256 of the report's bytes, as the entry records it. */
  readonly contentHash: string
  /** The log prefix the report was rendered from. */
  readonly logSize: number
  /** The tile tree checked (its checkpoint's size and the keys that signed it). */
  readonly tiles: TilesVerified
  /** The pinned keys whose signature on the tiles' checkpoint verified. */
  readonly verifiedBy: ReadonlyArray<KeyName>
}

const failure = (kind: PublicationFailureKind, message: string): PublicationFailure => ({ _tag: 'PublicationFailure', kind, message })

const b64 = (h: Uint8Array): string => Buffer.from(h).toString('base64')

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * The publication entry of the entry at `position` with these canonical bytes.
 *
 * @example
 * publicationEntryOf(41, entryBytes(snapshotEvent)) // { position: 41, entry: '{"data":…}', leafHash: '…' }
 */
export const publicationEntryOf = (position: number, bytes: Uint8Array): PublicationEntry => ({
  position,
  entry: Buffer.from(bytes).toString('utf8'),
  leafHash: b64(hashLeaf(bytes)),
})

/**
 * The publication entry of a stored report snapshot: its canonical bytes as the store holds them
 * (the stored text where the store offers it), checked to be a `ReportSnapshotTaken`.
 *
 * @example
 * const entry = await publicationEntry(store, 41)() // Right({ position: 41, entry, leafHash })
 */
export const publicationEntry =
  (store: EventStore, position: number): TaskEither<StoreError, PublicationEntry> =>
  async () => {
    const read = await store.read({ from: position, to: position + 1, limit: 1 })()
    if (E.isLeft(read)) return read
    const e = read.right[0]
    if (e === undefined || e.position !== position) return E.left(storeError('corrupt', `the log has no entry at position ${position}`))
    if (e.type !== 'ReportSnapshotTaken') return E.left(storeError('corrupt', `the entry at position ${position} is a ${e.type}, not a report snapshot`))
    let bytes: Uint8Array = entryBytes(e)
    if (store.entries !== undefined) {
      const stored = await store.entries({ from: position, limit: 1 })()
      if (E.isLeft(stored)) return stored
      if (stored.right[0] !== undefined) bytes = Buffer.from(stored.right[0].entry, 'utf8')
    }
    return E.right(publicationEntryOf(position, bytes))
  }

// ---------------------------------------------------------------------------------------------
// checking

const parseEntryFile = (text: string): E.Either<PublicationFailure, PublicationEntry> => {
  let v: unknown
  try {
    v = JSON.parse(text)
  } catch {
    return E.left(failure('entry-file', 'the entry file is not JSON; give the FILE.entry.json written beside the published report'))
  }
  const o = v as Partial<Record<keyof PublicationEntry, unknown>> | null
  if (o === null || typeof o !== 'object' || Array.isArray(o)) return E.left(failure('entry-file', 'the entry file is not a JSON object with position, entry and leafHash'))
  if (typeof o.position !== 'number' || !Number.isSafeInteger(o.position) || o.position < 0)
    return E.left(failure('entry-file', 'the entry file has no position (a whole number from 0)'))
  if (typeof o.entry !== 'string' || o.entry === '') return E.left(failure('entry-file', 'the entry file has no entry (the canonical JSON text of the snapshot entry)'))
  if (typeof o.leafHash !== 'string' || !/^[A-Za-z0-9+/]{43}=$/u.test(o.leafHash)) return E.left(failure('entry-file', 'the entry file has no leafHash (base64 of 32 bytes)'))
  return E.right({ position: o.position, entry: o.entry, leafHash: o.leafHash })
}

interface SnapshotData {
  readonly reportId: string
  readonly kind: string
  readonly parameters: Readonly<Record<string, unknown>>
  readonly contentHash: string
  readonly logSize: number
  readonly checkpoint: string
}

const snapshotOf = (entry: PublicationEntry): E.Either<PublicationFailure, SnapshotData> => {
  let record: { readonly type?: unknown; readonly data?: Partial<Record<keyof SnapshotData, unknown>> }
  try {
    record = JSON.parse(entry.entry) as typeof record
  } catch {
    return E.left(failure('entry-file', `the entry at position ${entry.position} is not JSON`))
  }
  if (record?.type !== 'ReportSnapshotTaken') return E.left(failure('entry-file', `the entry at position ${entry.position} is ${typeof record?.type === 'string' ? `a ${record.type}` : 'no event'}, not a report snapshot (ReportSnapshotTaken)`))
  const d = record.data ?? {}
  if (typeof d.contentHash !== 'string' || typeof d.logSize !== 'number' || typeof d.checkpoint !== 'string' || typeof d.reportId !== 'string' || typeof d.kind !== 'string')
    return E.left(failure('entry-file', `the snapshot entry at position ${entry.position} lacks its content hash, log size, checkpoint, report id or kind`))
  const parameters = typeof d.parameters === 'object' && d.parameters !== null ? (d.parameters as Record<string, unknown>) : {}
  return E.right({ reportId: d.reportId, kind: d.kind, parameters, contentHash: d.contentHash, logSize: d.logSize, checkpoint: d.checkpoint })
}

/**
 * Checks a published report against its snapshot entry and the public hash tiles: the entry file
 * is well formed and its leaf hash is its entry's; the entry is a `ReportSnapshotTaken` whose
 * content hash is the SHA-256 of `report`; the tiles' checkpoint is signed by a pinned key
 * (`verifiers`; without them only the hashes are checked, and `verifiedBy` is empty); the tile
 * tree verifies; the leaf at the entry's position, rebuilt from the hash tiles, is the entry's,
 * and its inclusion proof leads to the checkpoint's root; the snapshot's own checkpoint root is
 * the tiles' root at its size. Resolves to the first failure, named by kind.
 *
 * @example
 * const r = await checkPublication(fetch, readFileSync('overzicht-2024.html'), readFileSync('overzicht-2024.html.entry.json', 'utf8'), { verifiers: [pinned] })
 * if (r._tag === 'PublicationFailure') console.log(r.kind, r.message) // 'hash-mismatch', …
 */
export const checkPublication = async (
  fetch: TileFetch,
  report: Uint8Array,
  entryFile: string,
  options: { readonly verifiers?: ReadonlyArray<Verifier> } = {},
): Promise<PublicationChecked | PublicationFailure> => {
  const parsed = parseEntryFile(entryFile)
  if (E.isLeft(parsed)) return parsed.left
  const entry = parsed.right
  const leaf = hashLeaf(Buffer.from(entry.entry, 'utf8'))
  if (b64(leaf) !== entry.leafHash) return failure('entry-file', `the entry file's leafHash ${entry.leafHash} is not the leaf hash of its entry (${b64(leaf)}): the entry was altered`)
  const snap = snapshotOf(entry)
  if (E.isLeft(snap)) return snap.left
  const d = snap.right
  const hash = sha256(report).toString('hex')
  if (hash !== d.contentHash)
    return failure('hash-mismatch', `hash mismatch: the report's SHA-256 is ${hash}, but the snapshot entry at position ${entry.position} records ${d.contentHash}: the file is not the report the register recorded`)

  const raw = await fetch('checkpoint')
  if (raw === undefined) return failure('tiles', 'the tile tree has no checkpoint')
  const opened = openCheckpoint(Buffer.from(raw).toString('utf8'), options.verifiers)
  if (E.isLeft(opened)) return failure('key', `the tiles' checkpoint: ${opened.left.message}`)
  const tiles = await verifyTiles(fetch, options.verifiers === undefined ? {} : { verifiers: options.verifiers })
  if (tiles._tag === 'VerificationFailure') return failure('tiles', `the tile tree does not verify: ${tiles.message}`)
  const size = tiles.treeSize
  if (entry.position >= size)
    return failure('not-included', `not included: the tiles' checkpoint is of ${size} entries, and the snapshot entry's position ${entry.position} is not among them; publish tiles exported after the snapshot`)
  const tree = openTileTree(fetch, size)
  const proof = await inclusionFromTiles(tree, entry.position, size)
  if (E.isLeft(proof)) return failure('tiles', `the tile tree: ${proof.left.message}`)
  if (Buffer.compare(proof.right.leafHash, leaf) !== 0)
    return failure('not-included', `not included: the leaf at position ${entry.position} in the tiles is ${b64(proof.right.leafHash)}, not this entry's ${b64(leaf)}: the log the tiles commit to does not hold this snapshot entry there`)
  const included = verifyInclusion(entry.position, size, leaf, proof.right.proof, tiles.rootHash)
  if (E.isLeft(included)) return failure('not-included', `not included: ${included.left.message}`)
  const snapRoot = d.checkpoint.split('\n')[2]
  if (d.logSize <= entry.position && d.logSize <= size) {
    const then = await rootFromTiles(tree, d.logSize)
    if (E.isLeft(then)) return failure('tiles', `the tile tree: ${then.left.message}`)
    if (b64(then.right) !== snapRoot)
      return failure('not-included', `not included: the snapshot's checkpoint gives root ${snapRoot ?? '(none)'} at size ${d.logSize}, the tiles give ${b64(then.right)}: the report was rendered from another log`)
  } else return failure('entry-file', `the snapshot entry at position ${entry.position} claims a log size of ${d.logSize}, which does not lie before it`)
  return {
    _tag: 'PublicationChecked',
    position: entry.position,
    reportId: d.reportId,
    kind: d.kind,
    parameters: d.parameters,
    contentHash: d.contentHash,
    logSize: d.logSize,
    tiles,
    verifiedBy: tiles.verifiedBy,
  }
}
