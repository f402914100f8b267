/**
 * The register's commands: the registry of command modules and everything derived from it (the
 * decoder, the role, id-field and query tables, the decision). To add a command, write its module
 * in this folder (`defineCommand`), its events in their family, its tests, and name it below.
 */
import type * as t from 'io-ts'
import type { Role } from '../values.js'
import { evolve } from '../evolve.js'
import { initialState } from '../state.js'
import { configureRegister } from './configure-register.js'
import { correctContact } from './correct-contact.js'
import { correctOrganisation } from './correct-organisation.js'
import { decideExclusion } from './decide-exclusion.js'
import { deriveRegistry, type CommandsOf } from './derive.js'
import { endPartnership } from './end-partnership.js'
import { endorseValues } from './endorse-values.js'
import { eraseKeyFigure } from './erase-key-figure.js'
import { liftExclusion } from './lift-exclusion.js'
import { publishReport } from './publish-report.js'
import { recordContact } from './record-contact.js'
import { recordFact } from './record-fact.js'
import { recordVettingAdvice } from './record-vetting-advice.js'
import { registerKeyFigure } from './register-key-figure.js'
import { registerOrganisation } from './register-organisation.js'
import { retractContact } from './retract-contact.js'
import { retractVettingAdvice } from './retract-vetting-advice.js'
import { reviewBreach } from './review-breach.js'
import { reviewExclusion } from './review-exclusion.js'
import { shareReportConfidentially } from './share-report-confidentially.js'
import { startPartnership } from './start-partnership.js'
import { takeReportSnapshot } from './take-report-snapshot.js'
import { withdrawEndorsement } from './withdraw-endorsement.js'
import { addRecipient } from './add-recipient.js'
import { removeRecipient } from './remove-recipient.js'
import { renameOrganisation } from './rename-organisation.js'
import { redactRecord } from './redact-record.js'
import { grantRole } from './grant-role.js'
import { revokeRole } from './revoke-role.js'
import { confirmProposal } from './confirm-proposal.js'
import { withdrawProposal } from './withdraw-proposal.js'

export type { ActingActor, DecideContext, DecideInput, Decision, RenderedSnapshot } from './context.js'

// ---------------------------------------------------------------------------------------------
// model

/** Every command module, by command name: the one list a new command joins. */
export const commandModules = {
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
  configureRegister,
  addRecipient,
  removeRecipient,
  renameOrganisation,
  reviewBreach,
  reviewExclusion,
  retractVettingAdvice,
  redactRecord,
  grantRole,
  revokeRole,
  confirmProposal,
  withdrawProposal,
} as const

const registry = deriveRegistry(commandModules)

export type CommandName = keyof typeof commandModules
/** A decoded command: the envelope with its typed payload. */
export type Command = CommandsOf<typeof commandModules>
export type CommandOf<K extends CommandName> = Extract<Command, { command: K }>
export type PayloadOf<K extends CommandName> = t.TypeOf<(typeof commandModules)[K]['payload']>

/** Every command's payload codec, by command name (the public command format, DOMAIN.md). */
export const commandPayloads: { readonly [K in CommandName]: (typeof commandModules)[K]['payload'] } = registry.payloads
/** Every command's name, in registry order. */
export const COMMAND_NAMES: ReadonlyArray<CommandName> = registry.names
/** The envelope around every payload; `payload` is decoded by the command's own codec. */
export const Envelope = registry.envelope
/** The one role that may issue each command (rule 11). Auditors read and verify; they issue no command. */
export const commandRoles: Readonly<Record<CommandName, Role>> = registry.roles

// ---------------------------------------------------------------------------------------------
// functions derived from the modules

/**
 * Decodes one command from untrusted JSON: the envelope first, then the payload by the command's
 * own codec and refinement. Never throws: anything that is not a valid command is a `DecodeError`
 * naming each field path; values of personal fields are never echoed.
 *
 * @example
 * const r = decodeCommand(JSON.parse(line))
 * if (E.isLeft(r)) console.error(r.left.message) // "payload.occurredOn: expected a date YYYY-MM-DD"
 */
export const decodeCommand = registry.decodeCommand

/**
 * The command with its own new id (its module's `idField`) filled in when it gave none.
 *
 * @example
 * fillIds(cmd, () => v7()).payload.contactId // a fresh UUID v7
 */
export const fillIds = registry.fillIds

/**
 * The events a command's decision depends on (its module's `query`), which is also the condition
 * of its append. Given the state those events make the query may grow: read again until it does not.
 *
 * @example
 * queryFor(recordContact) // the contact, each organisation's standing, each person
 */
export const queryFor = registry.queryFor

/**
 * Decides a command against the state: the actor's role (rule 11), then the module's own rules.
 * Returns the events to append or a rejection; never throws. Ids must be filled in first (`fillIds`).
 *
 * @example
 * const result = decide(command, state, { today: '2025-03-01' })
 * if (E.isLeft(result)) console.log(result.left._tag)
 */
export const decide = registry.decide

/**
 * Whether the acting actor may issue a command (rules 12, 18): holds the role it needs on the
 * date it is recorded, by the grants in the state (read with `grantsQuery`); a register without
 * grants takes only its opening administrator grant. `Unauthorized` names the roles held and the
 * one needed. The ledger checks it before deciding every command.
 *
 * @example
 * authorize(command, state, { today: '2026-11-30', recordedOn: '2026-11-30', actor: { id: 'a.jansen' } })
 */
export const authorize = registry.authorize

/** The role a command needs (its module's role, or what the payload asks). @example roleNeeded(cmd, state) === 'official' */
export const roleNeeded = registry.roleNeeded

/** Whether a role may issue a command. @example mayIssue('auditor', 'recordContact') === false */
export const mayIssue = registry.mayIssue

/** The register as a decider object: initial state, evolve and decide. @example registerDecider.decide(cmd, registerDecider.initialState, ctx) */
export const registerDecider = { initialState, evolve, decide } as const
