/**
 * Checking a C2SP tlog-tiles tree against a pinned key: the checkpoint's signature, every full
 * tile against the hash one level up, the root recomputed from the tiles against the
 * checkpoint's, optionally a kept checkpoint the tree must extend, and with the entry bundles
 * every entry's leaf hash against the level-0 tile, naming the first entry that differs.
 */
import * as E from 'fp-ts/lib/Either.js'
import { hashLeaf } from './hash.js'
import type { Verifier } from './note.js'
import { verificationFailure, type FailureKind, type KeyName, type VerificationFailure, type Verified } from './result.js'
import { openTileTree, rootFromTiles, subtreeOf, type TileFetch, type TileInvalid, type TileTree } from './tiles-read.js'
import { decodeEntryBundle, levelTiles, TILE_HEIGHT, TILE_WIDTH, tileLevels, tilePath } from './tiles.js'
import { keptRootFailure, keptSizeFailure, openCheckpoint } from './trust.js'

// ---------------------------------------------------------------------------------------------
// model

/** What to check a tile tree against. */
export interface TileVerifyOptions {
  /** The keys one trusts (the published verifier key, pinned); without them only the hashes are checked. */
  readonly verifiers?: ReadonlyArray<Verifier>
  /** Also check the entry bundles (`tile/entries/…`) leaf by leaf; a missing bundle then fails. */
  readonly entries?: boolean
  /** A signed checkpoint note kept from before: the tree must extend it. */
  readonly since?: string
}

/** A tile tree that verified: what `Verified` says, and how many tiles and entries were checked. */
export interface TilesVerified extends Verified {
  readonly hashTiles: number
  readonly entriesChecked: number
  /** The checkpoint note the tree was checked against (to check its cosignatures). */
  readonly note: string
}

const fail = (kind: FailureKind) => (t: TileInvalid): VerificationFailure => verificationFailure(t.position, kind, t.message)

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0

// ---------------------------------------------------------------------------------------------
// checks

/** Every full tile's Merkle Tree Hash against the hash the level above holds for it. */
const checkFullTiles = async (tree: TileTree): Promise<E.Either<VerificationFailure, number>> => {
  let count = 0
  for (let level = 0; level < tileLevels(tree.size); level++) {
    for (const t of levelTiles(tree.size, level)) {
      const bytes = await tree.tile({ ...t, level })
      if (E.isLeft(bytes)) return E.left(fail('tree')(bytes.left))
      count++
      if (t.width !== TILE_WIDTH) continue
      const parent = await tree.node({ level: (level + 1) * TILE_HEIGHT, index: t.index })
      if (E.isLeft(parent)) return E.left(fail('tree')(parent.left))
      if (!same(subtreeOf(bytes.right, 0, TILE_WIDTH), parent.right)) {
        const first = t.index * TILE_WIDTH ** (level + 1)
        return E.left(
          verificationFailure(
            first,
            'tree',
            `${tilePath({ ...t, level })} (entries ${first} to ${first + TILE_WIDTH ** (level + 1) - 1}) does not hash to the hash the tile of level ${level + 1} holds for it: a tile was altered`,
          ),
        )
      }
    }
  }
  return E.right(count)
}

/** Every entry bundle, leaf by leaf, against the level-0 tiles. */
const checkEntries = async (tree: TileTree, fetch: TileFetch): Promise<E.Either<VerificationFailure, number>> => {
  let count = 0
  for (const t of levelTiles(tree.size, 'entries')) {
    const first = t.index * TILE_WIDTH
    const path = tilePath(t)
    const bytes = await fetch(path)
    if (bytes === undefined) return E.left(verificationFailure(first, 'entry', `${path} is missing; a tree of size ${tree.size} has it`))
    const entries = decodeEntryBundle(bytes)
    if (E.isLeft(entries)) return E.left(verificationFailure(first, 'entry', `${path} is not an entry bundle: ${entries.left.message}`))
    const leaves = await tree.tile({ level: 0, index: t.index, width: t.width })
    if (E.isLeft(leaves)) return E.left(fail('tree')(leaves.left))
    const n = Math.min(entries.right.length, t.width)
    for (let i = 0; i < n; i++) {
      if (!same(hashLeaf(entries.right[i]!), leaves.right.subarray(i * 32, i * 32 + 32)))
        return E.left(
          verificationFailure(first + i, 'entry', `entry ${first + i} (in ${path}) does not hash to its leaf in ${tilePath({ ...t, level: 0 })}: the entry was altered`),
        )
      count++
    }
    if (entries.right.length !== t.width)
      return E.left(verificationFailure(first + n, 'entry', `${path} holds ${entries.right.length} entries; the tile has ${t.width}`))
  }
  return E.right(count)
}

