/** `retention --dry-run | --apply`: lists, then erases, the key figures past the retention policy. */
import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { retention, DEFAULT_RETENTION } from '../../src/index.js'
import { usingLedger, withStore } from '../context.js'
import { CliError, usage } from '../errors.js'
import { println, wholeNumber } from '../io.js'

export const registerRetention = (program: Command): void => {
  withStore(
    program
      .command('retention')
      .summary('list or erase key figures past the retention policy')
      .description(
        `Key figures are erased ${DEFAULT_RETENTION.years} years (or --years N) after the last contact with them (or their ` +
          'registration, when there was none). --dry-run lists them and appends nothing; --apply erases each one as the ' +
          'privacy officer --actor, recording an eraseKeyFigure event with the reason.',
      )
      .option('--dry-run', 'list, append nothing')
      .option('--apply', 'erase those listed')
      .option('--years <n>', 'years after the last contact', wholeNumber('--years', 200), DEFAULT_RETENTION.years)
      .option('--actor <id>', 'the privacy officer who erases (required with --apply)')
      .option('--json', 'one JSON object: today, due, erased'),
  )
    .addHelpText('after', '\nExamples:\n  contact-ledger retention --dry-run\n  contact-ledger retention --apply --actor p.visser')
    .action(async (opts: { store?: string; dryRun?: boolean; apply?: boolean; years: number; actor?: string; json?: boolean }) => {
      if (opts.dryRun === opts.apply) throw usage('say either --dry-run (list) or --apply (erase)')
      if (opts.apply && opts.actor === undefined) throw usage('--apply erases as a privacy officer: add --actor ID')
      await usingLedger(opts, async ({ ledger }) => {
        const run = await retention(ledger, { years: opts.years }, { id: opts.actor ?? '' }, { apply: opts.apply === true })
        if (E.isLeft(run)) throw new CliError(run.left.message, run.left._tag === 'StoreError' ? 2 : 1)
        const { today, due, erased } = run.right
        if (opts.json) return println(JSON.stringify({ today, due, erased }))
        println(`${due.length} key figure(s) past ${opts.years} years on ${today}${opts.apply ? `, ${erased.length} erased` : ' (dry run: nothing erased)'}`)
        for (const d of due) println(`  ${d.personId}  last contact ${d.lastActivityOn}  due ${d.dueOn}`)
      })
    })
}
