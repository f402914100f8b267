/** `log [--from N] [--to N]`: prints stored events in position order, as JSON Lines. */
import type { Command } from 'commander'
import { encodeStored, pages, StoreFailure } from '../../src/index.js'
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
      .option('--to <n>', 'last position to print, inclusive (default: the last)', wholeNumber('--to')),
  )
    .addHelpText('after', '\nExample:\n  contact-ledger log --store sqlite:register.db --from 10 --to 20')
    .action(async (opts: { store?: string; from?: number; to?: number }) => {
      await usingLedger(opts, async ({ ledger }) => {
        try {
          const range = { from: opts.from ?? 0, ...(opts.to !== undefined ? { to: opts.to + 1 } : {}) }
          for await (const page of pages(ledger.store, range)) for (const e of page) println(JSON.stringify(encodeStored(e)))
        } catch (e) {
          if (e instanceof StoreFailure) throw new CliError(e.error.message, 2)
          throw e
        }
      })
    })
}
