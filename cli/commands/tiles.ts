/**
 * `export tiles --out DIR [--with-entries]`: the log as C2SP tlog-tiles (c2sp.org/tlog-tiles), for
 * any static web server: `checkpoint` (the signed note) and the hash tiles `tile/<L>/<N>[.p/<W>]`,
 * which reveal nothing of the register. `--with-entries` adds the entry bundles
 * `tile/entries/<N>[.p/<W>]`: the whole register, restricted like `export` (DOMAIN.md rule 20),
 * written owner-only. Exporting again after more entries rewrites only partial tiles and adds new
 * ones: a full tile already in DIR is never rewritten, and one that differs from the log's is
 * refused (exit 1), as is a checkpoint in DIR larger than the log. And `verify --tiles DIR`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { parseCheckpoint, signedCheckpoint, TILE_WIDTH, verifyTiles, writeTiles, type TileFile, type TilesVerified, type VerificationFailure } from '../../src/audit/index.js'
import { orExit, withKey } from '../audit-io.js'
import { usingLedger, withStore } from '../context.js'
import { authorised, usingRestricted, withReader } from '../restricted.js'
import type { Ledger } from '../../src/index.js'
import { CliError, usage } from '../errors.js'
import { println } from '../io.js'
import { signerForStore } from '../keys.js'
import type { Trust } from '../trust.js'

const code = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? 'error'

/** Writes a file through a temporary name and a rename, so a reader never sees half a tile. */
const writeAtomic = (path: string, bytes: Uint8Array | string, mode: number): void => {
  const tmp = `${path}.tmp-${process.pid}`
  try {
    mkdirSync(dirname(path), { recursive: true, mode: mode === 0o600 ? 0o700 : 0o777 })
    writeFileSync(tmp, bytes, { mode })
    renameSync(tmp, path)
  } catch (e) {
    throw usage(`cannot write ${path} (${code(e)}); check that you may write to the folder`)
  }
}

const readIfThere = (path: string): Buffer | undefined => {
  try {
    return readFileSync(path)
  } catch (e) {
    if (code(e) === 'ENOENT' || code(e) === 'ENOTDIR') return undefined
    throw usage(`cannot read ${path} (${code(e)}); check its permissions`)
  }
}

/** The size of the checkpoint already in DIR, if it holds one. */
const publishedSize = (dir: string): number | undefined => {
  const note = readIfThere(join(dir, 'checkpoint'))?.toString('utf8')
  if (note === undefined) return undefined
  const body = parseCheckpoint(note.slice(0, note.lastIndexOf('\n\n') + 1))
  return E.isRight(body) ? body.right.treeSize : undefined
}

interface TileCounts {
  written: number
  unchanged: number
}

/** The writer: full tiles already there stay untouched (and must be the same bytes); entry bundles owner-only. */
const tileWriter =
  (dir: string, counts: TileCounts) =>
  async (f: TileFile): Promise<void> => {
    const path = join(dir, f.path)
    const there = readIfThere(path)
    if (there !== undefined && Buffer.compare(there, f.bytes) === 0) {
      counts.unchanged++
      return
    }
    if (there !== undefined && f.tile.width === TILE_WIDTH)
      throw new CliError(
        `${f.path} in ${dir} differs from the log's: a full tile once published never changes, so the log no longer extends the published tiles (forked or rewritten); nothing was overwritten`,
        1,
      )
    writeAtomic(path, f.bytes, f.tile.level === 'entries' ? 0o600 : 0o644)
    counts.written++
  }

/** Reads files of a tile folder: `undefined` for one that is not there. */
export const folderFetch =
  (dir: string) =>
  async (path: string): Promise<Uint8Array | undefined> =>
    readIfThere(join(dir, path))

/**
 * `verify --tiles DIR`: the tile tree in DIR against the trust in force; its entry bundles too
 * when DIR has them.
 *
 * @example
 * const r = await tilesResult('./tiles', trust, undefined)
 */
export const tilesResult = async (dir: string, trust: Trust, since: string | undefined): Promise<TilesVerified | VerificationFailure> => {
  if (!existsSync(join(dir, 'checkpoint'))) throw usage(`${dir} holds no checkpoint; give a folder written by contact-ledger export tiles --out`)
  return verifyTiles(folderFetch(dir), {
    ...(trust.mode === 'none' ? {} : { verifiers: trust.verifiers }),
    entries: existsSync(join(dir, 'tile', 'entries')),
    ...(since === undefined ? {} : { since }),
  })
}

/** The line `verify --tiles` adds: what was checked. */
export const tilesLine = (r: TilesVerified): string =>
  `tiles: ${r.hashTiles} hash tiles checked against each other and the checkpoint's root${r.entriesChecked > 0 ? `; ${r.entriesChecked} entries checked leaf by leaf against tile/0` : '; no entry bundles (tile/entries) to check'}`

