/** `key init` makes the checkpoint signing key; `key public` prints its verifier key. */
import type { Command } from 'commander'
import { DEFAULT_ORIGIN } from '../../src/audit/index.js'
import { withKey } from '../audit-io.js'
import { withStore } from '../context.js'
import { usage } from '../errors.js'
import { println } from '../io.js'
import { createKeyFile, keyLocation, signerFor } from '../keys.js'

export const registerKey = (program: Command): void => {
  const key = program
    .command('key')
    .summary('make the checkpoint signing key or print its verifier key')
    .addHelpText('after', '\nExamples:\n  contact-ledger key init --store sqlite:register.db\n  contact-ledger key public --store sqlite:register.db')
  withKey(
    withStore(
      key
        .command('init')
        .summary('make a new signing key file (mode 600)')
        .description('Makes an Ed25519 signing key named after the checkpoint origin, writes it (mode 600) and prints its verifier key.')
        .option('--origin <origin>', 'the checkpoint origin and key name', DEFAULT_ORIGIN),
    ),
  )
    .addHelpText('after', '\nExample:\n  contact-ledger key init --origin minszw.example/register --key register.key')
    .action((opts: { store?: string; key?: string; origin: string }) => {
      const at = keyLocation(opts)
      if (at === undefined) throw usage('key init needs a place for the key: give --key PATH, set CONTACT_LEDGER_KEY, or use a sqlite: store')
      const signer = createKeyFile(at.path, opts.origin)
      process.stderr.write(`contact-ledger: wrote the signing key ${at.path} (mode 600); its verifier key follows\n`)
      println(signer.verifierKey)
    })
  withKey(
    withStore(
      key
        .command('public')
        .summary('print the verifier key')
        .description('Prints the verifier key as C2SP signed notes write it: name+keyid+base64key.'),
    ),
  )
    .addHelpText('after', '\nExample:\n  contact-ledger key public --store sqlite:register.db > register.vkey')
    .action((opts: { store?: string; key?: string }) => {
      println(signerFor(opts, { create: true }).verifierKey)
    })
}
