/**
 * `checkpoint`: signs the current log's root as a C2SP checkpoint, stores it (and keeps it outside
 * the log: src/store/anchor.ts) and prints it; with `--add-cosignature FILE`, stores a witness's
 * cosignatures of a stored checkpoint back instead.
 */
import type { Command } from 'commander'
import { signedCheckpoint } from '../../src/audit/index.js'
import { orExit, withKey } from '../audit-io.js'
import { usingLedger, withStore } from '../context.js'
import { signerForStore } from '../keys.js'
import { println } from '../io.js'
import { addCosignatures } from './checkpoint-cosigned.js'

export const registerCheckpoint = (program: Command): void => {
  withKey(
    withStore(
      program
        .command('checkpoint')
        .summary('print the signed checkpoint of the current log')
        .description(
          'Signs the root of the current log as a C2SP tlog-checkpoint in a signed note (Ed25519), stores it and prints it. ' +
            'The latest is also kept outside the log (sqlite:PATH: PATH.checkpoint, written atomically; PostgreSQL: the key database), ' +
            'so that a register that later loses committed entries is refused instead of read as complete. ' +
            'With --add-cosignature FILE it signs nothing: it adds the cosignature lines of FILE (a checkpoint note as witness cosign ' +
            'wrote it) to the stored checkpoint of the same size and root, so verify --witness VKEY checks them on the store.',
        )
        .option('--add-cosignature <file>', "store a witness's cosignatures of a stored checkpoint (witness cosign output) back in the register"),
    ),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  contact-ledger checkpoint --store sqlite:register.db > checkpoint.note\n' +
        '  contact-ledger checkpoint --store sqlite:register.db --add-cosignature cosigned.note',
    )
    .action(async (opts: { store?: string; key?: string; addCosignature?: string }) => {
      await usingLedger(opts, async ({ ledger }) => {
        if (opts.addCosignature !== undefined) {
          const r = await addCosignatures(ledger.store, opts.addCosignature)
          return println(
            r.added.length === 0
              ? `the checkpoint at size ${r.treeSize} already carries every signature of ${opts.addCosignature}; nothing stored`
              : `stored ${r.added.length} cosignature${r.added.length === 1 ? '' : 's'} with the checkpoint at size ${r.treeSize}: ${r.added.map((l) => l.split(' ')[1]).join(', ')}`,
          )
        }
        const signer = await signerForStore(opts, ledger.store, { create: true })
        const cp = await orExit(signedCheckpoint(ledger.store, signer))
        process.stdout.write(cp.note)
      })
    })
}
