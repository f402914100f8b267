/**
 * Reading a C2SP tlog-tiles tree through any fetch (a folder, a static web server): the hash of
 * any complete subtree, the root at any size up to the tree's, and inclusion and consistency
 * proofs, all from the hash tiles alone. A tile of the wrong length, or one that is not there, is
 * a `TileInvalid` naming its path.
 */
import * as E from 'fp-ts/lib/Either.js'
import { EMPTY_ROOT, hashChildren } from './hash.js'
import { consistencyRanges, inclusionRanges, rangeNodes, type LeafRange } from './proof.js'
import { hashesAtLevel, TILE_HEIGHT, TILE_WIDTH, tilePath, type TileId } from './tiles.js'
import type { NodeId } from './tree.js'

// ---------------------------------------------------------------------------------------------
// model

/** Fetches a file of the tile tree by its path below the prefix (`checkpoint`, `tile/0/000`); `undefined` when it is not there. */
export type TileFetch = (path: string) => Promise<Uint8Array | undefined>

/** A tile that is missing or malformed, or a request the tree cannot answer. */
export interface TileInvalid {
  readonly _tag: 'TileInvalid'
  /** The first leaf the tile covers (for a verification failure's position). */
  readonly position: number
  readonly message: string
}

/** A tile tree of a known size, read through a fetch. */
export interface TileTree {
  readonly size: number
  /** The hash of the complete subtree `(level, index)` (leaves `[index·2^level, (index+1)·2^level)`). */
  readonly node: (id: NodeId) => Promise<E.Either<TileInvalid, Uint8Array>>
  /** A hash tile's bytes, checked for length. */
  readonly tile: (tile: TileId & { readonly level: number }) => Promise<E.Either<TileInvalid, Uint8Array>>
}

const HASH = 32
const CACHED_TILES = 64

const invalid = (position: number, message: string): TileInvalid => ({ _tag: 'TileInvalid', position, message })

// ---------------------------------------------------------------------------------------------
// hashing

/**
 * The RFC 6962 hash of a run of hashes whose count is a power of two (a tile's subtree).
 *
 * @example
 * subtreeOf(tileBytes, 0, 256) // the Merkle Tree Hash of a full tile
 */
export const subtreeOf = (hashes: Uint8Array, first: number, count: number): Uint8Array => {
  let level: Uint8Array[] = Array.from({ length: count }, (_, i) => hashes.subarray((first + i) * HASH, (first + i + 1) * HASH))
  while (level.length > 1) {
    const next: Uint8Array[] = []
    for (let i = 0; i < level.length; i += 2) next.push(hashChildren(level[i]!, level[i + 1]!))
    level = next
  }
  return level[0]!
}

// ---------------------------------------------------------------------------------------------
// the tree

/**
 * Opens the tile tree of a log of `size` entries (the size of a checkpoint one trusts) through a
 * fetch. Keeps the last few tiles it read.
 *
 * @example
 * const tree = openTileTree((p) => readFile(join(dir, p)).catch(() => undefined), 1000)
 * const root = await rootFromTiles(tree, 1000)
 */
export const openTileTree = (fetch: TileFetch, size: number): TileTree => {
  const cache = new Map<string, Uint8Array>()
  const tile = async (t: TileId & { readonly level: number }): Promise<E.Either<TileInvalid, Uint8Array>> => {
    const path = tilePath(t)
    const first = t.index * TILE_WIDTH * TILE_WIDTH ** t.level
    const hit = cache.get(path)
    if (hit !== undefined) return E.right(hit)
    const bytes = await fetch(path)
    if (bytes === undefined) return E.left(invalid(first, `${path} is missing; a tree of size ${size} has it`))
    if (bytes.length !== t.width * HASH)
      return E.left(invalid(first, `${path} has ${bytes.length} bytes; a tile of ${t.width} hashes has ${t.width * HASH}`))
    if (cache.size >= CACHED_TILES) cache.delete(cache.keys().next().value!)
    cache.set(path, bytes)
    return E.right(bytes)
  }
  const node = async (id: NodeId): Promise<E.Either<TileInvalid, Uint8Array>> => {
    const level = Math.floor(id.level / TILE_HEIGHT)
    const span = 2 ** (id.level % TILE_HEIGHT)
    const first = id.index * span // in hashes of tile level `level`
    const have = hashesAtLevel(size, level)
    if (first + span > have) return E.left(invalid(id.index * 2 ** id.level, `the subtree ${id.level}:${id.index} is beyond a tree of size ${size}`))
    const index = Math.floor(first / TILE_WIDTH)
    const width = index < Math.floor(have / TILE_WIDTH) ? TILE_WIDTH : have % TILE_WIDTH
    const bytes = await tile({ level, index, width })
    return E.isLeft(bytes) ? bytes : E.right(subtreeOf(bytes.right, first - index * TILE_WIDTH, span))
  }
  return { size, node, tile }
}

