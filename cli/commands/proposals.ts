/**
 * `proposals [--role R] [--all] [--format json|text]`: the four-eyes proposals (rule 19) still
 * open, for the people who must confirm them; `--all` lists closed ones too, with how they ended
 * and by whom.
 */
import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { ROLES, allProposals, maskSealed, pendingProposals, type ProposalState, type Role } from '../../src/index.js'
import { usingLedger, withStore } from '../context.js'
import { CliError, usage } from '../errors.js'
import { println } from '../io.js'

const roleOption = (value: string): Role => {
  if (!(ROLES as ReadonlyArray<string>).includes(value)) throw usage(`--role takes one of ${ROLES.join(', ')}; got "${value}"`)
  return value as Role
}
const formatOption = (value: string): 'json' | 'text' => {
  if (value !== 'json' && value !== 'text') throw usage(`--format takes json or text; got "${value}"`)
  return value
}

/** One proposal as a JSON line: what was proposed, the role that must confirm it, who proposed it, and how it ended. */
const asJson = (p: ProposalState) => ({
  proposalId: p.proposalId,
  command: p.command,
  role: p.role,
  proposedBy: p.proposedBy,
  position: p.position,
  recordedAt: p.recordedAt,
  status: p.closed?.outcome ?? 'open',
  ...(p.closed !== undefined ? { closedBy: p.closed.by, closedAt: p.closed.position, ...(p.closed.reason !== undefined ? { reason: p.closed.reason } : {}) } : {}),
  // rule 21: its free texts sealed, shown as log shows them
  payload: maskSealed(p.payload),
})

const asText = (p: ProposalState): string =>
  `${p.proposalId}  ${p.command}  needs ${p.role}  proposed by ${p.proposedBy.id} (${p.proposedBy.role}) at position ${p.position}` +
  (p.closed === undefined ? '  open' : `  ${p.closed.outcome} by ${p.closed.by.id} at position ${p.closed.position}`)

export const registerProposals = (program: Command): void => {
  withStore(
    program
      .command('proposals')
      .summary('list the four-eyes proposals waiting for confirmation')
      .description(
        'Lists the proposals (rule 19: exclusions and lifts, reclassifications, name-alikes of excluded organisations, confidential shares) ' +
          'that wait for a second actor, oldest first; confirm one with a confirmProposal command ({"proposalId": …}) through exec.',
      )
      .option('--role <role>', 'only the proposals this role must confirm', roleOption)
      .option('--all', 'also the confirmed and withdrawn ones, with who closed them')
      .option('--format <format>', 'json (one proposal a line) or text (default json)', formatOption),
  )
    .addHelpText('after', '\nExample:\n  contact-ledger proposals --store sqlite:register.db --role vetting-officer --format text')
    .action(async (opts: { store?: string; role?: Role; all?: boolean; format?: 'json' | 'text' }) => {
      await usingLedger(opts, async ({ ledger }) => {
        const s = await ledger.state()
        if (E.isLeft(s)) throw new CliError(s.left.message, 2)
        const listed = opts.all === true ? allProposals(s.right).filter((p) => opts.role === undefined || p.role === opts.role) : pendingProposals(s.right, opts.role !== undefined ? { role: opts.role } : {})
        for (const p of listed) println(opts.format === 'text' ? asText(p) : JSON.stringify(asJson(p)))
      })
    })
}
