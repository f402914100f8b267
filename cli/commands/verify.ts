/**
 * `verify [--json] [--vkey FILE|LINE] [--since FILE] [--no-signatures] [--bundle DIR]`:
 * recomputes every leaf and node and the root, checks every stored checkpoint (its root at its
 * size, and its signature against the pinned key, or the operator's own signing key beside the
 * store, saying which), and with `--since` that the log extends a checkpoint kept from before.
 * Exit 0 when all hold and a signature was checked against a trusted key (or `--no-signatures`);
 * exit 1 with the first failing position otherwise. With `--bundle DIR` it checks an exported
 * bundle offline, without the store, against the pinned key only.
 */
import { closeSync, createReadStream, existsSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { verifyBundle, type BundleCheckpoint, keyLabel, parseVerifierKey, rebuildIndexes, verifyIndexes, verifyLog, type VerificationResult, type VerifyOptions } from '../../src/audit/index.js'
import { type EventStore, snapshotEventCheck } from '../../src/index.js'
import { b64, orExit, withKey } from '../audit-io.js'
import { usingLedger, withStore } from '../context.js'
import { CliError, usage } from '../errors.js'
import { println, wholeNumber } from '../io.js'
import { pageProgress } from '../progress.js'
import { verifierFor, type KeyOptions } from '../keys.js'
import { keptCheckpoint, pinned, signatureLine, storeTrust, type Trust } from '../trust.js'
import { tilesLine, tilesResult } from './tiles.js'
import { anchorFinding, anchorHelp, printAnchorFailure } from './verify-anchor.js'
import { witnessCheck, type WitnessOptions } from './witness-check.js'
import { verifyPublication } from './verify-publication.js'
import { latestStoredCheckpoint } from './checkpoint-cosigned.js'

/** The per-event checks of `verify` on a store: every report snapshot is rendered again from its log prefix and its content hash compared. */
const eventChecks: VerifyOptions = { checkEvent: snapshotEventCheck, checkTypes: ['ReportSnapshotTaken'] }

/** What `verify` checks on a store beyond the tree and checkpoints, with the operator's signing key (the demo's check). */
export const storeVerifyOptions = (opts: KeyOptions, _store: EventStore): VerifyOptions => {
  const verifier = verifierFor(opts)
  return { ...(verifier === undefined ? {} : { verifiers: [verifier] }), ...eventChecks }
}

const readText = (path: string, what: string): string => {
  try {
    return readFileSync(path, 'utf8')
  } catch (e) {
    throw usage(`cannot read ${what} ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'}); is this a bundle written by contact-ledger export?`)
  }
}

/**
 * Opens a bundle file to stream it: a folder where the file should be, or a file that cannot be
 * opened, is exit 2 naming it (a stream would fail later, mid-check, with a bare EISDIR).
 */
const readable = (path: string, what: string): string => {
  try {
    if (!statSync(path).isFile()) throw usage(`${what} ${path} is not a file; is this a bundle written by contact-ledger export?`)
    closeSync(openSync(path, 'r'))
  } catch (e) {
    if (e instanceof CliError) throw e
    throw usage(`cannot read ${what} ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'}); is this a bundle written by contact-ledger export?`)
  }
  return path
}

const lines = (path: string) => createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })

/** The bundle's own key.vkey, for naming a mismatch only: it is never trusted. */
const bundleKeyNote = (dir: string, trust: Trust): string | undefined => {
  const path = join(dir, 'key.vkey')
  if (!existsSync(path)) return undefined
  const own = parseVerifierKey(readText(path, 'the verifier key'))
  const label = E.isRight(own) ? keyLabel(own.right) : 'not a verifier key'
  if (trust.mode === 'none') return `note: the bundle's own key.vkey (${label}) was not used: whoever made the bundle could have made it too`
  if (E.isRight(own) && trust.verifiers.some((v) => keyLabel(v) === label)) return undefined
  return `note: the bundle's key.vkey (${label}) is not the pinned key; it was not used`
}