/** Adds `tiles` below the `export` command (registered before it). */
export const registerExportTiles = (program: Command): void => {
  const exportCommand = program.commands.find((c) => c.name() === 'export')
  if (exportCommand === undefined) throw new Error('registerExportTiles: register the export command first')
  withKey(
    withReader(withStore(
      exportCommand
        .command('tiles')
        .summary('write the log as C2SP tlog-tiles for a static web server')
        .description(
          'Writes to DIR the signed checkpoint and the hash tiles tile/<L>/<N>[.p/<W>] (c2sp.org/tlog-tiles), ' +
            'which reveal nothing of the register and can be served by any static web server. With --with-entries ' +
            'also the entry bundles tile/entries/<N>[.p/<W>] (the canonical entry bytes, uint16 length-prefixed): ' +
            'the whole register, restricted like export (auditors only; written owner-only). Exporting again ' +
            'after more entries rewrites only partial tiles and adds new ones; a full tile in DIR that differs ' +
            "from the log's is refused (exit 1). Check with contact-ledger verify --tiles DIR --vkey PUBLISHED.vkey.",
        )
        .option('--out <dir>', 'the folder to write (made when missing; required)')
        .option('--with-entries', 'also write the entry bundles (the whole register: restricted, auditor; needs --actor)'),
    ), 'tiles-with-entries'),
  )
    .addHelpText('after', '\nExample:\n  contact-ledger export tiles --store sqlite:register.db --out ./public/log')
    .action(async (_: unknown, command: Command) => {
      const opts = command.optsWithGlobals<{ store?: string; key?: string; out?: string; withEntries?: boolean; actor?: string; purpose?: string }>()
      if (opts.out === undefined) throw usage('export tiles needs --out DIR: the folder to write the tiles to')
      const out = opts.out
      // a tile tree manages its own files: an empty folder, or one written by export tiles, never another folder's files
      if (existsSync(out) && !existsSync(join(out, 'checkpoint')) && !existsSync(join(out, 'tile'))) {
        let held: string[] = []
        try {
          held = readdirSync(out)
        } catch (e) {
          throw usage(`cannot use ${out} as the tiles folder (${code(e)}); give a folder (made when missing)`)
        }
        if (held.length > 0) throw usage(`${out} holds other files (${held.slice(0, 3).join(', ')}${held.length > 3 ? ', …' : ''}) and no tiles; give an empty folder or one written by contact-ledger export tiles`)
      }
      const write = async (ledger: Ledger, size: number): Promise<void> => {
        try {
          mkdirSync(out, { recursive: true })
        } catch (e) {
          throw usage(`cannot make the folder ${out} (${code(e)}); check the path and its permissions`)
        }
        const store = ledger.store
        const signer = await signerForStore(opts, store, { create: true })
        const before = publishedSize(out)
        if (before !== undefined && before > size)
          throw new CliError(`${out} holds a checkpoint of size ${before}, larger than the log's ${size}: refusing to roll the published tiles back`, 1)
        const counts: TileCounts = { written: 0, unchanged: 0 }
        const done = await orExit(writeTiles(store, size, { withEntries: opts.withEntries === true }, tileWriter(out, counts)))
        const cp = await orExit(signedCheckpoint(store, signer, size))
        writeAtomic(join(out, 'checkpoint'), cp.note, 0o644)
        if (opts.withEntries === true)
          process.stderr.write(
            `contact-ledger: ${join(out, 'tile', 'entries')} holds the whole register (restricted: auditors only, DOMAIN.md rule 20); it is written owner-only: never publish it with the public tiles\n`,
          )
        println(
          `exported ${size} entries as tiles to ${out}: ${done.hashTiles} hash tiles${opts.withEntries === true ? ` and ${done.entryBundles} entry bundles` : ''} (${counts.written} written, ${counts.unchanged} unchanged) and the checkpoint at size ${size} signed by ${signer.verifierKey.split('+').slice(0, 2).join('+')}; check it with: contact-ledger verify --tiles ${out} --vkey PUBLISHED.vkey`,
        )
      }
      // the entry bundles are the whole register: restricted (rule 20, auditor), checked and logged before anything is written
      if (opts.withEntries === true)
        return usingRestricted(opts, 'tiles-with-entries', {}, async ({ ledger, reads }) => {
          const size = await orExit(ledger.store.size())
          await authorised(reads, 'tiles-with-entries', { size })
          await write(ledger, size)
        })
      await usingLedger(opts, async ({ ledger }) => write(ledger, await orExit(ledger.store.size())))
    })
}
