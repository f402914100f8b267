/**
 * withdrawProposal (rule 19): the proposer, or another holder of the role the proposal needs,
 * ends an open proposal with a reason; it then never takes effect.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { closed } from '../codec.js'
import { event, type EventOf } from '../events.js'
import { IdInput } from '../input.js'
import { holderOfRole, openProposal, proposalQuery } from '../policies/proposals.js'
import { NonEmptyString, knownUuid } from '../values.js'
import { defineCommand } from './define.js'

export const WithdrawProposal = closed('withdrawProposal', { proposalId: IdInput, reason: NonEmptyString })

/**
 * The `withdrawProposal` command: issued by the proposal's proposer or a holder of its role;
 * emits ProposalWithdrawn. `UnknownProposal`, `ProposalClosed` as for a confirmation.
 *
 * @example
 * { command: 'withdrawProposal', actor: { id: 'v.bakker', role: 'vetting-officer' }, payload: { proposalId, reason: 'advies ingetrokken' } }
 */
export const withdrawProposal = defineCommand({
  payload: WithdrawProposal,
  role: 'coordinator',
  roles: ['coordinator', 'vetting-officer', 'reporting-officer', 'official'],
  emits: ['ProposalWithdrawn'],
  query: (p, state) => proposalQuery(p.proposalId, state?.proposals?.[p.proposalId]?.role),
  decide: (p, s, ctx) =>
    pipe(
      openProposal(s, p.proposalId),
      E.chainFirst((proposal) => (proposal.proposedBy.id === ctx.actor.id ? E.right(undefined) : holderOfRole(s, proposal, ctx.actor, ctx.recordedOn, 'withdrawProposal'))),
      E.map((proposal) => [
        event('ProposalWithdrawn', {
          proposalId: knownUuid(proposal.proposalId),
          withdrawnBy: {
            id: ctx.actor.id,
            role: proposal.proposedBy.id === ctx.actor.id ? proposal.proposedBy.role : proposal.role,
          } as EventOf<'ProposalWithdrawn'>['data']['withdrawnBy'],
          reason: p.reason,
        }),
      ]),
    ),
})
