/**
 * Events of the register's record of grants (rules 12 and 18): an actor's roles, granted and
 * revoked on dates by an administrator. Each carries the actor's tag (a decision reads exactly the
 * grants of the actor it acts for, and its append is conditional on them: a revocation racing a
 * command makes that command a Conflict, decided again) and the role's tag (the administrators'
 * grants tell whether the register is opened).
 */
import { closed } from '../codec.js'
import { actorTag, roleTag } from '../tags.js'
import { IsoDate, NonEmptyString, Role } from '../values.js'
import { eventHistory } from '../versions.js'
import { defineFamily } from './family.js'
import { FreeText } from './parts.js'
import { extend } from '../extend.js'

/** Version 1 of RoleGranted: the reason in plaintext. */
export const RoleGrantedV1 = closed('RoleGranted', { actorId: NonEmptyString, role: Role, grantedOn: IsoDate }, { reason: NonEmptyString })
/** Version 2: the reason sealed under the grant's own record (its causation id, rule 21); it may name the person replaced or the case. */
export const RoleGranted = closed('RoleGranted', { actorId: NonEmptyString, role: Role, grantedOn: IsoDate }, { reason: FreeText })
/** Version 1 of RoleRevoked: the reason in plaintext. */
export const RoleRevokedV1 = closed('RoleRevoked', { actorId: NonEmptyString, role: Role, revokedOn: IsoDate }, { reason: NonEmptyString })
/** Version 2: the reason sealed under the revocation's own record (its causation id, rule 21). */
export const RoleRevoked = closed('RoleRevoked', { actorId: NonEmptyString, role: Role, revokedOn: IsoDate }, { reason: FreeText })

/** The events that make up the record of grants. */
export const ROLE_EVENTS = ['RoleGranted', 'RoleRevoked'] as const

/** The roles family: RoleGranted, RoleRevoked, with how each folds into the grants index and its tags. */
export const rolesFamily = defineFamily({
  codecs: { RoleGranted, RoleRevoked },
  // version 2 seals the reasons; older plaintext is read as it is (history, rule 22)
  versions: {
    RoleGranted: eventHistory(RoleGrantedV1).then(RoleGranted, (v1) => v1),
    RoleRevoked: eventHistory(RoleRevokedV1).then(RoleRevoked, (v1) => v1),
  },
  behaviour: {
    RoleGranted: {
      evolve: (s, d, at) => {
        const grants = (s.grants ??= {})
        const mine = (grants[d.actorId] ??= [])
        mine.push(extend(at, { actorId: d.actorId, role: d.role, grantedOn: d.grantedOn, ...(d.reason !== undefined ? { reason: d.reason } : {}) }))
      },
      tags: (d) => [actorTag(d.actorId), roleTag(d.role)],
      businessDate: (d) => d.grantedOn,
    },
    RoleRevoked: {
      evolve: (s, d, at) => {
        // the open grant of that role: a revocation ends the one grant that is not yet revoked
        const open = s.grants?.[d.actorId]?.find((g) => g.role === d.role && g.revoked === undefined)
        if (open !== undefined) open.revoked = extend(at, { revokedOn: d.revokedOn, ...(d.reason !== undefined ? { reason: d.reason } : {}) })
      },
      tags: (d) => [actorTag(d.actorId), roleTag(d.role)],
      businessDate: (d) => d.revokedOn,
    },
  },
})
