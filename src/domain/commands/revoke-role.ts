/** revokeRole (rules 12 and 18): an administrator ends an actor's role from a date on. */
import * as E from 'fp-ts/lib/Either.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { ActorId, GrantDateInput } from '../input.js'
import { grantsOf, grantsQuery, openGrantsOfRole } from '../policies/roles.js'
import { NonEmptyString, Role, knownDate } from '../values.js'
import { defineCommand } from './define.js'

export const RevokeRole = closed('revokeRole', { actorId: ActorId, role: Role, revokedOn: GrantDateInput }, { reason: NonEmptyString })

/**
 * The `revokeRole` command: issued by an administrator; emits RoleRevoked, which ends the actor's
 * open grant of the role from `revokedOn` on (a revocation on a grant's own start date cancels a
 * grant that starts later). Refused: `RoleNotHeld` when the actor has no open grant of the role;
 * `InvalidCommand` for a date before the grant starts; `LastAdministrator` when no other
 * administrator would remain to grant roles.
 *
 * @example
 * { command: 'revokeRole', actor: { id: 'b.beheer', role: 'administrator' }, payload: { actorId: 'a.jansen', role: 'official', revokedOn: '2026-12-31', reason: 'uit dienst' } }
 */
export const revokeRole = defineCommand({
  payload: RevokeRole,
  role: 'administrator',
  emits: ['RoleRevoked'],
  query: (p) => grantsQuery(p.actorId),
  decide: (p, s) => {
    const open = grantsOf(s, p.actorId).find((g) => g.role === p.role && g.revoked === undefined)
    if (open === undefined) {
      const others = [...new Set(grantsOf(s, p.actorId).filter((g) => g.revoked === undefined).map((g) => g.role))]
      return E.left(
        reject(
          'RoleNotHeld',
          `${p.actorId} holds no open grant of ${p.role}${others.length > 0 ? ` (open grants: ${others.join(', ')})` : ' (no open grants at all)'}; nothing to revoke (rule 18)`,
          { actorId: p.actorId, role: p.role },
          18,
        ),
      )
    }
    if (p.revokedOn < open.grantedOn)
      return E.left(
        reject('InvalidCommand', `revokedOn ${p.revokedOn} lies before the grant it ends starts (${open.grantedOn}, position ${open.position}); revoke on ${open.grantedOn} to cancel it`, {
          actorId: p.actorId,
        }),
      )
    if (p.role === 'administrator' && !openGrantsOfRole(s, 'administrator').some((g) => g.actorId !== p.actorId))
      return E.left(
        reject(
          'LastAdministrator',
          `${p.actorId} is the register's only administrator: grant another actor the administrator role first, or no one could grant or revoke roles any more (rule 18)`,
          { actorId: p.actorId },
          18,
        ),
      )
    return E.right([event('RoleRevoked', { actorId: p.actorId, role: p.role, revokedOn: knownDate(p.revokedOn), ...(p.reason !== undefined ? { reason: p.reason } : {}) })])
  },
})
