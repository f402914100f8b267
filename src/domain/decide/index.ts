/**
 * The register's decider: `{ initialState, evolve, decide }` as a plain object. `decide` checks
 * the actor's role (rule 11), then the command's own rules, and returns the events to append or a
 * rejection; it never throws and does no I/O.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Command, CommandName } from '../commands.js'
import { unauthorized } from '../errors.js'
import { evolve } from '../evolve.js'
import { commandRoles, mayIssue } from '../roles.js'
import { initialState, type RegisterState } from '../state.js'
import type { DecideContext, Decider, Decision } from './context.js'
import { correctContact, recordContact, retractContact } from './contact.js'
import { eraseKeyFigure, registerKeyFigure } from './key-figure.js'
import { correctOrganisation, endorseValues, registerOrganisation, withdrawEndorsement } from './organisation.js'
import { endPartnership, startPartnership } from './partnership.js'
import { publishReport, shareReportConfidentially, takeReportSnapshot } from './report.js'
import { decideExclusion, liftExclusion, recordFact, recordVettingAdvice } from './vetting.js'

const deciders: { readonly [K in CommandName]: Decider<K> } = {
  registerOrganisation,
  correctOrganisation,
  registerKeyFigure,
  eraseKeyFigure,
  endorseValues,
  withdrawEndorsement,
  recordVettingAdvice,
  recordFact,
  decideExclusion,
  liftExclusion,
  startPartnership,
  endPartnership,
  recordContact,
  correctContact,
  retractContact,
  takeReportSnapshot,
  publishReport,
  shareReportConfidentially,
}

/**
 * Decides a command against the state: the events it appends, or why it is rejected.
 * Ids the command left out must have been filled in (`fillIds`) first.
 *
 * @example
 * const result = decide(command, state, { today: '2025-03-01' })
 * if (E.isLeft(result)) console.log(result.left._tag)
 */
export const decide = (command: Command, state: RegisterState, ctx: DecideContext): Decision => {
  if (!mayIssue(command.actor.role, command.command))
    return E.left(unauthorized(command.actor.role, command.command, commandRoles[command.command]))
  const decider = deciders[command.command] as Decider<CommandName>
  return decider(command.payload as never, state, ctx)
}

/** The register as a decider object: initial state, evolve and decide. */
export const registerDecider = { initialState, evolve, decide } as const

export type { DecideContext, Decision, RenderedSnapshot } from './context.js'