const bundleResult = async (dir: string, trust: Trust, since: string | undefined): Promise<VerificationResult> => {
  const entries = join(dir, 'entries.jsonl')
  if (!existsSync(entries)) throw usage(`${dir} holds no entries.jsonl; give a folder written by contact-ledger export --out`)
  readable(entries, 'the entries')
  const latest: BundleCheckpoint = { file: 'checkpoint', note: readText(join(dir, 'checkpoint'), 'the checkpoint') }
  const folder = join(dir, 'checkpoints')
  if (existsSync(folder) && !statSync(folder).isDirectory()) throw usage(`${folder} is not a folder; is this a bundle written by contact-ledger export?`)
  const checkpoints: BundleCheckpoint[] = existsSync(folder)
    ? readdirSync(folder)
        .filter((f) => f.endsWith('.note'))
        .map((f) => ({
          file: `checkpoints/${f}`,
          note: readText(join(folder, f), 'the checkpoint'),
          ...(/^\d+\.note$/.test(f) ? { claimedSize: Number(f.slice(0, -5)) } : {}),
        }))
    : []
  const leaves = join(dir, 'leaves.txt')
  const hasLeaves = existsSync(leaves) && readable(leaves, 'the leaf hashes') === leaves
  // streams only once every file is known to open: an abandoned stream would fail on its own later
  return verifyBundle(
    { entries: lines(entries), latest, checkpoints, ...(hasLeaves ? { leaves: lines(leaves) } : {}) },
    { ...(trust.mode === 'none' ? {} : { verifiers: trust.verifiers }), ...(since === undefined ? {} : { since }) },
  )
}

interface Printed {
  readonly json: boolean
  readonly allowUnsigned: boolean
  readonly notes: ReadonlyArray<string>
  /** Fields the JSON line carries beside the result (the witnesses' cosignatures). */
  readonly extra?: Readonly<Record<string, unknown>>
}

const report = (r: VerificationResult, trust: Trust, { json, allowUnsigned, notes, extra }: Printed): void => {
  if (r._tag === 'VerificationFailure') {
    const sizes = r.sizes === undefined ? {} : { keptSize: r.sizes.kept, logSize: r.sizes.log }
    println(json ? JSON.stringify({ ok: false, position: r.position, kind: r.kind, reason: r.reason, ...sizes }) : r.message)
    if (!json && r.kind === 'index') println('derived data differs from the entries; contact-ledger verify --repair rebuilds it from them')
    process.exitCode = 1
    return
  }
  const signatures = signatureLine(r, trust, { allowUnsigned })
  const since =
    r.since === undefined
      ? undefined
      : `since: the log extends the kept checkpoint of size ${r.since.treeSize} (root ${b64(r.since.rootHash)})${r.since.consistencyProof && r.latestSignedSize >= r.since.treeSize ? `, consistency proof ${r.since.treeSize} → ${r.latestSignedSize} checked` : ''}`
  if (!signatures.trusted) process.exitCode = 1
  if (json) {
    println(
      JSON.stringify({
        ok: signatures.trusted,
        ...(signatures.trusted ? {} : { kind: 'unpinned', reason: 'no signature was checked against a trusted key' }),
        treeSize: r.treeSize,
        rootHash: b64(r.rootHash),
        checkpoints: r.checkpoints,
        signaturesChecked: r.signaturesChecked && r.signedCheckpoints > 0,
        trust: trust.mode,
        keys: r.verifiedBy.map(keyLabel),
        signedCheckpoints: r.signedCheckpoints,
        latestSignedSize: r.latestSignedSize,
        ...(r.since === undefined ? {} : { since: { treeSize: r.since.treeSize, rootHash: b64(r.since.rootHash) } }),
        ...extra,
      }),
    )
    return
  }
  const checked = trust.mode !== 'none' && r.signedCheckpoints > 0 ? 'signatures checked' : 'hashes only'
  println(`verified: ${r.treeSize} entries, root ${b64(r.rootHash)}, ${r.checkpoints} checkpoints (${checked})`)
  for (const line of [signatures.line, ...(since === undefined ? [] : [since]), ...notes]) println(line)
}

