/**
 * `verify [--json] [--bundle DIR]`: recomputes every leaf and node and the root, checks every
 * stored checkpoint (signature and root at its size); exit 0 when all hold, exit 1 with the first
 * failing position. With `--bundle DIR` it checks an exported bundle offline, without the store.
 */
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { verifyBundle, type BundleCheckpoint, parseVerifierKey, verifyLog, type VerificationResult, type VerifyOptions } from '../../src/audit/index.js'
import { type EventStore, snapshotEventCheck } from '../../src/index.js'
import { b64, orExit, withKey } from '../audit-io.js'
import { usingLedger, withStore } from '../context.js'
import { usage } from '../errors.js'
import { println } from '../io.js'
import { pageProgress } from '../progress.js'
import { verifierFor, type KeyOptions } from '../keys.js'

/** What `verify` checks on a store beyond the tree and checkpoints (per-event checks plug in here). */
export const storeVerifyOptions = (opts: KeyOptions, _store: EventStore): VerifyOptions => {
  const verifier = verifierFor(opts)
  // every report snapshot is rendered again from its log prefix and its content hash compared
  return { ...(verifier === undefined ? {} : { verifiers: [verifier] }), checkEvent: snapshotEventCheck, checkTypes: ['ReportSnapshotTaken'] }
}

const readText = (path: string, what: string): string => {
  try {
    return readFileSync(path, 'utf8')
  } catch (e) {
    throw usage(`cannot read ${what} ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'}); is this a bundle written by contact-ledger export?`)
  }
}

const bundleResult = async (dir: string): Promise<VerificationResult> => {
  const entries = join(dir, 'entries.jsonl')
  if (!existsSync(entries)) throw usage(`${dir} holds no entries.jsonl; give a folder written by contact-ledger export --out`)
  const verifier = parseVerifierKey(readText(join(dir, 'key.vkey'), 'the verifier key'))
  if (E.isLeft(verifier)) throw usage(`${join(dir, 'key.vkey')}: ${verifier.left.message}`)
  const latest: BundleCheckpoint = { file: 'checkpoint', note: readText(join(dir, 'checkpoint'), 'the checkpoint') }
  const folder = join(dir, 'checkpoints')
  const checkpoints: BundleCheckpoint[] = existsSync(folder)
    ? readdirSync(folder)
        .filter((f) => f.endsWith('.note'))
        .map((f) => ({
          file: `checkpoints/${f}`,
          note: readText(join(folder, f), 'the checkpoint'),
          ...(/^\d+\.note$/.test(f) ? { claimedSize: Number(f.slice(0, -5)) } : {}),
        }))
    : []
  const lines = createInterface({ input: createReadStream(entries, { encoding: 'utf8' }), crlfDelay: Infinity })
  return verifyBundle({ entries: lines, latest, checkpoints, verifier: verifier.right })
}

const report = (r: VerificationResult, json: boolean): void => {
  if (r._tag === 'Verified') {
    const signatures = r.signaturesChecked ? 'signatures checked' : 'signatures NOT checked: no key file (give --key PATH)'
    println(
      json
        ? JSON.stringify({ ok: true, treeSize: r.treeSize, rootHash: b64(r.rootHash), checkpoints: r.checkpoints, signaturesChecked: r.signaturesChecked })
        : `verified: ${r.treeSize} entries, root ${b64(r.rootHash)}, ${r.checkpoints} checkpoints (${signatures})`,
    )
    return
  }
  println(json ? JSON.stringify({ ok: false, position: r.position, kind: r.kind, reason: r.reason }) : r.message)
  process.exitCode = 1
}

export const registerVerify = (program: Command): void => {
  withKey(
    withStore(
      program
        .command('verify')
        .summary('check that nothing in the log was rewritten or removed')
        .description(
          'Recomputes every leaf from the stored entries, every stored node and the root, and checks every stored\n' +
            "checkpoint's signature and root at its size. Exit 0 when all hold; exit 1 and the first failing position\n" +
            'otherwise. With --bundle DIR, checks an exported bundle offline, without the store.',
        )
        .option('--json', 'print the result as one JSON line')
        .option('--bundle <dir>', 'check a bundle written by export --out DIR instead of the store'),
    ),
  )
    .addHelpText('after', '\nExamples:\n  contact-ledger verify --store sqlite:register.db\n  contact-ledger verify --bundle ./audit-2025')
    .action(async (opts: { store?: string; key?: string; json?: boolean; bundle?: string }) => {
      if (opts.bundle !== undefined) return report(await bundleResult(opts.bundle), opts.json === true)
      await usingLedger(opts, async ({ ledger }) => {
        const size = await orExit(ledger.store.size())
        const progress = pageProgress('verifying', 'entries', size)
        const result = await orExit(verifyLog(ledger.store, { ...storeVerifyOptions(opts, ledger.store), onProgress: progress.update })).finally(progress.stop)
        report(result, opts.json === true)
      })
    })
}
