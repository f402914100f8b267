/**
 * `prove inclusion --position N [--size M] [--format json|tlog-proof]` and
 * `prove consistency --from N [--to M]`: RFC 9162 proofs from the stored tree.
 */
import { Option, type Command } from 'commander'
import { signedCheckpoint, proveConsistency, proveInclusion, formatTlogProof } from '../../src/audit/index.js'
import { b64, orExit, withKey } from '../audit-io.js'
import { usingLedger, withStore } from '../context.js'
import { usage } from '../errors.js'
import { println, wholeNumber } from '../io.js'
import { signerForStore } from '../keys.js'

export const registerProve = (program: Command): void => {
  const prove = program
    .command('prove')
    .summary('inclusion and consistency proofs (RFC 9162)')
    .addHelpText('after', '\nExamples:\n  contact-ledger prove inclusion --position 12\n  contact-ledger prove consistency --from 100 --to 250')
  withKey(
    withStore(
      prove
        .command('inclusion')
        .summary('prove that entry N is in the tree of size M')
        .description(
          'Prints the inclusion proof of entry N in the tree of size M (default: the current size) as JSON ' +
            '{"leafIndex","treeSize","leafHash","rootHash","proof":[base64…]}, or with --format tlog-proof as a C2SP ' +
            'tlog-proof receipt carrying a signed checkpoint, which verifies offline with the verifier key.',
        )
        .requiredOption('--position <n>', 'the entry to prove', wholeNumber('--position'))
        .option('--size <m>', 'the tree size (default: the current size)', wholeNumber('--size'))
        .addOption(new Option('--format <format>', 'json or tlog-proof').choices(['json', 'tlog-proof']).default('json')),
    ),
  )
    .addHelpText('after', '\nExample:\n  contact-ledger prove inclusion --position 12 --format tlog-proof > entry-12.tlog-proof')
    .action(async (opts: { store?: string; key?: string; position: number; size?: number; format: 'json' | 'tlog-proof' }) => {
      await usingLedger(opts, async ({ ledger }) => {
        const signer = opts.format === 'tlog-proof' ? await signerForStore(opts, ledger.store, { create: true }) : undefined
        const size = opts.size ?? (await orExit(ledger.store.size()))
        if (opts.position >= size) throw usage(`--position ${opts.position} is not in a tree of ${size} entries; give a position below ${size}`)
        const r = await orExit(proveInclusion(ledger.store, opts.position, size))
        if (signer === undefined) {
          println(JSON.stringify({ leafIndex: r.leafIndex, treeSize: r.treeSize, leafHash: b64(r.leafHash), rootHash: b64(r.rootHash), proof: r.proof.map(b64) }))
          return
        }
        const cp = await orExit(signedCheckpoint(ledger.store, signer, size))
        process.stdout.write(formatTlogProof({ index: r.leafIndex, proof: r.proof, checkpoint: cp.note }))
      })
    })
  withStore(
    prove
      .command('consistency')
      .summary('prove that the tree of size N is a prefix of the tree of size M')
      .description('Prints the consistency proof between tree sizes N and M (default: the current size) as JSON {"oldSize","newSize","oldRoot","newRoot","proof":[base64…]}.')
      .requiredOption('--from <n>', 'the old tree size (at least 1)', wholeNumber('--from'))
      .option('--to <m>', 'the new tree size (default: the current size)', wholeNumber('--to')),
  )
    .addHelpText('after', '\nExample:\n  contact-ledger prove consistency --from 1200 --to 1750')
    .action(async (opts: { store?: string; from: number; to?: number }) => {
      if (opts.from === 0) throw usage('--from 0: every log extends the empty log, so there is nothing to prove; give a size of at least 1')
      await usingLedger(opts, async ({ ledger }) => {
        const to = opts.to ?? (await orExit(ledger.store.size()))
        if (opts.from > to) throw usage(`--from ${opts.from} is larger than --to ${to}; the old size comes first`)
        const r = await orExit(proveConsistency(ledger.store, opts.from, to))
        println(JSON.stringify({ oldSize: r.oldSize, newSize: r.newSize, oldRoot: b64(r.oldRoot), newRoot: b64(r.newRoot), proof: r.proof.map(b64) }))
      })
    })
}
