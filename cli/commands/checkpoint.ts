/** `checkpoint`: signs the current log's root as a C2SP checkpoint, stores it (and keeps it outside the log: src/store/anchor.ts) and prints it. */
import type { Command } from 'commander'
import { signedCheckpoint } from '../../src/audit/index.js'
import { orExit, withKey } from '../audit-io.js'
import { usingLedger, withStore } from '../context.js'
import { signerForStore } from '../keys.js'

export const registerCheckpoint = (program: Command): void => {
  withKey(
    withStore(
      program
        .command('checkpoint')
        .summary('print the signed checkpoint of the current log')
        .description(
          'Signs the root of the current log as a C2SP tlog-checkpoint in a signed note (Ed25519), stores it and prints it. ' +
            'The latest is also kept outside the log (sqlite:PATH: PATH.checkpoint, written atomically; PostgreSQL: the key database), ' +
            'so that a register that later loses committed entries is refused instead of read as complete.',
        ),
    ),
  )
    .addHelpText('after', '\nExample:\n  contact-ledger checkpoint --store sqlite:register.db > checkpoint.note')
    .action(async (opts: { store?: string; key?: string }) => {
      await usingLedger(opts, async ({ ledger }) => {
        const signer = await signerForStore(opts, ledger.store, { create: true })
        const cp = await orExit(signedCheckpoint(ledger.store, signer))
        process.stdout.write(cp.note)
      })
    })
}
