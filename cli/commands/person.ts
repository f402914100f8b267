/** `person show ID`: reads a key figure's personal data, writing a processing record. */
import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { pseudonymSecret, readPersons } from '../../src/index.js'
import { usingLedger, withStore } from '../context.js'
import { CliError, usage } from '../errors.js'
import { println } from '../io.js'
import { processingLogFor } from '../processing-log.js'

export const registerPerson = (program: Command): void => {
  const person = program
    .command('person')
    .summary('read a key figure (personal data, logged)')
    .addHelpText('after', '\nExample:\n  contact-ledger person show 0190e0a1-7c3b-7000-8000-000000000001 --store sqlite:register.db')
  withStore(
    person
      .command('show')
      .description(
        'Shows a key figure: erased, or its unsealed personal data. Every read that unseals personal data writes one ' +
          'line to the processing log (Logboek Dataverwerkingen), with a pseudonymised data subject and no user identity.',
      )
      .argument('<personId>', 'the key figure (a UUID)')
      .option('--json', 'one JSON object instead of text')
      .option('--processing-log <path>', 'where processing records go (default: beside a SQLite register)'),
  )
    .addHelpText('after', '\nExample:\n  contact-ledger person show 0190e0a1-… --store sqlite:register.db')
    .action(async (personId: string, opts: { store?: string; json?: boolean; processingLog?: string }) => {
      await usingLedger(opts, async ({ ledger, opened }) => {
        const state = await ledger.state()
        if (E.isLeft(state)) throw new CliError(state.left.message, 2)
        const secret = await pseudonymSecret(opened.keys)
        if (E.isLeft(secret)) throw new CliError(secret.left.message, 2)
        const log = processingLogFor(opened, opts.processingLog)
        const views = await readPersons({ keys: opened.keys, log, clock: ledger.clock, pseudonymKey: secret.right }, state.right, [personId])
        if (E.isLeft(views)) throw new CliError(views.left.message, 2)
        const view = views.right[0]!
        if (view.status === 'unknown') throw usage(`no key figure "${personId}" is registered; check the id (a UUID)`)
        if (opts.json) println(JSON.stringify(view))
        else if (view.status === 'erased') println(`${personId}: erased`)
        else {
          const d = view.data
          println(`${personId}: ${d.name}${d.role ? `, ${d.role}` : ''}${view.organisationId ? ` (organisation ${view.organisationId})` : ''}`)
          if (d.email) println(`  e-mail: ${d.email}`)
          if (d.phone) println(`  phone:  ${d.phone}`)
        }
      })
    })
}
