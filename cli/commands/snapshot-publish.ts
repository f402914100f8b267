/**
 * Publishing a snapshot (issue 16): the exact bytes a recorded snapshot is of, written to FILE,
 * and for the public overview its snapshot entry beside it (`FILE.entry.json`: position, the
 * entry's canonical JSON text and its leaf hash), so anyone can check the file against the
 * public hash tiles and the pinned key with `verify --tiles DIR --report FILE --entry FILE.entry.json`.
 * `snapshot annual --out FILE` does it when the snapshot is taken; `snapshot publish --position N
 * --out FILE` does it again for a snapshot already recorded.
 */
import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { publicationEntry } from '../../src/audit/index.js'
import { type EventStore, type StoredEvent, isSnapshot, snapshotText } from '../../src/index.js'
import { orExit } from '../audit-io.js'
import { usingLedger, withStore } from '../context.js'
import { CliError, usage } from '../errors.js'
import { println, wholeNumber } from '../io.js'
import { checkOutputFile, writeAtomically } from '../outputs.js'

/** The entry file written beside a published overview. @example entryFileOf('overzicht-2024.html') // 'overzicht-2024.html.entry.json' */
export const entryFileOf = (out: string): string => `${out}.entry.json`

/**
 * Checks, before anything is recorded, that FILE (and for the overview FILE.entry.json) may be
 * written: not a file of the register, not a folder, not an existing file unless `force`.
 *
 * @example
 * checkPublicationFiles('overzicht-2024.html', true, false) // throws a usage error when either exists
 */
export const checkPublicationFiles = (out: string, publicOverview: boolean, force: boolean): void => {
  checkOutputFile(out, { force })
  if (publicOverview) checkOutputFile(entryFileOf(out), { force, option: '--out (its entry file)' })
}

/**
 * Writes what a recorded snapshot is of to `out` (public overview: world-readable; the
 * confidential list: owner only) and, for the public overview, its entry to `out.entry.json`.
 * Returns the files written.
 *
 * @example
 * await writePublication(store, snapshotEvent, 'overzicht-2024.html') // { out: 'overzicht-2024.html', entry: 'overzicht-2024.html.entry.json' }
 */
export const writePublication = async (store: EventStore, e: StoredEvent & { type: 'ReportSnapshotTaken' }, out: string): Promise<{ readonly out: string; readonly entry?: string }> => {
  const text = await snapshotText(store, e as never)
  if (E.isLeft(text)) throw new CliError(text.left.message, 2)
  const overview = e.data.kind === 'annual-overview'
  writeAtomically(out, text.right, overview ? 0o644 : 0o600)
  if (!overview) return { out }
  const entry = await orExit(publicationEntry(store, e.position))
  writeAtomically(entryFileOf(out), `${JSON.stringify(entry, null, 2)}\n`, 0o644)
  return { out, entry: entryFileOf(out) }
}

/** Adds `snapshot publish --position N --out FILE` below `snapshot`. @example registerSnapshotPublish(program.commands.find((c) => c.name() === 'snapshot')!) */
export const registerSnapshotPublish = (snapshot: Command): void => {
  withStore(
    snapshot
      .command('publish')
      .summary('write a recorded snapshot\'s report to FILE, and for the overview its snapshot entry to FILE.entry.json')
      .description(
        'Renders a recorded snapshot again from its log prefix with its own report version and checkpoint, checks the ' +
          'bytes against its content hash and writes them to FILE. For the public annual overview it also writes ' +
          'FILE.entry.json: the snapshot entry (its position, canonical JSON text and leaf hash), so anyone can check ' +
          'the published file against the public tiles: contact-ledger verify --tiles DIR --vkey KEY --report FILE ' +
          '--entry FILE.entry.json. The entry is public by design: it holds the report\'s kind, year, format, log size, ' +
          'checkpoint and content hash, the recording time and the reporting officer\'s actor id.',
      )
      .option('--position <n>', 'the position of the ReportSnapshotTaken entry (snapshot annual prints it; required)', wholeNumber('--position'))
      .option('--out <file>', 'the file to write (required; never a file of the register)')
      .option('--force', 'replace FILE and FILE.entry.json when they exist'),
  )
    .addHelpText('after', '\nExample:\n  contact-ledger snapshot publish --position 41 --out overzicht-2024.html --store sqlite:register.db')
    .action(async (opts: { store?: string; position?: number; out?: string; force?: boolean }) => {
      if (opts.position === undefined) throw usage('--position is required: the position of the snapshot entry, as snapshot annual printed it')
      if (opts.out === undefined) throw usage('--out is required: the file to write the report to')
      const out = opts.out
      await usingLedger(opts, async ({ ledger }) => {
        const read = await orExit(ledger.store.read({ from: opts.position!, to: opts.position! + 1, limit: 1 }))
        const e = read[0]
        if (e === undefined || e.position !== opts.position) throw new CliError(`the log has no entry at position ${opts.position}`, 1)
        if (!isSnapshot(e)) throw new CliError(`the entry at position ${opts.position} is a ${e.type}, not a report snapshot`, 1)
        checkPublicationFiles(out, e.data.kind === 'annual-overview', opts.force === true)
        const written = await writePublication(ledger.store, e, out)
        println(JSON.stringify({ reportId: e.data.reportId, position: e.position, contentHash: e.data.contentHash, ...written }))
      })
    })
}
