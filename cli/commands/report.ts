/**
 * `report annual`, `report confidential --confidential` and `report audit`: render a report from
 * the whole log or from its first N entries, to standard output (the exact bytes) or a file.
 */
import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { pageProgress } from '../progress.js'
import { type Language, type ReportFormat, renderAt, renderFromBundle, type ReportRequest, AUDIT_FORMATS, type EventStore, type KeyStore } from '../../src/index.js'
import { bundleSource } from '../bundle-files.js'
import { usingLedger, withStore } from '../context.js'
import { pinned, signatureLine } from '../trust.js'
import { checkOutputFile, writeAtomically } from '../outputs.js'
import { CliError, oneLine, usage } from '../errors.js'
import { ACTOR_ENV, resolveActor } from '../actor.js'
import { wholeNumber } from '../io.js'
import { checkPeriod, CONFIDENTIAL_REFUSAL, dateOption, withBundle, withRendering, yearOption } from './report-options.js'
import { readFailure, usingRestricted, withReader } from '../restricted.js'

interface RenderOpts {
  readonly store?: string
  readonly format?: ReportFormat
  readonly language?: Language
  readonly at?: number
  readonly out?: string
  readonly bundle?: string
  readonly asOf?: string
  readonly vkey?: string[]
  readonly signatures?: boolean
  readonly force?: boolean
  readonly actor?: string
  readonly purpose?: string
}

/**
 * Writes a rendering exactly: to a file with --out (owner only, 0600, unless it is the public
 * overview; whole or not at all, outputs.ts), else to standard output.
 */
export const emit = (text: string, out: string | undefined, restricted = true): void => {
  if (out === undefined) {
    process.stdout.write(text)
    return
  }
  writeAtomically(out, text, restricted ? 0o600 : 0o666)
}

/** Renders a report from a store, turning failures into one-line CLI errors (exit 2). */
export const renderOrFail = async (store: EventStore, request: ReportRequest, opts: RenderOpts, unseal?: KeyStore) => {
  const progress = pageProgress('reading the log', 'entries')
  const r = await renderAt(store, request, {
    format: opts.format ?? 'json',
    ...(opts.language ? { language: opts.language } : {}),
    ...(opts.at !== undefined ? { at: opts.at } : {}),
    onProgress: progress.update,
    // the auditor's view shows sealed free texts (rule 20); renderAt unseals for it alone
    ...(unseal !== undefined ? { unseal } : {}),
  }).finally(progress.stop)
  if (E.isLeft(r)) throw new CliError(r.left.message, 2)
  return r.right
}

/** `--year` is required; commander's own message would not be one line. */
export const requireYear = (year: number | undefined): number => {
  if (year === undefined) throw usage('--year is required: name the year of the overview, such as --year 2024')
  return year
}

/**
 * Renders a report from an exported bundle (`--bundle DIR [--as-of DATE]`): verifies it against the
 * pinned key first (as `verify --bundle` does), then renders from the entries recorded by the end of
 * DATE; says on stderr which log size it used and against what the signatures were checked.
 */
