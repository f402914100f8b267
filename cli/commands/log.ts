/** `log [--from N] [--to N] [--unseal]`: prints stored events in position order, as JSON Lines. */
import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { pages, readTexts, StoreFailure } from '../../src/index.js'
import { usingLedger, withStore } from '../context.js'
import { CliError } from '../errors.js'
import { println, wholeNumber } from '../io.js'

export const registerLog = (program: Command): void => {
  withStore(
    program
      .command('log')
      .summary('print stored events in position order')
      .description('Prints stored events as JSON Lines with position, type, tags, data and meta.')
      .option('--from <n>', 'first position to print (default 0)', wholeNumber('--from'))
      .option('--to <n>', 'last position to print, inclusive (default: the last)', wholeNumber('--to'))
      .option('--unseal', 'show sealed free texts (subjects, officials, reasons; rule 21) instead of {"sealed":true}; "[redacted]" once redacted'),
  )
    .addHelpText(
      'after',
      '\nFree texts that may name people are sealed per record (rule 21): without --unseal each shows as {"sealed":true}.\n' +
        'Texts recorded before sealing existed are plaintext history and show as they are.\n' +
        '\nExample:\n  contact-ledger log --store sqlite:register.db --from 10 --to 20\n  contact-ledger log --store sqlite:register.db --unseal',
    )
    .action(async (opts: { store?: string; from?: number; to?: number; unseal?: boolean }) => {
      await usingLedger(opts, async ({ ledger }) => {
        try {
          const range = { from: opts.from ?? 0, ...(opts.to !== undefined ? { to: opts.to + 1 } : {}) }
          for await (const page of pages(ledger.store, range)) {
            const shown = await readTexts(ledger.keys, page, { unseal: opts.unseal === true })
            if (E.isLeft(shown)) throw new CliError(shown.left.message, 2)
            for (const e of shown.right) println(JSON.stringify(e))
          }
        } catch (e) {
          if (e instanceof StoreFailure) throw new CliError(e.error.message, 2)
          throw e
        }
      })
    })
}
