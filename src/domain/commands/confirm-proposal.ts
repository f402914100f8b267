/**
 * confirmProposal (rules 18 and 19): a second actor, holding the role the proposal needs and
 * never its proposer, confirms a proposal. Its command's rules are judged again against the state
 * now (the world may have changed: a refusal names the reason), and the effect is appended with
 * `ProposalConfirmed` in one append, conditional on the proposal's events: of two racing
 * confirmations one takes effect, the other is decided again and finds the proposal closed.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event, type EventOf } from '../events.js'
import { IdInput } from '../input.js'
import { holderOfRole, openProposal, proposalQuery } from '../policies/proposals.js'
import { knownUuid } from '../values.js'
import { defineCommand } from './define.js'
import { PROPOSAL_EFFECTS, proposedCommand, proposedForDecision } from './proposable.js'

export const ConfirmProposal = closed('confirmProposal', { proposalId: IdInput })

type Effect = EventOf<(typeof PROPOSAL_EFFECTS)[number]>

/**
 * The `confirmProposal` command: issued by a holder of the role the proposal needs (a
 * vetting-officer, coordinator or reporting-officer), never its proposer (`SelfConfirmation`);
 * emits ProposalConfirmed and the proposed command's effect. `UnknownProposal` for no such
 * proposal, `ProposalClosed` for one confirmed or withdrawn already.
 *
 * @example
 * { command: 'confirmProposal', actor: { id: 'v.smit', role: 'vetting-officer' }, payload: { proposalId } }
 */
export const confirmProposal = defineCommand({
  payload: ConfirmProposal,
  role: 'coordinator',
  roles: ['coordinator', 'vetting-officer', 'reporting-officer'],
  // the role its proposal needs, looked up in the grants like every command's (rule 12); an unknown proposal: any of them
  roleFor: (p, s) => s.proposals?.[p.proposalId]?.role,
  emits: ['ProposalConfirmed', ...PROPOSAL_EFFECTS],
  query: (p, state) => {
    const known = state?.proposals?.[p.proposalId]
    if (known === undefined) return proposalQuery(p.proposalId)
    const proposed = proposedCommand(known)
    // what the proposed command reads, so its rules are judged again on the state now
    return [...proposalQuery(p.proposalId, known.role), ...(E.isRight(proposed) ? proposed.right.module.query(proposed.right.payload, state) : [])]
  },
  decide: (p, s, ctx) =>
    pipe(
      openProposal(s, p.proposalId),
      E.chainFirst((proposal) =>
        proposal.proposedBy.id === ctx.actor.id
          ? E.left(
              reject(
                'SelfConfirmation',
                `${ctx.actor.id} proposed ${proposal.command} (proposal ${proposal.proposalId}) and cannot confirm it: a second ${proposal.role} must (rules 18 and 19)`,
                { proposalId: proposal.proposalId },
                18,
              ),
            )
          : E.right(undefined),
      ),
      E.chainFirst((proposal) => holderOfRole(s, proposal, ctx.actor, ctx.recordedOn, 'confirmProposal')),
      E.chain((proposal) =>
        pipe(
          // rule 21: the proposal's texts are judged on their plaintext, opened with the record's key
          proposedForDecision(proposal, ctx.openSealed),
          E.chain(({ module, payload }) => module.decide(payload, s, ctx)),
          E.mapLeft((why) =>
            why._tag === 'Unauthorized'
              ? why
              : { ...why, message: `proposal ${proposal.proposalId} (${proposal.command}) can no longer take effect: ${why.message}` },
          ),
          E.map((effect) => [
            event('ProposalConfirmed', {
              proposalId: knownUuid(proposal.proposalId),
              proposedBy: proposal.proposedBy as EventOf<'ProposalConfirmed'>['data']['proposedBy'],
              confirmedBy: { id: ctx.actor.id, role: proposal.role } as EventOf<'ProposalConfirmed'>['data']['confirmedBy'],
            }),
            ...(effect as ReadonlyArray<Effect>),
          ]),
        ),
      ),
    ),
})
