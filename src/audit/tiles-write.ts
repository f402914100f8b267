/**
 * The log as C2SP tlog-tiles, made from a store: every hash tile of the tree at a size (read from
 * the stored tree nodes: a level-L tile holds the nodes of tree level 8·L) and, on request, the
 * entry bundles (the canonical entry bytes, each checked against its stored leaf hash). The caller
 * writes the files (a folder, a bucket); the checkpoint is `signedCheckpoint` at the same size.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import { storeError, type StoreError } from '../domain/errors.js'
import type { EventStore } from '../ports/event-store.js'
import { entryBytes } from './canonical.js'
import { hashLeaf } from './hash.js'
import { encodeEntryBundle, hashTiles, levelTiles, TILE_HEIGHT, TILE_WIDTH, tilePath, type TileId } from './tiles.js'

// ---------------------------------------------------------------------------------------------
// model

/** One file of a tile tree: the tile, its path below the prefix and its bytes. */
export interface TileFile {
  readonly tile: TileId
  readonly path: string
  readonly bytes: Uint8Array
}

/** What `writeTiles` handed to the writer. */
export interface TilesWritten {
  readonly treeSize: number
  readonly hashTiles: number
  readonly entryBundles: number
}

/** Options of `writeTiles`. */
export interface TileOptions {
  /** Also the entry bundles (`tile/entries/…`): the whole register, restricted like an export. */
  readonly withEntries?: boolean
}

// ---------------------------------------------------------------------------------------------
// reading the store

const hashTileBytes =
  (store: EventStore, tile: TileId & { readonly level: number }): TaskEither<StoreError, Uint8Array> =>
  async () => {
    const ids = Array.from({ length: tile.width }, (_, i) => ({ level: tile.level * TILE_HEIGHT, index: tile.index * TILE_WIDTH + i }))
    const nodes = await store.nodes(ids)()
    if (E.isLeft(nodes)) return nodes
    const missing = nodes.right.findIndex((n) => n === undefined)
    if (missing >= 0)
      return E.left(storeError('corrupt', `the stored Merkle node ${ids[missing]!.level}:${ids[missing]!.index} is missing, so ${tilePath(tile)} cannot be made; run contact-ledger verify`))
    return E.right(Buffer.concat(nodes.right as ReadonlyArray<Uint8Array>))
  }

/** The canonical bytes of entries [from, from + count): the stored text where the store offers it. */
const entryRange = async (store: EventStore, from: number, count: number): Promise<E.Either<StoreError, ReadonlyArray<Uint8Array>>> => {
  if (store.entries !== undefined) {
    const r = await store.entries({ from, limit: count })()
    return E.isLeft(r) ? r : E.right(r.right.map((x) => Buffer.from(x.entry, 'utf8')))
  }
  const r = await store.read({ from, to: from + count, limit: count })()
  return E.isLeft(r) ? r : E.right(r.right.map(entryBytes))
}

const bundleBytes =
  (store: EventStore, tile: TileId, leaves: Uint8Array): TaskEither<StoreError, Uint8Array> =>
  async () => {
    const from = tile.index * TILE_WIDTH
    const entries = await entryRange(store, from, tile.width)
    if (E.isLeft(entries)) return entries
    if (entries.right.length !== tile.width)
      return E.left(storeError('corrupt', `entries ${from} to ${from + tile.width - 1} should be ${tile.width} but the store gave ${entries.right.length}; run contact-ledger verify`))
    for (const [i, bytes] of entries.right.entries()) {
      if (Buffer.compare(hashLeaf(bytes), leaves.subarray(i * 32, i * 32 + 32)) !== 0)
        return E.left(storeError('corrupt', `entry ${from + i} does not hash to its stored leaf; run contact-ledger verify`))
    }
    const bundle = encodeEntryBundle(entries.right)
    return E.isLeft(bundle) ? E.left(storeError('unreadable', `${tilePath(tile)}: ${bundle.left.message.replace(/^entry (\d+)/, (_, k: string) => `entry ${from + Number(k)}`)}`)) : bundle
  }

// ---------------------------------------------------------------------------------------------
// writing

/**
 * Hands every hash tile of the log's tree at `size` to `write` (level 0 first, full tiles before
 * the partial one), and with `withEntries` each level-0 tile's entry bundle after it. The same
 * log at the same size always gives the same bytes; a larger size leaves every full tile as it
 * was. Exceptions thrown by `write` pass through.
 *
 * @example
 * await writeTiles(store, size, { withEntries: false }, async (f) => writeFileSync(join(dir, f.path), f.bytes))()
 */
export const writeTiles =
  (store: EventStore, size: number, options: TileOptions, write: (file: TileFile) => Promise<void>): TaskEither<StoreError, TilesWritten> =>
  async () => {
    let written = 0
    let bundles = 0
    for (const tile of hashTiles(size)) {
      const level = tile.level as number
      const bytes = await hashTileBytes(store, { ...tile, level })()
      if (E.isLeft(bytes)) return bytes
      await write({ tile, path: tilePath(tile), bytes: bytes.right })
      written++
      if (options.withEntries === true && level === 0) {
        const entryTile: TileId = { level: 'entries', index: tile.index, width: tile.width }
        const bundle = await bundleBytes(store, entryTile, bytes.right)()
        if (E.isLeft(bundle)) return bundle
        await write({ tile: entryTile, path: tilePath(entryTile), bytes: bundle.right })
        bundles++
      }
    }
    return E.right({ treeSize: size, hashTiles: written, entryBundles: bundles })
  }

/**
 * The entry bundles a tree of `size` leaves has (what `withEntries` adds).
 *
 * @example
 * entryBundles(300).map(tilePath) // ['tile/entries/000', 'tile/entries/001.p/44']
 */
export const entryBundles = (size: number): ReadonlyArray<TileId> => levelTiles(size, 'entries')
