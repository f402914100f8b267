/**
 * Grants for tests and examples (rules 12, 18): the commands that open a register with an
 * administrator and grant each actor its role, so a test's commands are authorized as they are
 * in production, never by a claimed role.
 */
import type { Role } from '../domain/values.js'

/** A command as JSON (the shape of `CommandJson` of the histories). */
type CommandJson = { readonly command: string; readonly actor: { id: string; role: string }; readonly payload: Record<string, unknown> } & Record<string, unknown>

/** The administrator the test grants are made by. */
export const TEST_ADMINISTRATOR = 'test.administrator'
/** The date test grants start on: before any business date a test uses, so roles hold on every date. */
export const TEST_GRANT_DATE = '2000-01-01'

/**
 * The commands that open a register with `administrator` and grant each actor its roles, all
 * dated `grantedOn`; run them first (one batch, or in order).
 *
 * @example
 * await ledger.executeBatch(grantCommands([['a.jansen', 'official'], ['c.desmet', 'coordinator']]))
 */
export const grantCommands = (
  grants: ReadonlyArray<readonly [actorId: string, role: Role]>,
  administrator: string = TEST_ADMINISTRATOR,
  grantedOn: string = TEST_GRANT_DATE,
): ReadonlyArray<CommandJson> => {
  const admin = { id: administrator, role: 'administrator' }
  const grant = (actorId: string, role: Role): CommandJson => ({ command: 'grantRole', actor: admin, payload: { actorId, role, grantedOn } })
  return [grant(administrator, 'administrator'), ...grants.filter(([id, role]) => !(id === administrator && role === 'administrator')).map(([id, role]) => grant(id, role))]
}

/** The roles the generated histories and arbitraries act in, each held by `test.<role>`. */
export const TEST_ROLES: ReadonlyArray<Role> = ['official', 'coordinator', 'vetting-officer', 'reporting-officer', 'privacy-officer', 'auditor']

/** The roles whose commands are proposals (rule 19) in the generated histories: each confirmed by `test2.<role>`. */
export const TEST_CONFIRMING_ROLES: ReadonlyArray<Role> = ['vetting-officer', 'coordinator', 'reporting-officer']

/**
 * The grants that open a register for generated histories and arbitrary commands:
 * `test.administrator` opens it and grants `test.<role>` each role they act in, and `test2.<role>`
 * the roles whose proposals they confirm. `compileHistory` and `arbHistory` start with them.
 *
 * @example
 * await ledger.executeBatch([...TEST_GRANTS, ...compileHistory(steps, { grants: false })])
 */
export const TEST_GRANTS: ReadonlyArray<CommandJson> = grantCommands([
  ...TEST_ROLES.map((role) => [`test.${role}`, role] as const),
  ...TEST_CONFIRMING_ROLES.map((role) => [`test2.${role}`, role] as const),
])
