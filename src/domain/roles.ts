/** Who may issue which command (rule 11). Auditors read and verify; they issue no command. */
import type { CommandName } from './commands.js'
import type { Role } from './values.js'

/** The one role that may issue each command. */
export const commandRoles: Readonly<Record<CommandName, Role>> = {
  registerOrganisation: 'coordinator',
  correctOrganisation: 'coordinator',
  endorseValues: 'coordinator',
  withdrawEndorsement: 'coordinator',
  startPartnership: 'coordinator',
  endPartnership: 'coordinator',
  registerKeyFigure: 'official',
  recordContact: 'official',
  correctContact: 'official',
  retractContact: 'official',
  recordVettingAdvice: 'vetting-officer',
  recordFact: 'vetting-officer',
  decideExclusion: 'vetting-officer',
  liftExclusion: 'vetting-officer',
  takeReportSnapshot: 'reporting-officer',
  publishReport: 'reporting-officer',
  shareReportConfidentially: 'reporting-officer',
  eraseKeyFigure: 'privacy-officer',
}

/** Whether a role may issue a command. @example mayIssue('auditor', 'recordContact') === false */
export const mayIssue = (role: Role, command: CommandName): boolean => commandRoles[command] === role
