/**
 * `access-log [--verify] [--format text|json]`: the record of restricted reads (rule 20), itself a
 * restricted read (auditor, privacy-officer) written to the access log. `--verify` checks the hash
 * chain and the stored head as found: a removed record in the middle or at the end is exit 1.
 */
import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import type { AccessRecord } from '../../src/index.js'
import { withStore } from '../context.js'
import { CliError, usage } from '../errors.js'
import { println } from '../io.js'
import { readFailure, usingRestricted, withReader } from '../restricted.js'

const FORMATS = ['text', 'json'] as const

/** One record as a line of text: seq, when, who, the outcome, what and why. */
const textLine = (r: AccessRecord): string => {
  const params = Object.entries(r.read.params).map(([k, v]) => `${k}=${v}`).join(' ')
  return [String(r.seq), r.at, r.actor ?? '(no actor)', r.outcome, r.read.kind + (params !== '' ? ` ${params}` : ''), r.purpose !== undefined ? `purpose: ${JSON.stringify(r.purpose)}` : ''].filter((x) => x !== '').join('  ')
}

export const registerAccessLog = (program: Command): void => {
  withReader(
    withStore(
      program
        .command('access-log')
        .summary('who read what that is not public (rule 20; restricted: auditor, privacy-officer)')
        .description(
          'Prints the access log: one record per restricted read (report confidential, report audit, person show, log, export, ' +
            'export tiles --with-entries, access-log), allowed or refused, with the actor, what was read (report parameters, a person id, a log range; never a name), ' +
            'when, the purpose and the outcome. The records form a hash chain and the store keeps its head (count and last hash), so a removed record, ' +
            'the last one included, is found by --verify (exit 1). Reading it is itself a restricted read, written to the access log.',
        )
        .option('--verify', 'check the chain and its head instead of printing the records (exit 1 when a record was removed or changed)')
        .option('--format <format>', 'text (one line per record) or json (JSON Lines, one record per line)', 'text'),
    ),
    'access-log',
  )
    .addHelpText('after', '\nExample:\n  contact-ledger access-log --store sqlite:register.db --actor e.auditor --verify')
    .action(async (opts: { store?: string; actor?: string; purpose?: string; verify?: boolean; format?: string }) => {
      const format = opts.format ?? 'text'
      if (!(FORMATS as ReadonlyArray<string>).includes(format)) throw usage(`--format takes text or json, got ${JSON.stringify(format.slice(0, 40))}`)
      await usingRestricted(opts, 'access-log', {}, async ({ reads }) => {
        const got = await reads.accessLog()
        if (E.isLeft(got)) throw readFailure(got.left)
        const { records, check } = got.right
        if (opts.verify === true) {
          if (format === 'json') println(JSON.stringify(check))
          else if (check.ok) println(`access log: ${check.count} records, the chain is intact and its head (${check.head.count} records, ${check.head.hash}) matches the last`)
          else for (const p of check.problems) println(`access log: ${p}`)
          if (!check.ok) throw new CliError(`the access log failed its check: ${check.problems.length} problem${check.problems.length === 1 ? '' : 's'} (above)`, 1)
          return
        }
        for (const r of records) println(format === 'json' ? JSON.stringify(r) : textLine(r))
        if (!check.ok) throw new CliError(`the access log failed its check (${check.problems[0]}); run contact-ledger access-log --verify`, 1)
      })
    })
}