const fromBundle = async (dir: string, request: ReportRequest, opts: RenderOpts): Promise<string> => {
  if (opts.at !== undefined) throw usage('--at and --bundle do not go together: with a bundle, give the day with --as-of DATE')
  // rule 20: a restricted report from a copy names its reader too, checked against the copy's own grants
  const restricted = request.kind !== 'annual-overview'
  const reader = restricted ? resolveActor(opts) : undefined
  if (restricted && reader === undefined)
    throw usage(`this report is restricted (rule 20), also from a bundle: name who reads with --actor ID or ${ACTOR_ENV}; a bundle is a copy, so the read is in no access log of the register (README, "Copies")`)
  const verifiers = pinned(opts.vkey)
  const r = await renderFromBundle(bundleSource(dir), request, {
    format: opts.format ?? 'json',
    ...(opts.language ? { language: opts.language } : {}),
    ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}),
    ...(verifiers !== undefined ? { verifiers } : {}),
    ...(reader !== undefined ? { reader } : {}),
  })
  if (E.isLeft(r)) throw new CliError(r.left._tag === 'Unauthorized' ? `Unauthorized: ${r.left.message}` : r.left.message, 1)
  const trust = verifiers === undefined ? ({ mode: 'none' } as const) : ({ mode: 'pinned', verifiers } as const)
  const signatures = signatureLine(r.right.verified, trust, { allowUnsigned: opts.signatures === false })
  if (!signatures.trusted) throw new CliError(`the bundle was not rendered: ${signatures.line}`, 1)
  const asOf = opts.asOf === undefined ? '' : `, recorded by the end of ${opts.asOf} (Europe/Amsterdam)`
  process.stderr.write(`report of the bundle's first ${r.right.logSize} of ${r.right.bundleSize} entries${asOf}\n${signatures.line}\n`)
  if (reader !== undefined)
    process.stderr.write(`read by ${reader}${opts.purpose !== undefined ? ` (purpose: ${oneLine(opts.purpose).slice(0, 200)})` : ''} from a copy: this read is in no access log of the register; the export that made the copy is\n`)
  return r.right.text
}

const run = (request: (o: never) => ReportRequest) => async (opts: RenderOpts) => {
  const req = request(opts as never)
  // before any work: --out is no file of the register, and an existing file needs --force
  if (opts.out !== undefined) checkOutputFile(opts.out, { force: opts.force === true })
  if (opts.bundle !== undefined) return emit(await fromBundle(opts.bundle, req, opts), opts.out, req.kind !== 'annual-overview')
  if (opts.asOf !== undefined) throw usage('--as-of goes with --bundle DIR (a bundle written by export); on a store, give a log size with --at N')
  if (req.kind === 'annual-overview') return usingLedger(opts, async ({ ledger }) => emit((await renderOrFail(ledger.store, req, opts)).text, opts.out, false))
  await restricted(req, opts)
}

/**
 * The confidential list and the auditor's view from a store: restricted reads (rule 20), checked
 * against the actor's grants and written to the access log before the log is read.
 */
const restricted = async (req: ReportRequest, opts: RenderOpts): Promise<void> => {
  const render = { format: opts.format ?? 'json', ...(opts.language ? { language: opts.language } : {}), ...(opts.at !== undefined ? { at: opts.at } : {}) } as const
  const rendered = (r: Awaited<ReturnType<typeof renderAt>>) => {
    if (E.isLeft(r)) throw new CliError(r.left.message, 2)
    return r.right
  }
  if (req.kind === 'confidential-contact-list') {
    const period = { ...(req.since !== undefined ? { since: req.since } : {}), ...(req.until !== undefined ? { until: req.until } : {}) }
    return usingRestricted(opts, 'confidential-list', { ...period, format: render.format, ...(opts.at !== undefined ? { at: opts.at } : {}) }, async ({ reads }) => {
      const progress = pageProgress('reading the log', 'entries')
      const r = await reads.confidentialList(period, { ...render, onProgress: progress.update }).finally(progress.stop)
      if (E.isLeft(r) && (r.left._tag === 'Unauthorized' || r.left._tag === 'DecodeError')) throw readFailure(r.left)
      emit(rendered(r as Awaited<ReturnType<typeof renderAt>>).text, opts.out)
    })
  }
  if (req.kind === 'audit-view') {
    const filter: { organisationId?: string } = req.organisationId !== undefined ? { organisationId: req.organisationId } : {}
    return usingRestricted(opts, 'audit-view', { ...(filter.organisationId !== undefined ? { organisationId: filter.organisationId } : {}), format: render.format, ...(opts.at !== undefined ? { at: opts.at } : {}) }, async ({ reads }) => {
      const progress = pageProgress('reading the log', 'entries')
      const r = await reads.auditView(filter, { ...render, onProgress: progress.update }).finally(progress.stop)
      if (E.isLeft(r) && (r.left._tag === 'Unauthorized' || r.left._tag === 'DecodeError')) throw readFailure(r.left)
      emit(rendered(r as Awaited<ReturnType<typeof renderAt>>).text, opts.out)
    })
  }
}

