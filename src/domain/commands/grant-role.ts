/**
 * grantRole (rules 12 and 18): an administrator grants an actor a role from a date on. The first
 * grant of a register without grants opens it and must make an administrator; an administrator
 * holds no other role.
 */
import * as E from 'fp-ts/lib/Either.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { ActorId, GrantDateInput } from '../input.js'
import { grantsOf, grantsQuery, hasGrants } from '../policies/roles.js'
import type { GrantState } from '../state.js'
import { NonEmptyString, Role, knownDate } from '../values.js'
import { defineCommand } from './define.js'

export const GrantRole = closed('grantRole', { actorId: ActorId, role: Role, grantedOn: GrantDateInput }, { reason: NonEmptyString })

/** Whether an existing grant is still held on or after `from` (a new grant from `from` on has no end, so they overlap). */
const overlaps = (g: GrantState, from: string): boolean => g.revoked === undefined || g.revoked.revokedOn > from

/**
 * The `grantRole` command: issued by an administrator (or, on a register without grants, by
 * whoever opens it with its first administrator); emits RoleGranted. Refused: `NotOpened` for a
 * first grant that is not an administrator's; `AlreadyExists` when the actor holds the role then
 * already; `RoleConflict` for administrator plus any other role.
 *
 * @example
 * { command: 'grantRole', actor: { id: 'b.beheer', role: 'administrator' }, payload: { actorId: 'a.jansen', role: 'official', grantedOn: '2026-12-01' } }
 */
export const grantRole = defineCommand({
  payload: GrantRole,
  role: 'administrator',
  emits: ['RoleGranted'],
  query: (p) => grantsQuery(p.actorId),
  decide: (p, s) => {
    const granted = [event('RoleGranted', { actorId: p.actorId, role: p.role, grantedOn: knownDate(p.grantedOn), ...(p.reason !== undefined ? { reason: p.reason } : {}) })]
    if (!hasGrants(s))
      return p.role === 'administrator'
        ? E.right(granted)
        : E.left(
            reject(
              'NotOpened',
              `the register has no grants yet: the first grant opens it and must make an administrator (grantRole with role administrator, or contact-ledger init --administrator ID), not ${p.role} (rule 18)`,
              { actorId: p.actorId },
              18,
            ),
          )
    const held = grantsOf(s, p.actorId).filter((g) => overlaps(g, p.grantedOn))
    const same = held.find((g) => g.role === p.role)
    if (same !== undefined)
      return E.left(
        reject('AlreadyExists', `${p.actorId} holds ${p.role} already (granted on ${same.grantedOn}, position ${same.position}); revoke it first to grant it anew`, { actorId: p.actorId }, 18),
      )
    const clash = held.find((g) => (p.role === 'administrator') !== (g.role === 'administrator'))
    if (clash !== undefined)
      return E.left(
        reject(
          'RoleConflict',
          `an administrator holds no other role: ${p.actorId} holds ${clash.role} (granted on ${clash.grantedOn}, position ${clash.position}${clash.revoked !== undefined ? `, until ${clash.revoked.revokedOn}` : ''}), so ${p.role} cannot be granted from ${p.grantedOn} (rule 18)`,
          { actorId: p.actorId, role: clash.role },
          18,
        ),
      )
    return E.right(granted)
  },
})
