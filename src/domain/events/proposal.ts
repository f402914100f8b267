/**
 * Events of the four-eyes proposals (rule 19): a proposal made (the command, its payload, the role
 * that must confirm it, its proposer), confirmed by a second actor (appended with the command's
 * effect, in one append) or withdrawn. Each carries the proposal's tag, so two racing
 * confirmations of one proposal conflict and only one takes effect.
 */
import * as t from 'io-ts'
import { closed } from '../codec.js'
import { proposalTag } from '../tags.js'
import { Actor, NonEmptyString, Role, Uuid } from '../values.js'
import { FreeText, shownText } from './parts.js'
import { defineFamily } from './family.js'

/**
 * A proposal: `payload` is the command's payload as proposed (encoded, its new ids filled in), its
 * free texts sealed where they sit under the key of the record the effect will belong to (rule 21).
 */
export const ProposalMade = closed('ProposalMade', { proposalId: Uuid, command: NonEmptyString, payload: t.UnknownRecord, role: Role, proposedBy: Actor })
/** A proposal confirmed by a second actor; the command's effect is appended with it. */
export const ProposalConfirmed = closed('ProposalConfirmed', { proposalId: Uuid, proposedBy: Actor, confirmedBy: Actor })
/** A proposal withdrawn by its proposer or another holder of its role; the reason sealed under the proposal's id (rule 21). */
export const ProposalWithdrawn = closed('ProposalWithdrawn', { proposalId: Uuid, withdrawnBy: Actor, reason: FreeText })

/** The events of a proposal's life. */
export const PROPOSAL_EVENTS = ['ProposalMade', 'ProposalConfirmed', 'ProposalWithdrawn'] as const

/** The proposal family: ProposalMade, ProposalConfirmed, ProposalWithdrawn, folded into `state.proposals`. */
export const proposalFamily = defineFamily({
  codecs: { ProposalMade, ProposalConfirmed, ProposalWithdrawn },
  behaviour: {
    ProposalMade: {
      evolve: (s, d, at) => {
        const proposals = (s.proposals ??= {})
        proposals[d.proposalId] = { ...at, proposalId: d.proposalId, command: d.command, payload: d.payload, role: d.role, proposedBy: { id: d.proposedBy.id, role: d.proposedBy.role } }
      },
      tags: (d) => [proposalTag(d.proposalId)],
    },
    ProposalConfirmed: {
      evolve: (s, d, at) => {
        const p = s.proposals?.[d.proposalId]
        if (p !== undefined) p.closed = { ...at, outcome: 'confirmed', by: { id: d.confirmedBy.id, role: d.confirmedBy.role } }
      },
      tags: (d) => [proposalTag(d.proposalId)],
    },
    ProposalWithdrawn: {
      evolve: (s, d, at) => {
        const p = s.proposals?.[d.proposalId]
        if (p !== undefined) p.closed = { ...at, outcome: 'withdrawn', by: { id: d.withdrawnBy.id, role: d.withdrawnBy.role }, reason: shownText(d.reason) }
      },
      tags: (d) => [proposalTag(d.proposalId)],
    },
  },
})
