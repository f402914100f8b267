/** `person show ID`: reads a key figure's personal data, writing a processing record. */
import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { createLedger, restrictedReads } from '../../src/index.js'
import { withStore } from '../context.js'
import { usage } from '../errors.js'
import { println } from '../io.js'
import { processingLogFor } from '../processing-log.js'
import { readFailure, usingRestricted, withReader } from '../restricted.js'

export const registerPerson = (program: Command): void => {
  const person = program
    .command('person')
    .summary('read a key figure (personal data, logged)')
    .addHelpText('after', '\nExample:\n  contact-ledger person show 0190e0a1-7c3b-7000-8000-000000000001 --store sqlite:register.db')
  withReader(withStore(
    person
      .command('show')
      .description(
        'Shows a key figure: erased, or its unsealed personal data. Every read that unseals personal data writes one ' +
          'line to the processing log (Logboek Dataverwerkingen), with a pseudonymised data subject and no user identity.',
      )
      .argument('<personId>', 'the key figure (a UUID)')
      .option('--json', 'one JSON object instead of text')
      .option('--processing-log <path>', 'where processing records go (default: beside a SQLite register)'),
  ), 'key-figure')
    .addHelpText('after', '\nExample:\n  contact-ledger person show 0190e0a1-… --actor p.devries --purpose "inzageverzoek" --store sqlite:register.db')
    .action(async (personId: string, opts: { store?: string; json?: boolean; processingLog?: string; actor?: string; purpose?: string }) => {
      // the access record names the person id, never the name (rule 20); the processing log gets its pseudonymised record too
      await usingRestricted(opts, 'key-figure', { personId: personId.slice(0, 100) }, async ({ ledger, opened, actor }) => {
        const withLog = createLedger({ store: opened.store, keys: opened.keys, processingLog: processingLogFor(opened, opts.processingLog), ...(ledger.accessLog ? { accessLog: ledger.accessLog } : {}) })
        const read = await restrictedReads(withLog, actor, opts.purpose !== undefined ? { purpose: opts.purpose } : {}).keyFigure(personId)
        if (E.isLeft(read)) throw readFailure(read.left)
        const view = read.right
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
