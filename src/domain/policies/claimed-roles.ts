/**
 * The roles the history shows actors acting in (rule 18): on a register written before grants
 * existed every role was claimed by the command itself, so these are suggestions for the
 * administrator who brings it under the rules, never grants.
 */
import type { StoredEvent } from '../events.js'
import { ROLE_EVENTS } from '../events/roles.js'
import type { RegisterState } from '../state.js'
import type { Role } from '../values.js'
import { rolesOf } from './roles.js'

// ---------------------------------------------------------------------------------------------
// model

/** One role an actor claimed: on how many events, first and last recorded when. */
export interface ClaimedRole {
  readonly role: Role
  readonly events: number
  readonly firstRecordedAt: string
  readonly lastRecordedAt: string
}

/** An actor of the history, the roles it claimed, and the roles the grants give it on a date. */
export interface ActorClaims {
  readonly actorId: string
  readonly claimed: ReadonlyArray<ClaimedRole>
  readonly granted: ReadonlyArray<Role>
}

// ---------------------------------------------------------------------------------------------
// queries

/**
 * Every actor the events show, with the roles their commands claimed (grants and revocations left
 * out: those were checked) and the roles the grants in `state` give them on `onDate`, by actor id.
 * Suggestions only: a claimed role was self-declared, and is never granted by this.
 *
 * @example
 * claimedRoles(events, state, '2026-11-30')[0] // { actorId: 'a.jansen', claimed: [{ role: 'official', events: 12, … }], granted: [] }
 */
export const claimedRoles = (events: ReadonlyArray<StoredEvent>, state: RegisterState, onDate: string): ReadonlyArray<ActorClaims> => {
  const byActor = new Map<string, Map<Role, { events: number; firstRecordedAt: string; lastRecordedAt: string }>>()
  for (const e of events) {
    if ((ROLE_EVENTS as ReadonlyArray<string>).includes(e.type)) continue
    const { id, role } = e.meta.actor
    const roles = byActor.get(id) ?? new Map()
    byActor.set(id, roles)
    const seen = roles.get(role)
    if (seen === undefined) roles.set(role, { events: 1, firstRecordedAt: e.meta.recordedAt, lastRecordedAt: e.meta.recordedAt })
    else roles.set(role, { ...seen, events: seen.events + 1, lastRecordedAt: e.meta.recordedAt })
  }
  return [...byActor.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([actorId, roles]) => ({
      actorId,
      claimed: [...roles.entries()].map(([role, r]) => ({ role, ...r })),
      granted: rolesOf(state, actorId, onDate),
    }))
}
