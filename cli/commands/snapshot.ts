/**
 * `snapshot annual --year Y` and `snapshot confidential --confidential`: render the report from
 * the current log, sign the checkpoint at that size, and record a `ReportSnapshotTaken` through
 * the ledger (rule 12). Prints one JSON line: reportId, logSize, position, contentHash, checkpoint.
 */
import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { signedCheckpoint, proveConsistency, type OriginMismatch } from '../../src/audit/index.js'
import { type Language, type ReportFormat, type StoreError, createLedger, createSnapshotRenderer, isSnapshot } from '../../src/index.js'
import { withKey } from '../audit-io.js'
import { withStore } from '../context.js'
import { CliError, usage } from '../errors.js'
import { println } from '../io.js'
import { signerForStore } from '../keys.js'
import { openStore, storeUrl } from '../stores.js'
import { processingLogFor } from '../processing-log.js'
import { checkPublicationFiles, registerSnapshotPublish, writePublication } from './snapshot-publish.js'
import { checkPeriod, CONFIDENTIAL_REFUSAL, dateOption, withRendering, yearOption } from './report-options.js'
import { ACTOR_ENV, actorOption, resolveActor } from '../actor.js'

interface SnapshotOpts {
  readonly store?: string
  readonly key?: string
  readonly format?: ReportFormat
  readonly language?: Language
  readonly actor?: string
  readonly out?: string
  readonly force?: boolean
}

const take = async (opts: SnapshotOpts, payload: Record<string, unknown>): Promise<void> => {
  const actor = resolveActor(opts)
  // rule 18: the snapshot is recorded by a reporting officer the grants name, never by a claimed role
  if (actor === undefined) throw usage(`a snapshot is recorded by a reporting officer: name them with --actor ID (or ${ACTOR_ENV})`)
  // before anything is recorded: the files --out writes may be written
  if (opts.out !== undefined) checkPublicationFiles(opts.out, payload['kind'] === 'annual-overview', opts.force === true)
  const opened = await openStore(storeUrl(opts.store))
  try {
    const store = opened.store
    const signer = await signerForStore(opts, store, { create: true })
    const ledger = createLedger({
      store,
      keys: opened.keys,
      processingLog: processingLogFor(opened),
      renderSnapshot: createSnapshotRenderer({
        checkpointAt: async (size) => E.mapLeft((e: StoreError | OriginMismatch): StoreError => (e._tag === 'OriginMismatch' ? { _tag: 'StoreError', reason: 'io', message: e.message } : e))(await signedCheckpoint(store, signer, size)()),
        consistency: async (from, to) => E.map((r: { proof: ReadonlyArray<Uint8Array> }) => r.proof.map((h) => Buffer.from(h).toString('base64')))(await proveConsistency(store, from, to)()),
      }),
    })
    const r = await ledger.as(actor).execute({
      command: 'takeReportSnapshot',
      actor: { role: 'reporting-officer' },
      payload: { format: opts.format ?? 'json', ...(opts.language ? { language: opts.language } : {}), ...payload },
    })
    if (E.isLeft(r)) throw new CliError(r.left.message, r.left._tag === 'StoreError' ? 2 : 1)
    const e = r.right.events.find(isSnapshot)
    if (e === undefined) throw new CliError('the snapshot was not recorded; run verify', 2)
    const written = opts.out === undefined ? {} : await writePublication(store, e, opts.out)
    println(JSON.stringify({ reportId: e.data.reportId, logSize: e.data.logSize, position: e.position, contentHash: e.data.contentHash, checkpoint: e.data.checkpoint, ...written }))
  } finally {
    await opened.close()
  }
}

const common = (cmd: Command): Command =>
  withKey(
    withStore(
      actorOption(withRendering(cmd), 'the reporting officer who takes it (role reporting-officer; required)')
        .option('--out <file>', 'also write the rendered report to FILE (its content hash is the snapshot\'s); for the overview, its snapshot entry to FILE.entry.json')
        .option('--force', 'replace FILE (and FILE.entry.json) when they exist'),
    ),
  )

export const registerSnapshot = (program: Command): void => {
  const snapshot = program
    .command('snapshot')
    .summary('render a report from the current log and record a snapshot of it, bound to a signed checkpoint')
    .description(
      'Renders the report from the current log, signs the checkpoint at that size and records a ReportSnapshotTaken\n' +
        'event with the report\'s kind, parameters, log size, checkpoint and content hash (rule 12). An overview snapshot ' +
        'also carries the consistency proof from the previous overview snapshot\'s checkpoint. Prints one JSON line.',
    )
  common(snapshot.command('annual').summary('snapshot the public annual overview').option('--year <year>', 'the year, such as 2024 (required)', yearOption))
    .addHelpText(
      'after',
      '\nExamples:\n  contact-ledger snapshot annual --year 2024 --format html --store sqlite:register.db\n' +
        '  contact-ledger snapshot annual --year 2024 --format html --out overzicht-2024.html   # and overzicht-2024.html.entry.json',
    )
    .action(async (opts: SnapshotOpts & { year?: number }) => {
      if (opts.year === undefined) throw usage('--year is required: name the year of the overview, such as --year 2024')
      await take(opts, { kind: 'annual-overview', year: opts.year })
    })
  common(
    snapshot
      .command('confidential')
      .summary('snapshot the confidential contact list; needs --confidential')
      .option('--confidential', 'confirm that you produce the confidential list (required)')
      .option('--since <date>', 'first day of the period (default 2023-01-01)', dateOption('--since'))
      .option('--until <date>', 'last day of the period (default: the date of the last entry)', dateOption('--until')),
  )
    .addHelpText('after', '\nExample:\n  contact-ledger snapshot confidential --confidential --format csv --store sqlite:register.db')
    .action(async (opts: SnapshotOpts & { confidential?: boolean; since?: string; until?: string }) => {
      if (opts.confidential !== true) throw usage(CONFIDENTIAL_REFUSAL)
      checkPeriod(opts.since, opts.until)
      await take(opts, {
        kind: 'confidential-contact-list',
        ...(opts.since !== undefined ? { since: opts.since } : {}),
        ...(opts.until !== undefined ? { until: opts.until } : {}),
      })
    })
  registerSnapshotPublish(snapshot)
}