const rangeHash = async (tree: TileTree, range: LeafRange): Promise<E.Either<TileInvalid, Uint8Array>> => {
  const ids = rangeNodes(range)
  if (ids.length === 0) return E.right(EMPTY_ROOT)
  const hashes: Uint8Array[] = []
  for (const id of ids) {
    const h = await tree.node(id)
    if (E.isLeft(h)) return h
    hashes.push(h.right)
  }
  let acc = hashes[hashes.length - 1]!
  for (let i = hashes.length - 2; i >= 0; i--) acc = hashChildren(hashes[i]!, acc)
  return E.right(acc)
}

const beyond = (tree: TileTree, what: string, n: number): E.Either<TileInvalid, never> =>
  E.left(invalid(Math.max(tree.size - 1, 0), `${what} ${n} is beyond the tile tree, which has ${tree.size} entries`))

/**
 * The RFC 6962 root of the first `size` entries, from the tiles (any size up to the tree's).
 *
 * @example
 * const root = await rootFromTiles(tree, tree.size) // compare with the checkpoint's root
 */
export const rootFromTiles = (tree: TileTree, size: number): Promise<E.Either<TileInvalid, Uint8Array>> =>
  size > tree.size ? Promise.resolve(beyond(tree, 'the tree size', size)) : rangeHash(tree, { from: 0, to: size })

const hashesOf = async (tree: TileTree, ranges: ReadonlyArray<LeafRange>): Promise<E.Either<TileInvalid, ReadonlyArray<Uint8Array>>> => {
  const out: Uint8Array[] = []
  for (const r of ranges) {
    const h = await rangeHash(tree, r)
    if (E.isLeft(h)) return h
    out.push(h.right)
  }
  return E.right(out)
}

/**
 * The inclusion proof of entry `index` in the tree of `size` entries, from the hash tiles alone,
 * with the entry's leaf hash. Check it with `verifyInclusion` against a checkpoint's root.
 *
 * @example
 * const p = await inclusionFromTiles(tree, 12, tree.size) // Right({ leafHash, proof })
 */
export const inclusionFromTiles = async (
  tree: TileTree,
  index: number,
  size: number,
): Promise<E.Either<TileInvalid, { readonly leafHash: Uint8Array; readonly proof: ReadonlyArray<Uint8Array> }>> => {
  if (size > tree.size) return beyond(tree, 'the tree size', size)
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) return E.left(invalid(0, `position ${index} is not in a tree of ${size} entries`))
  const r = await hashesOf(tree, [{ from: index, to: index + 1 }, ...inclusionRanges(index, size)])
  if (E.isLeft(r)) return r
  const [leafHash, ...proof] = r.right
  return E.right({ leafHash: leafHash!, proof })
}

/**
 * The consistency proof from `oldSize` to `newSize` (both at most the tree's size), from the
 * hash tiles alone. Check it with `verifyConsistency`.
 *
 * @example
 * const proof = await consistencyFromTiles(tree, kept.treeSize, tree.size)
 */
export const consistencyFromTiles = async (tree: TileTree, oldSize: number, newSize: number): Promise<E.Either<TileInvalid, ReadonlyArray<Uint8Array>>> => {
  if (newSize > tree.size) return beyond(tree, 'the new tree size', newSize)
  if (oldSize > newSize) return E.left(invalid(0, `the old tree size ${oldSize} is larger than the new tree size ${newSize}`))
  return oldSize === 0 || oldSize === newSize ? E.right([]) : hashesOf(tree, consistencyRanges(oldSize, newSize))
}
