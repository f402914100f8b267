/** `log [--from N] [--to N] [--unseal]`: prints stored events in position order, as JSON Lines (restricted: auditor). */
import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { readTexts, StoreFailure } from '../../src/index.js'
import { withStore } from '../context.js'
import { CliError } from '../errors.js'
import { println, wholeNumber } from '../io.js'
import { readFailure, usingRestricted, withReader } from '../restricted.js'

export const registerLog = (program: Command): void => {
  withReader(
    withStore(
      program
        .command('log')
        .summary('print stored events in position order (restricted: auditor)')
        .description(
          'Prints stored events as JSON Lines with position, type, tags, data and meta. The whole log is restricted (DOMAIN.md rule 20: auditor); every read is written to the access log.',
        )
        .option('--from <n>', 'first position to print (default 0)', wholeNumber('--from'))
        .option('--to <n>', 'last position to print, inclusive (default: the last)', wholeNumber('--to'))
        .option('--unseal', 'show sealed free texts (subjects, officials, reasons; rule 21) instead of {"sealed":true}; "[redacted]" once redacted'),
    ),
    'log',
  )
    .addHelpText(
      'after',
      '\nFree texts that may name people are sealed per record (rule 21): without --unseal each shows as {"sealed":true}.\n' +
        'Texts recorded before sealing existed are plaintext history and show as they are. The access record of the read says\n' +
        'whether it unsealed (sealed free text is readable by the auditor, who alone may read the whole log).\n' +
        '\nExample:\n  contact-ledger log --store sqlite:register.db --actor e.auditor --from 10 --to 20\n' +
        '  contact-ledger log --store sqlite:register.db --actor e.auditor --unseal',
    )
    .action(async (opts: { store?: string; from?: number; to?: number; unseal?: boolean; actor?: string; purpose?: string }) => {
      const range = { from: opts.from ?? 0, ...(opts.to !== undefined ? { to: opts.to + 1 } : {}) }
      const unseal = opts.unseal === true
      await usingRestricted(opts, 'log', range, async ({ reads, ledger }) => {
        const read = await reads.log({ ...range, unseal })
        if (E.isLeft(read)) throw readFailure(read.left)
        try {
          for await (const page of read.right) {
            const shown = await readTexts(ledger.keys, page, { unseal })
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
