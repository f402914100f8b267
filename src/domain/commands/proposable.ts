/**
 * The commands that may be proposals (rule 19), by name: `confirmProposal` decides a proposal's
 * effect with its command's own module, against the state at the confirmation.
 */
import * as E from 'fp-ts/lib/Either.js'
import { reject, type DomainRejection } from '../errors.js'
import { holdsSealed, withSealedMarks } from '../events/sealed-values.js'
import type { ProposalState } from '../state.js'
import { correctContact } from './correct-contact.js'
import { correctOrganisation } from './correct-organisation.js'
import { decideExclusion } from './decide-exclusion.js'
import type { CommandModule } from './define.js'
import { liftExclusion } from './lift-exclusion.js'
import { registerOrganisation } from './register-organisation.js'
import { shareReportConfidentially } from './share-report-confidentially.js'

/** The command modules a proposal may name. */
export const proposableModules = { decideExclusion, liftExclusion, correctContact, correctOrganisation, registerOrganisation, shareReportConfidentially } as const

/** Every event type a confirmed proposal's effect may hold. */
export const PROPOSAL_EFFECTS = [
  'ExclusionDecided',
  'PartnershipEnded',
  'ExclusionLifted',
  'ContactCorrected',
  'BreachAcknowledged',
  'OrganisationCorrected',
  'OrganisationRegistered',
  'ReportSharedConfidentially',
] as const

/**
 * The module of a proposal's command and its payload as decoded again, or why not. The payload's
 * free texts are sealed (rule 21): `open` gives their plaintext (a confirmation's decision, with
 * the ledger's keys); without it they read as `[sealed]`, enough for the record ids a query needs.
 *
 * @example
 * proposedCommand(state.proposals[id], ctx.openSealed) // Right({ module: decideExclusion, payload })
 */
export const proposedCommand = (
  p: ProposalState,
  open: (value: unknown) => unknown = withSealedMarks,
): E.Either<DomainRejection, { readonly module: CommandModule; readonly payload: unknown }> => {
  const module = (proposableModules as Record<string, CommandModule>)[p.command]
  if (module === undefined) return E.left(reject('InvalidCommand', `proposal ${p.proposalId} names ${p.command}, which is not a command that can be proposed`, { proposalId: p.proposalId }))
  const payload = module.payload.decode(open(p.payload))
  return E.isLeft(payload)
    ? E.left(reject('InvalidCommand', `proposal ${p.proposalId} holds a ${p.command} payload this version cannot read`, { proposalId: p.proposalId }))
    : E.right({ module, payload: payload.right })
}

/**
 * The proposed command as its confirmation decides it: its sealed texts opened, or a refusal when
 * they cannot be (a register without a key store).
 *
 * @example
 * proposedForDecision(proposal, ctx.openSealed) // Right({ module, payload }) with plaintext texts
 */
export const proposedForDecision = (
  p: ProposalState,
  open: ((value: unknown) => unknown) | undefined,
): E.Either<DomainRejection, { readonly module: CommandModule; readonly payload: unknown }> =>
  open === undefined && holdsSealed(p.payload)
    ? E.left(reject('InvalidCommand', `proposal ${p.proposalId} holds sealed texts and this register has no key store to open them (rule 21)`, { proposalId: p.proposalId }))
    : proposedCommand(p, open ?? withSealedMarks)
