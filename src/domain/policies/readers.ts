/**
 * Who may read what (rule 20): each read that is not public has a kind, and each kind the roles
 * that may read it. Judged on the register's own grants (`rolesOf`) on the day of the read. The
 * public overview and its snapshots are no restricted read and never come here.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { RegisterState } from '../state.js'
import type { Role } from '../values.js'
import { rolesOf } from './roles.js'

// ---------------------------------------------------------------------------------------------
// model

/** The reads rule 20 restricts, each with the roles that may make it. */
export const READ_ROLES = {
  /** The confidential contact list (rule 8). */
  'confidential-list': ['reporting-officer', 'auditor'],
  /** The auditor's view (rule 15). */
  'audit-view': ['auditor'],
  /** A key figure's personal data, unsealed. */
  'key-figure': ['official', 'privacy-officer'],
  /** Sealed free text (a contact's subject and officials, reasons), unsealed (rule 21). */
  'sealed-text': ['privacy-officer', 'auditor'],
  /** The whole log, entry by entry (`log`). */
  log: ['auditor'],
  /** An export bundle (every entry's canonical bytes). */
  'export-bundle': ['auditor'],
  /** Tiles with their entry bundles (the whole register). */
  'tiles-with-entries': ['auditor'],
  /** The access log itself. */
  'access-log': ['auditor', 'privacy-officer'],
} as const satisfies Record<string, ReadonlyArray<Role>>

/** A kind of restricted read. */
export type ReadKind = keyof typeof READ_ROLES

/** Every restricted read kind, in a stable order. */
export const READ_KINDS = Object.keys(READ_ROLES) as ReadonlyArray<ReadKind>

/** A read refused (rule 20): who asked, what, the roles they hold and the roles that may read it. */
export interface ReadRefused {
  readonly _tag: 'Unauthorized'
  readonly message: string
  readonly actorId: string | null
  readonly read: ReadKind
  readonly held: ReadonlyArray<Role>
  readonly allowed: ReadonlyArray<Role>
}

// ---------------------------------------------------------------------------------------------
// rules

const list = (roles: ReadonlyArray<string>): string => (roles.length === 0 ? 'no role' : roles.join(', '))

/**
 * Whether `actorId` may make a read of `kind` on `onDate` (a business date, YYYY-MM-DD): Right with
 * the roles held that allow it, else `Unauthorized` naming the roles held and those that may read.
 * An actor of `null` (no one named) is refused like an actor without grants.
 *
 * @example
 * mayRead(state, 'r.visser', 'confidential-list', '2026-11-30') // Right(['reporting-officer'])
 * mayRead(state, 'a.jansen', 'audit-view', '2026-11-30')       // Left({ _tag: 'Unauthorized', held: ['official'], allowed: ['auditor'] })
 */
export const mayRead = (state: RegisterState, actorId: string | null, kind: ReadKind, onDate: string): E.Either<ReadRefused, ReadonlyArray<Role>> => {
  const allowed: ReadonlyArray<Role> = READ_ROLES[kind]
  const held = actorId === null ? [] : rolesOf(state, actorId, onDate)
  const allowing = held.filter((r) => allowed.includes(r))
  if (allowing.length > 0) return E.right(allowing)
  const who = actorId === null ? 'no actor was named' : `"${actorId}" holds ${list(held)} on ${onDate}`
  return E.left({
    _tag: 'Unauthorized',
    message: `reading the ${kind} needs the role ${allowed.join(' or ')}, but ${who} (rule 20); an administrator grants roles with grantRole`,
    actorId,
    read: kind,
    held,
    allowed,
  })
}
