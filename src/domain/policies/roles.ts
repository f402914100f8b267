/**
 * The record of grants read as rules (rules 12 and 18): which roles an actor holds on a date,
 * whether the register has been opened, and the query that reads what those answers need.
 * Actor ids are compared exactly (case-sensitive), as every actor id in the register is.
 */
import { ROLE_EVENTS } from '../events/roles.js'
import type { Query } from '../query.js'
import type { GrantState, RegisterState } from '../state.js'
import { actorTag, roleTag } from '../tags.js'
import type { Role } from '../values.js'

// ---------------------------------------------------------------------------------------------
// utils

const NONE: ReadonlyArray<GrantState> = []

/** Whether a grant is held on a date: granted on or before it, and not revoked on or before it. */
export const grantHeldOn = (g: GrantState, onDate: string): boolean =>
  g.grantedOn <= onDate && (g.revoked === undefined || onDate < g.revoked.revokedOn)

// ---------------------------------------------------------------------------------------------
// queries

/**
 * The grants of an actor, every one ever made, in log order (none when the state holds none).
 *
 * @example
 * grantsOf(state, 'a.jansen').map((g) => g.role) // ['official']
 */
export const grantsOf = (s: RegisterState, actorId: string): ReadonlyArray<GrantState> => s.grants?.[actorId] ?? NONE

/**
 * The roles an actor holds on a date (each once, in the order they were first granted).
 *
 * @example
 * rolesOf(state, 'a.jansen', '2026-11-30') // ['official']
 */
export const rolesOf = (s: RegisterState, actorId: string, onDate: string): ReadonlyArray<Role> => {
  const roles: Role[] = []
  for (const g of grantsOf(s, actorId)) if (grantHeldOn(g, onDate) && !roles.includes(g.role)) roles.push(g.role)
  return roles
}

/**
 * Whether an actor holds a role on a date.
 *
 * @example
 * holdsRole(state, 'a.jansen', 'official', '2026-11-30') // true
 */
export const holdsRole = (s: RegisterState, actorId: string, role: Role, onDate: string): boolean =>
  grantsOf(s, actorId).some((g) => g.role === role && grantHeldOn(g, onDate))

/**
 * Whether the register has been opened: some role was ever granted (the first grant is an
 * administrator's, so a decision's state knows it from the administrators' grants it reads).
 * A register written before grants existed has none: it is read, never written, until opened.
 *
 * @example
 * hasGrants(initialState) // false
 */
export const hasGrants = (s: RegisterState): boolean => {
  for (const id in s.grants) if (s.grants[id]!.length > 0) return true
  return false
}

/**
 * The grants still open (not revoked) of a role, across the actors the state holds.
 *
 * @example
 * openGrantsOfRole(state, 'administrator').map((g) => g.actorId) // ['b.beheer']
 */
export const openGrantsOfRole = (s: RegisterState, role: Role): ReadonlyArray<GrantState> => {
  const out: GrantState[] = []
  for (const id in s.grants) for (const g of s.grants[id]!) if (g.role === role && g.revoked === undefined) out.push(g)
  return out
}

/**
 * The query items that read an actor's grants, and every administrator's (which tell whether the
 * register is opened and who administers it): a decision that checks roles adds them to its
 * query, so its append is conditional on them (a revocation racing it is a Conflict, decided again).
 *
 * @example
 * store.read({ query: grantsQuery('a.jansen') })
 */
export const grantsQuery = (actorId: string): Query => [actorGrantsItem(actorId), ADMINISTRATORS_GRANTS]

/** The query item that reads one actor's grants and revocations. @example actorGrantsItem('a.jansen') */
export const actorGrantsItem = (actorId: string): Query[number] => ({ types: ROLE_EVENTS, tags: [actorTag(actorId)] })

/** The query item that reads every administrator's grants and revocations (whether the register is opened, and by whom). */
export const ADMINISTRATORS_GRANTS: Query[number] = { types: ROLE_EVENTS, tags: [roleTag('administrator')] }