// ---------------------------------------------------------------------------------------------
// verifying

/**
 * Verifies a tile tree: the checkpoint (`checkpoint`) against the pinned keys, every hash tile,
 * the root recomputed from the tiles, a kept checkpoint (`since`) and, with `entries`, every
 * entry bundle leaf by leaf. Resolves to `TilesVerified` or the first `VerificationFailure`.
 *
 * @example
 * const r = await verifyTiles((p) => readFile(join(dir, p)).catch(() => undefined), { verifiers: [pinned], entries: true })
 */
export const verifyTiles = async (fetch: TileFetch, options: TileVerifyOptions = {}): Promise<TilesVerified | VerificationFailure> => {
  const raw = await fetch('checkpoint')
  if (raw === undefined) return verificationFailure(0, 'checkpoint', 'the tile tree has no checkpoint')
  const note = Buffer.from(raw).toString('utf8')
  const opened = openCheckpoint(note, options.verifiers)
  if (E.isLeft(opened)) return verificationFailure(0, 'checkpoint', `the checkpoint: ${opened.left.message}`)
  const { checkpoint, by } = opened.right
  const tree = openTileTree(fetch, checkpoint.treeSize)

  let since: Verified['since']
  if (options.since !== undefined) {
    const kept = openCheckpoint(options.since, options.verifiers)
    if (E.isLeft(kept)) return verificationFailure(0, 'rollback', `the kept checkpoint: ${kept.left.message}`)
    const k = kept.right.checkpoint
    if (k.origin !== checkpoint.origin)
      return verificationFailure(0, 'rollback', `the kept checkpoint is of the log "${k.origin}", the tiles are of "${checkpoint.origin}"`)
    const short = keptSizeFailure(k, checkpoint.treeSize)
    if (short !== undefined) return short
    const then = await rootFromTiles(tree, k.treeSize)
    if (E.isLeft(then)) return fail('tree')(then.left)
    const forked = keptRootFailure(k, then.right, checkpoint.treeSize)
    if (forked !== undefined) return forked
    since = { treeSize: k.treeSize, rootHash: k.rootHash, consistencyProof: true }
  }

  const tiles = await checkFullTiles(tree)
  if (E.isLeft(tiles)) return tiles.left
  const root = await rootFromTiles(tree, checkpoint.treeSize)
  if (E.isLeft(root)) return fail('tree')(root.left)
  if (!same(root.right, checkpoint.rootHash))
    return verificationFailure(
      Math.max(checkpoint.treeSize - 1, 0),
      'checkpoint',
      `the root the tiles give (${Buffer.from(root.right).toString('base64')}) is not the checkpoint's root at size ${checkpoint.treeSize}`,
    )
  const entries = options.entries === true ? await checkEntries(tree, fetch) : E.right(0)
  if (E.isLeft(entries)) return entries.left

  const verifiedBy: KeyName[] = by === undefined ? [] : [by]
  return {
    _tag: 'Verified',
    treeSize: checkpoint.treeSize,
    rootHash: checkpoint.rootHash,
    checkpoints: 1,
    signaturesChecked: options.verifiers !== undefined,
    signedCheckpoints: by === undefined ? 0 : 1,
    latestSignedSize: by === undefined ? 0 : checkpoint.treeSize,
    verifiedBy,
    ...(since === undefined ? {} : { since }),
    hashTiles: tiles.right,
    entriesChecked: entries.right,
    note,
  }
}