const common = (cmd: Command, formats?: ReadonlyArray<ReportFormat>): Command =>
  withBundle(
    withStore(
      withRendering(cmd, formats)
        .option('--at <n>', 'render from the log\'s first N entries (default: the whole log)', wholeNumber('--at'))
        .option('--out <file>', 'write to FILE instead of standard output (never a file of the register; whole or not at all)')
        .option('--force', 'replace FILE when it exists'),
    ),
  )

export const registerReport = (program: Command): void => {
  const report = program
    .command('report')
    .summary('render the annual overview, the confidential list or the auditor\'s view')
    .description('Renders a report from the whole log or from its first N entries (--at). The same log prefix always gives the same bytes.')

  common(
    report
      .command('annual')
      .summary('the public annual overview of structural partners (rule 7)')
      .description(
        'The public annual overview (DOMAIN.md rule 7): each organisation with a partnership active in the year, with its name as valid at the end of the year, kind, KvK number where known, programme, themes, start, and end when in the year. Since report version 2 it shows no internal ids and no contact counts: the letter asks to show "met wie ik de samenwerking aan zal gaan" (with whom), not how often, and an id would link its rows to the confidential list.',
      )
      .option('--year <year>', 'the year, such as 2024 (required)', yearOption),
  )
    .addHelpText('after', '\nExample:\n  contact-ledger report annual --year 2024 --format html --out overzicht-2024.html')
    .action(run((o: { year?: number }) => ({ kind: 'annual-overview', year: requireYear(o.year) })))

  common(
    withReader(
    report
      .command('confidential')
      .summary('the confidential contact list (rule 8), marked VERTROUWELIJK; needs --confidential')
      .description(
        'The confidential contact list (DOMAIN.md rule 8): every civil-society organisation with a partnership or incidental contact in the period, with the categories seen, the first and last contact date and the number of contacts; a contact with a key figure counts for its organisation. Since report version 2 municipalities, public bodies and companies are left out: the letter promises "een lijst met maatschappelijke organisaties waarmee SZW vanaf 1 januari 2023 contact heeft gehad". Share it only with a recipient on the recipient list (shareReportConfidentially with recipientId).',
      )
      .option('--confidential', 'confirm that you produce the confidential list (required)')
      .option('--since <date>', 'first day of the period (default 2023-01-01)', dateOption('--since'))
      .option('--until <date>', 'last day of the period (default: the date of the last entry)', dateOption('--until')),
      'confidential-list',
    ),
  )
    .addHelpText('after', '\nExample:\n  contact-ledger report confidential --confidential --actor r.degroot --purpose "jaarverslag" --format md --out vertrouwelijk.md')
    .action(async (opts: RenderOpts & { confidential?: boolean; since?: string; until?: string }) => {
      if (opts.confidential !== true) throw usage(CONFIDENTIAL_REFUSAL)
      checkPeriod(opts.since, opts.until)
      await run(() => ({
        kind: 'confidential-contact-list',
        ...(opts.since !== undefined ? { since: opts.since } : {}),
        ...(opts.until !== undefined ? { until: opts.until } : {}),
      }))(opts)
    })

  common(
    withReader(
      report
        .command('audit')
        .summary('the auditor\'s view: why each organisation is in or out of each report (rule 15; restricted)')
        .option('--organisation <id>', 'only this organisation'),
      'audit-view',
    ),
    AUDIT_FORMATS,
  )
    .addHelpText('after', '\nExample:\n  contact-ledger report audit --actor e.auditor --format md --organisation 0a000000-0000-4000-8000-00000000000a')
    .action(run((o: { organisation?: string }) => ({ kind: 'audit-view', ...(o.organisation !== undefined ? { organisationId: o.organisation } : {}) })))
}