interface VerifyCliOptions extends WitnessOptions {
  readonly store?: string
  readonly key?: string
  readonly json?: boolean
  readonly bundle?: string
  readonly tiles?: string
  readonly vkey?: string[]
  readonly since?: string
  readonly signatures?: boolean
  readonly repair?: boolean
  readonly report?: string
  readonly entry?: string
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

export const registerVerify = (program: Command): void => {
  withKey(
    withStore(
      program
        .command('verify')
        .summary('check that nothing in the log was rewritten, removed or rolled back')
        .description(
          'Recomputes every leaf from the stored entries, every stored node and the root, ' +
            "and checks every stored checkpoint's root at its size and its signature against " +
            'the pinned verifier key (--vkey: the key the ministry published), or, for the ' +
            "operator's own check, the signing key beside the store (the output says which). " +
            'With --since FILE, also checks that the log extends a checkpoint kept from ' +
            'before (else it was truncated, rolled back or forked).\n\n' +
            'Exit 0 when all hold; exit 1 with the first failing position otherwise, and ' +
            'also when no signature was checked against a trusted key (unless ' +
            '--no-signatures). With --bundle DIR, checks an exported bundle offline against ' +
            "--vkey only, never against the bundle's own key.vkey.",
        )
        .option('--json', 'print the result as one JSON line')
        .option('--bundle <dir>', 'check a bundle written by export --out DIR instead of the store')
        .option('--tiles <dir>', 'check a C2SP tlog-tiles tree written by export tiles --out DIR (its entry bundles too, when it has them) instead of the store')
        .option('--report <file>', 'with --tiles: a published report to check against its snapshot entry (--entry) and the tiles')
        .option('--entry <file>', 'with --tiles and --report: the snapshot entry written beside the report (FILE.entry.json)')
        .option('--vkey <file|line>', 'the pinned verifier key: a file holding it or the key line itself; repeat for more keys (env CONTACT_LEDGER_VKEY)', collect)
        .option('--since <file>', 'a signed checkpoint kept from before (contact-ledger checkpoint > FILE): the log must extend it')
        .option('--witness <file|line>', "a witness's cosignature verifier key (contact-ledger witness public); repeat for more witnesses", collect)
        .option('--witnesses-needed <n>', 'how many of the --witness keys must have cosigned the checkpoint (default 1 when --witness is given)', wholeNumber('--witnesses-needed'))
        .option('--repair', 'when the entries and tree verify but derived data (tag index, type or idempotency-key column, a checkpoint a snapshot records) differs, rebuild it from the entries in one transaction, then verify again')
        .option('--no-signatures', 'accept a check of the hashes alone when no signature is checked against a trusted key (exit 0)'),
    ),
  )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  contact-ledger verify --store sqlite:register.db                  # the operator, with the key beside the store\n' +
        '  contact-ledger verify --store sqlite:copy.db --vkey register.vkey --since checkpoint-2024.note\n' +
        '  contact-ledger verify --bundle ./audit-2025 --vkey register.vkey\n' +
        '  contact-ledger verify --tiles ./public/log --vkey register.vkey\n' +
        '  contact-ledger verify --tiles ./public/log --vkey register.vkey --report overzicht-2024.html --entry overzicht-2024.html.entry.json\n' +
        '  contact-ledger verify --store sqlite:register.db --repair         # rebuild a tampered tag index from the entries',
    )
    .addHelpText('after', anchorHelp)
    .action(async (opts: VerifyCliOptions) => {
      const since = opts.since === undefined ? undefined : keptCheckpoint(opts.since)
      const printed = { json: opts.json === true, allowUnsigned: opts.signatures === false }
      if ((opts.report !== undefined || opts.entry !== undefined) && opts.tiles === undefined)
        throw usage('--report and --entry check a published report against the public tiles: give them with --tiles DIR')
      if (opts.tiles !== undefined) {
        if (opts.bundle !== undefined) throw usage('give --tiles DIR or --bundle DIR, not both')
        if (opts.key !== undefined)
          throw usage('verify --tiles checks against the published verifier key, not a signing key: give it with --vkey FILE|LINE instead of --key')
        const keys = pinned(opts.vkey)
        const trust: Trust = keys === undefined ? { mode: 'none' } : { mode: 'pinned', verifiers: keys }
        if ((opts.report !== undefined || opts.entry !== undefined) && (since !== undefined || opts.witness !== undefined))
          throw usage('--report checks one published report against the tiles; check --since and --witness with a separate verify --tiles DIR')
        if ((opts.report !== undefined || opts.entry !== undefined) && (since !== undefined || opts.witness !== undefined))
          throw usage('--report checks one published report against the tiles; check --since and --witness with a separate verify --tiles DIR')
        if (opts.report !== undefined || opts.entry !== undefined) return verifyPublication({ ...printed, tiles: opts.tiles, report: opts.report, entry: opts.entry }, trust)
        const r = await tilesResult(opts.tiles, trust, since)
        const w = witnessCheck(opts, r, () => (r._tag === 'Verified' ? r.note : ''), printed.json)
        if (w === 'failed') return
        return report(r, trust, { ...printed, notes: r._tag === 'Verified' ? [tilesLine(r), ...w.notes] : [], extra: w.extra })
      }
      if (opts.bundle !== undefined) {
        if (opts.key !== undefined)
          throw usage('verify --bundle checks against the published verifier key, not a signing key: give it with --vkey FILE|LINE instead of --key')
        const keys = pinned(opts.vkey)
        const trust: Trust = keys === undefined ? { mode: 'none' } : { mode: 'pinned', verifiers: keys }
        const note = bundleKeyNote(opts.bundle, trust)
        const r = await bundleResult(opts.bundle, trust, since)
        const w = witnessCheck(opts, r, () => readText(join(opts.bundle!, 'checkpoint'), 'the checkpoint'), printed.json)
        if (w === 'failed') return
        return report(r, trust, { ...printed, notes: [...(note === undefined ? [] : [note]), ...w.notes], extra: w.extra })
      }
      const trust = storeTrust(opts, opts.vkey)
      await usingLedger(opts, async ({ ledger, opened }) => {
        // the log against its last signed checkpoint kept outside it (verify-anchor.ts)
        const anchor = await anchorFinding(opened)
        if (anchor.failure !== undefined) return printAnchorFailure(anchor.failure, printed)
        const anchorNotes = anchor.note === undefined ? [] : [anchor.note]
        const size = await orExit(ledger.store.size())
        const progress = pageProgress('verifying', 'entries', size)
        const options: VerifyOptions = {
          ...eventChecks,
          ...(trust.mode === 'none' ? {} : { verifiers: trust.verifiers }),
          ...(since === undefined ? {} : { since }),
          onProgress: progress.update,
        }
        if (opts.repair === true) {
          const log = await orExit(verifyLog(ledger.store, { ...options, indexes: false })).finally(progress.stop)
          if (log._tag === 'VerificationFailure') {
            report(log, trust, { ...printed, notes: [] })
            return void println('not repaired: the entries or the tree themselves fail, and a rebuild trusts them; restore the register from a copy that verifies')
          }
          const derived = await orExit(verifyIndexes(ledger.store))
          if (derived._tag === 'VerificationFailure') {
            const counts = await orExit(rebuildIndexes(ledger.store))
            const changed = Object.entries(counts).filter(([, n]) => n > 0).map(([table, n]) => `${table} ${n}`)
            process.stderr.write(`contact-ledger: repaired derived data (first difference: ${derived.reason}); rows rebuilt: ${changed.join(', ') || 'none'}\n`)
          }
        }
        const result = await orExit(verifyLog(ledger.store, options)).finally(progress.stop)
        // on a store: the cosigned checkpoint given with --since, else the latest stored (checkpoint --add-cosignature)
        const cosigned = since ?? (opts.witness === undefined ? '' : ((await latestStoredCheckpoint(ledger.store)) ?? ''))
        const w = witnessCheck(opts, result, () => cosigned, printed.json)
        if (w === 'failed') return
        report(result, trust, { ...printed, notes: [...w.notes, ...anchorNotes], extra: w.extra })
      }, { checkAnchor: false })
    })
}
