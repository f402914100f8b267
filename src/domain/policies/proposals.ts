/**
 * Four eyes (rules 18 and 19) read as rules: the proposal a command makes instead of its effect,
 * the proposals still open, and who may confirm or withdraw one. A proposal changes nothing but
 * `state.proposals` until a second actor holding its role confirms it.
 */
import * as E from 'fp-ts/lib/Either.js'
import { v5 } from 'uuid'
import { reject, type DomainRejection } from '../errors.js'
import { event, type EventOf } from '../events.js'
import { PROPOSAL_EVENTS } from '../events/proposal.js'
import { ROLE_EVENTS } from '../events/roles.js'
import type { Query } from '../query.js'
import type { ActorRef, ProposalState, RegisterState } from '../state.js'
import { proposalTag, roleTag } from '../tags.js'
import { knownUuid, type Role } from '../values.js'
import type { ActingActor } from '../commands/context.js'
import { holdsRole, hasGrants } from './roles.js'

// ---------------------------------------------------------------------------------------------
// utils

/** The namespace of proposal ids derived from a command when the ledger gave none (pure callers). */
const PROPOSAL_NAMESPACE = '6f1d6a52-1c0e-4b8e-9a57-2f4d0c1e9b19'

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * The event a command that is a proposal appends instead of its effect (rule 19); its id is the
 * command's own (`commandId`), or one derived from the command when none is given.
 *
 * @example
 * proposalMade('decideExclusion', payload, 'vetting-officer', { id: 'v.bakker', role: 'vetting-officer' }, commandId)
 */
export const proposalMade = (command: string, payload: unknown, role: Role, proposedBy: ActorRef, commandId?: string): EventOf<'ProposalMade'> =>
  event('ProposalMade', {
    proposalId: knownUuid(commandId ?? v5(JSON.stringify([command, proposedBy.id, payload]), PROPOSAL_NAMESPACE)),
    command: command as EventOf<'ProposalMade'>['data']['command'],
    payload: payload as Record<string, unknown>,
    role,
    proposedBy: { id: proposedBy.id as EventOf<'ProposalMade'>['data']['proposedBy']['id'], role: proposedBy.role },
  })

/**
 * The query of a proposal's events, and of every grant of `role` and every administrator's (so
 * the append of a confirmation or withdrawal is conditional on them: a racing confirmation, or a
 * revocation of the confirmer's role, makes it a Conflict, decided again).
 *
 * @example
 * proposalQuery(proposalId, 'vetting-officer')
 */
export const proposalQuery = (proposalId: string, role?: Role): Query => [
  { types: PROPOSAL_EVENTS, tags: [proposalTag(proposalId)] },
  ...(role === undefined
    ? []
    : [
        { types: ROLE_EVENTS, tags: [roleTag(role)] },
        { types: ROLE_EVENTS, tags: [roleTag('administrator')] },
      ]),
]

// ---------------------------------------------------------------------------------------------
// queries

/**
 * The proposals still open (neither confirmed nor withdrawn), oldest first; only those needing
 * `role` when one is given: what the people who must act on them are shown.
 *
 * @example
 * pendingProposals(state, { role: 'vetting-officer' }).map((p) => p.command) // ['decideExclusion']
 */
export const pendingProposals = (s: RegisterState, filter: { readonly role?: Role } = {}): ReadonlyArray<ProposalState> =>
  Object.values(s.proposals ?? {})
    .filter((p) => p.closed === undefined && (filter.role === undefined || p.role === filter.role))
    .sort((a, b) => a.position - b.position)

/**
 * Every proposal, open and closed, in the order they were made (the auditor's view).
 *
 * @example
 * allProposals(state).filter((p) => p.closed?.outcome === 'confirmed')
 */
export const allProposals = (s: RegisterState): ReadonlyArray<ProposalState> => Object.values(s.proposals ?? {}).sort((a, b) => a.position - b.position)

/**
 * The open proposal of that id, or why it cannot be acted on: `UnknownProposal`, or
 * `ProposalClosed` naming how and by whom it was closed.
 *
 * @example
 * openProposal(state, proposalId) // Right(proposal) or Left(UnknownProposal)
 */
export const openProposal = (s: RegisterState, proposalId: string): E.Either<DomainRejection, ProposalState> => {
  const p = s.proposals?.[proposalId]
  if (p === undefined) return E.left(reject('UnknownProposal', `no proposal ${proposalId} was made (rule 19)`, { proposalId }, 19))
  if (p.closed !== undefined)
    return E.left(
      reject(
        'ProposalClosed',
        `proposal ${proposalId} (${p.command}) was ${p.closed.outcome} by ${p.closed.by.id} at position ${p.closed.position}; it can no longer be confirmed or withdrawn (rule 19)`,
        { proposalId },
        19,
      ),
    )
  return E.right(p)
}

/**
 * Whether the actor may act on a proposal as a holder of its role: on a register with grants,
 * the actor holds the role on the date the command is recorded (rule 12); on a register not yet
 * opened (no grants), the role the command names must be it. `Unauthorized` names the roles held.
 *
 * @example
 * holderOfRole(state, proposal, ctx.actor, ctx.recordedOn, 'confirmProposal')
 */
export const holderOfRole = (s: RegisterState, p: ProposalState, actor: ActingActor, recordedOn: string, command: string): E.Either<DomainRejection, void> => {
  const named = actor.role === undefined || actor.role === p.role
  const held = hasGrants(s) ? holdsRole(s, actor.id, p.role, recordedOn) : true
  if (named && held) return E.right(undefined)
  // the decision's state holds the grants of the proposal's role (its query), so it says whether that one is held
  const why = !named ? `acts as ${actor.role}` : `holds no grant of ${p.role} on ${recordedOn}`
  return E.left({
    _tag: 'Unauthorized',
    message: `${actor.id} ${why} and may not ${command === 'confirmProposal' ? 'confirm' : 'withdraw'} proposal ${p.proposalId} (${p.command}): it needs the role ${p.role} (rules 12 and 19)`,
    role: actor.role ?? 'none',
    command,
  })
}
