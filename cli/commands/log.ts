/** `log [--from N] [--to N]`: prints stored events in position order, as JSON Lines. */
import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { encodeStored, StoreFailure } from '../../src/index.js'
import { withStore } from '../context.js'
import { CliError } from '../errors.js'
import { println, wholeNumber } from '../io.js'
import { readFailure, usingRestricted, withReader } from '../restricted.js'

export const registerLog = (program: Command): void => {
  withReader(withStore(
    program
      .command('log')
      .summary('print stored events in position order (restricted: auditor)')
      .description('Prints stored events as JSON Lines with position, type, tags, data and meta. The whole log is restricted (DOMAIN.md rule 20: auditor); every read is written to the access log.')
      .option('--from <n>', 'first position to print (default 0)', wholeNumber('--from'))
      .option('--to <n>', 'last position to print, inclusive (default: the last)', wholeNumber('--to')),
  ), 'log')
    .addHelpText('after', '\nExample:\n  contact-ledger log --store sqlite:register.db --actor e.auditor --from 10 --to 20')
    .action(async (opts: { store?: string; from?: number; to?: number; actor?: string; purpose?: string }) => {
      const range = { from: opts.from ?? 0, ...(opts.to !== undefined ? { to: opts.to + 1 } : {}) }
      await usingRestricted(opts, 'log', range, async ({ reads }) => {
        const read = await reads.log(range)
        if (E.isLeft(read)) throw readFailure(read.left)
        try {
          for await (const page of read.right) for (const e of page) println(JSON.stringify(encodeStored(e)))
        } catch (e) {
          if (e instanceof StoreFailure) throw new CliError(e.error.message, 2)
          throw e
        }
      })
    })
}
