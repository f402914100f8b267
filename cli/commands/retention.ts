/**
 * `retention --dry-run | --apply`: lists, then erases, the key figures past the retention policy,
 * and lists, then redacts, the contacts whose sealed free texts are past the text policy (rule 21).
 */
import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { retention, textRetention, DEFAULT_RETENTION, DEFAULT_TEXT_RETENTION, parseTextRetention, type TextRetentionPolicy } from '../../src/index.js'
import { ACTOR_ENV, actorOption, resolveActor } from '../actor.js'
import { usingLedger, withStore } from '../context.js'
import { CliError, usage } from '../errors.js'
import { println, wholeNumber } from '../io.js'

const spec = (p: TextRetentionPolicy): string =>
  Object.entries(p.years)
    .map(([k, v]) => `${k}=${v}`)
    .join(',')
const TEXT_DEFAULT = spec(DEFAULT_TEXT_RETENTION)

const textYears = (value: string): TextRetentionPolicy => {
  const parsed = parseTextRetention(value)
  if ('error' in parsed) throw usage(`--text-years: ${parsed.error}`)
  return parsed.ok
}

export const registerRetention = (program: Command): void => {
  actorOption(withStore(
    program
      .command('retention')
      .summary('list or erase key figures, and redact contacts\' free texts, past the retention policies')
      .description(
        `Key figures are erased ${DEFAULT_RETENTION.years} years (or --years N) after the last contact with them (or their ` +
          'registration, when there was none). --dry-run lists them and appends nothing; --apply erases each one as the ' +
          'privacy officer --actor, recording an eraseKeyFigure event with the reason. A contact\'s sealed free texts (subject, ' +
          `officials, reasons) are redacted ${TEXT_DEFAULT} years after the contact (or --text-years), by category; ` +
          '--apply records a redactRecord event for each and destroys its key. Texts recorded before sealing are plaintext ' +
          'history and cannot be redacted (README).',
      )
      .option('--dry-run', 'list, append nothing')
      .option('--apply', 'erase those listed')
      .option('--years <n>', 'years after the last contact', wholeNumber('--years', 200), DEFAULT_RETENTION.years)
      .option('--text-years <spec>', `years after the contact, per category, for free texts (default ${TEXT_DEFAULT})`, textYears)
      .option('--json', 'one JSON object: today, due, erased, texts: { due, redacted }'),
  ), 'the privacy officer who erases and redacts (role privacy-officer; required with --apply)')
    .addHelpText(
      'after',
      '\nExamples:\n  contact-ledger retention --dry-run\n  contact-ledger retention --dry-run --text-years partnership=10,signalling=1\n  contact-ledger retention --apply --actor p.visser',
    )
    .action(async (opts: { store?: string; dryRun?: boolean; apply?: boolean; years: number; textYears?: TextRetentionPolicy; actor?: string; json?: boolean }) => {
      if (opts.dryRun === opts.apply) throw usage('say either --dry-run (list) or --apply (erase)')
      const actor = resolveActor(opts)
      if (opts.apply && actor === undefined) throw usage(`--apply erases as a privacy officer: name them with --actor ID (or ${ACTOR_ENV})`)
      await usingLedger(opts, async ({ ledger }) => {
        const run = await retention(ledger, { years: opts.years }, { id: actor ?? '' }, { apply: opts.apply === true })
        if (E.isLeft(run)) throw new CliError(run.left.message, run.left._tag === 'StoreError' ? 2 : 1)
        const { today, due, erased } = run.right
        const policy = opts.textYears ?? DEFAULT_TEXT_RETENTION
        const texts = await textRetention(ledger, policy, { id: actor ?? '' }, { apply: opts.apply === true })
        if (E.isLeft(texts)) throw new CliError(texts.left.message, texts.left._tag === 'StoreError' ? 2 : 1)
        if (opts.json) return println(JSON.stringify({ today, due, erased, texts: { due: texts.right.due, redacted: texts.right.redacted } }))
        println(`${due.length} key figure(s) past ${opts.years} years on ${today}${opts.apply ? `, ${erased.length} erased` : ' (dry run: nothing erased)'}`)
        for (const d of due) println(`  ${d.personId}  last contact ${d.lastActivityOn}  due ${d.dueOn}`)
        const t = texts.right
        println(`${t.due.length} contact(s) with free texts past ${spec(policy)} on ${today}${opts.apply ? `, ${t.redacted.length} redacted` : ' (dry run: nothing redacted)'}`)
        for (const d of t.due) println(`  ${d.recordId}  ${d.category} contact ${d.occurredOn}  due ${d.dueOn}`)
      })
    })
}
