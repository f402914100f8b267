/**
 * The C2SP tlog-tiles layout (c2sp.org/tlog-tiles): which hash tiles and entry bundles a tree of
 * a given size has, their paths (`tile/<L>/<N>[.p/<W>]`, `tile/entries/<N>[.p/<W>]`, N in
 * x-prefixed 3-digit groups), and the entry bundle encoding (big-endian uint16 length-prefixed
 * entries). Pure; `tiles-write.ts` makes the files from a store, `tiles-verify.ts` checks them.
 */
import * as E from 'fp-ts/lib/Either.js'

// ---------------------------------------------------------------------------------------------
// model

/** Hashes in a full tile (and entries in a full bundle). */
export const TILE_WIDTH = 256
/** Tree levels one tile level spans: a tile is a subtree of height 8. */
export const TILE_HEIGHT = 8
/** The longest entry a bundle can hold (its length is a big-endian uint16). */
export const MAX_BUNDLE_ENTRY = 0xffff

/**
 * One tile: a hash tile at `level` (0: leaf hashes) or an entry bundle (`level: 'entries'`), its
 * index in the level and its width (256 for a full tile, 1 to 255 for a partial one).
 */
export interface TileId {
  readonly level: number | 'entries'
  readonly index: number
  readonly width: number
}

// ---------------------------------------------------------------------------------------------
// paths

/**
 * The tile index as the spec writes it: zero-padded 3-digit groups, all but the last prefixed `x`.
 *
 * @example
 * tileIndexPath(1234067) // 'x001/x234/067'
 */
export const tileIndexPath = (index: number): string => {
  const groups: string[] = []
  let n = index
  do {
    groups.unshift(String(n % 1000).padStart(3, '0'))
    n = Math.floor(n / 1000)
  } while (n > 0)
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/')
}

/**
 * A tile's path below the log's prefix.
 *
 * @example
 * tilePath({ level: 0, index: 1234067, width: 256 }) // 'tile/0/x001/x234/067'
 * tilePath({ level: 'entries', index: 3, width: 17 }) // 'tile/entries/003.p/17'
 */
export const tilePath = (t: TileId): string => `tile/${t.level}/${tileIndexPath(t.index)}${t.width === TILE_WIDTH ? '' : `.p/${t.width}`}`

// ---------------------------------------------------------------------------------------------
// layout

/**
 * How many hashes level `level` has in a tree of `size` leaves: `floor(size / 256^level)`.
 *
 * @example
 * hashesAtLevel(70000, 1) // 273
 */
export const hashesAtLevel = (size: number, level: number): number => Math.floor(size / TILE_WIDTH ** level)

/**
 * The tiles of one level of a tree of `size` leaves, full ones first, then the partial one.
 *
 * @example
 * levelTiles(70000, 0).length // 274 (273 full, one of width 112)
 */
export const levelTiles = (size: number, level: number | 'entries'): ReadonlyArray<TileId> => {
  const count = hashesAtLevel(size, level === 'entries' ? 0 : level)
  const full = Math.floor(count / TILE_WIDTH)
  const out: TileId[] = Array.from({ length: full }, (_, index) => ({ level, index, width: TILE_WIDTH }))
  const rest = count % TILE_WIDTH
  if (rest > 0) out.push({ level, index: full, width: rest })
  return out
}

/**
 * The levels of hash tiles a tree of `size` leaves has (none for the empty tree).
 *
 * @example
 * tileLevels(70000) // 3
 */
export const tileLevels = (size: number): number => {
  let levels = 0
  while (hashesAtLevel(size, levels) > 0) levels++
  return levels
}

/**
 * Every hash tile of a tree of `size` leaves, level by level.
 *
 * @example
 * hashTiles(256).map(tilePath) // ['tile/0/000', 'tile/1/000.p/1']
 */
export const hashTiles = (size: number): ReadonlyArray<TileId> =>
  Array.from({ length: tileLevels(size) }, (_, level) => levelTiles(size, level)).flat()

// ---------------------------------------------------------------------------------------------
// entry bundles

/** An entry bundle that cannot be read as the spec's length-prefixed entries. */
export interface BundleInvalid {
  readonly _tag: 'BundleInvalid'
  readonly message: string
}

/**
 * Encodes entries as an entry bundle: each a big-endian uint16 length, then its bytes. An entry
 * longer than 65535 bytes cannot be written (Left, naming its place in the bundle).
 *
 * @example
 * encodeEntryBundle([Buffer.from('{"a":1}')]) // <00 07 7b 22 61 22 3a 31 7d>
 */
export const encodeEntryBundle = (entries: ReadonlyArray<Uint8Array>): E.Either<BundleInvalid, Buffer> => {
  const long = entries.findIndex((e) => e.length > MAX_BUNDLE_ENTRY)
  if (long >= 0)
    return E.left({ _tag: 'BundleInvalid', message: `entry ${long} of the bundle has ${entries[long]!.length} bytes; an entry bundle holds entries of at most ${MAX_BUNDLE_ENTRY} bytes` })
  const parts: Buffer[] = []
  for (const e of entries) {
    const head = Buffer.alloc(2)
    head.writeUInt16BE(e.length)
    parts.push(head, Buffer.from(e.buffer, e.byteOffset, e.byteLength))
  }
  return E.right(Buffer.concat(parts))
}

/**
 * Splits an entry bundle into its entries; Left when a length runs past the end.
 *
 * @example
 * decodeEntryBundle(bundle) // Right([<entry 0 bytes>, <entry 1 bytes>, …])
 */
export const decodeEntryBundle = (bytes: Uint8Array): E.Either<BundleInvalid, ReadonlyArray<Uint8Array>> => {
  const out: Uint8Array[] = []
  let at = 0
  while (at < bytes.length) {
    if (at + 2 > bytes.length) return E.left({ _tag: 'BundleInvalid', message: `entry ${out.length} has a length prefix cut off after ${bytes.length - at} byte` })
    const length = (bytes[at]! << 8) | bytes[at + 1]!
    if (at + 2 + length > bytes.length)
      return E.left({ _tag: 'BundleInvalid', message: `entry ${out.length} claims ${length} bytes but the bundle ends after ${bytes.length - at - 2}` })
    out.push(bytes.subarray(at + 2, at + 2 + length))
    at += 2 + length
  }
  return E.right(out)
}
