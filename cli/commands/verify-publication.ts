/**
 * `verify --tiles DIR --vkey KEY --report FILE --entry FILE.entry.json` (issue 16): a published
 * report checked against its snapshot entry and the public hash tiles: the entry is a report
 * snapshot whose content hash is the SHA-256 of FILE's bytes, and it is included at its position
 * in the log the tiles' checkpoint (signed by the pinned key) commits to, by an inclusion proof
 * rebuilt from the hash tiles alone. Exit 1 naming what failed (hash mismatch, not included,
 * key mismatch, an altered tile or entry file); exit 2 for a file that cannot be read.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { checkPublication, keyLabel } from '../../src/audit/index.js'
import { usage } from '../errors.js'
import { println } from '../io.js'
import { signatureLine, type Trust } from '../trust.js'
import { folderFetch } from './tiles.js'

/** The largest report or entry file read (64 MiB): a published overview is far smaller. */
const MAX_FILE_BYTES = 64 * 1024 * 1024

const readFile = (path: string, option: string): Buffer => {
  const code = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? 'error'
  let st: ReturnType<typeof statSync>
  try {
    st = statSync(path)
  } catch (e) {
    throw usage(`cannot read ${option} ${path} (${code(e)}); check the path and its permissions`)
  }
  if (st.isDirectory()) throw usage(`${option} ${path} is a folder; name the file`)
  const size = st.size
  if (size > MAX_FILE_BYTES) throw usage(`${option} ${path} is larger than ${MAX_FILE_BYTES.toLocaleString('en')} bytes; it is not a published report or its entry file`)
  try {
    return readFileSync(path)
  } catch (e) {
    throw usage(`cannot read ${option} ${path} (${code(e)}); check the path and its permissions`)
  }
}

/** What `verify` passes on. */
export interface PublicationOptions {
  readonly tiles: string
  readonly report?: string
  readonly entry?: string
  readonly json: boolean
  readonly allowUnsigned: boolean
}

/**
 * Checks a published report (`--report`) and its entry (`--entry`) against the tiles in
 * `--tiles` and the trust in force; prints one result and sets the exit code.
 *
 * @example
 * await verifyPublication({ tiles: './public/log', report: 'overzicht-2024.html', entry: 'overzicht-2024.html.entry.json', json: false, allowUnsigned: false }, trust)
 */
export const verifyPublication = async (opts: PublicationOptions, trust: Trust): Promise<void> => {
  if (opts.report === undefined || opts.entry === undefined)
    throw usage('--report FILE and --entry FILE go together: the published report and the snapshot entry written beside it (FILE.entry.json)')
  if (!existsSync(join(opts.tiles, 'checkpoint'))) throw usage(`${opts.tiles} holds no checkpoint; give a folder written by contact-ledger export tiles --out`)
  const report = readFile(opts.report, '--report')
  const entry = readFile(opts.entry, '--entry').toString('utf8')
  const r = await checkPublication(folderFetch(opts.tiles), report, entry, trust.mode === 'none' ? {} : { verifiers: trust.verifiers })
  if (r._tag === 'PublicationFailure') {
    println(opts.json ? JSON.stringify({ ok: false, kind: r.kind, reason: r.message }) : `publication not verified: ${r.message}`)
    process.exitCode = 1
    return
  }
  const signatures = signatureLine(r.tiles, trust, { allowUnsigned: opts.allowUnsigned })
  if (!signatures.trusted) process.exitCode = 1
  const what = `${r.kind}${typeof r.parameters['year'] === 'number' ? ` ${r.parameters['year']}` : ''}`
  if (opts.json) {
    println(
      JSON.stringify({
        ok: signatures.trusted,
        ...(signatures.trusted ? {} : { kind: 'unpinned', reason: 'no signature was checked against a trusted key' }),
        report: opts.report,
        position: r.position,
        reportId: r.reportId,
        reportKind: r.kind,
        parameters: r.parameters,
        contentHash: r.contentHash,
        logSize: r.logSize,
        treeSize: r.tiles.treeSize,
        trust: trust.mode,
        keys: r.verifiedBy.map(keyLabel),
      }),
    )
    return
  }
  println(`verified: ${opts.report} is the ${what} the snapshot entry at position ${r.position} records (content hash ${r.contentHash}, rendered from the log's first ${r.logSize} entries)`)
  println(`included: the entry is leaf ${r.position} of the tiles' checkpoint of size ${r.tiles.treeSize} (inclusion proof rebuilt from the hash tiles; the snapshot's checkpoint matches the tiles at size ${r.logSize})`)
  println(signatures.line)
}
