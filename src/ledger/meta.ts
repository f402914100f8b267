/** The metadata the ledger stamps on every event of a command (rule 11). */
import { createHash } from 'node:crypto'
import { canonicalJson } from '../audit/canonical.js'
import { commandRoles, type Command } from '../domain/commands/index.js'
import { SCHEMA_VERSION, schemaVersionOf, businessDateOfEvent, tagsOf, type DomainEvent, type EventMeta, type NewEvent } from '../domain/events.js'
import { knownDate, knownUuid, type Role } from '../domain/values.js'
import { extend } from '../domain/extend.js'

const PERSONAL = ['name', 'role', 'email', 'phone'] as const

/**
 * A fingerprint of a command, to tell a retry from a different command under the same
 * idempotency key. Personal fields are left out, so no hash of personal data is ever stored.
 */
export const commandHash = (c: Command): string => {
  const payload: Record<string, unknown> = { ...(c.payload as object) }
  if (c.command === 'registerKeyFigure') for (const f of PERSONAL) delete payload[f]
  const body = { command: c.command, actor: c.actor, payload }
  return createHash('sha256').update(canonicalJson(body)).digest('hex')
}

/** Everything about a command's execution that goes into each event's metadata. */
export interface Stamp {
  readonly command: Command
  /** The role the command was authorized in (the one it named, else the one it needs): recorded as the actor's. Default: the one it named, else its command's. */
  readonly role?: Role
  readonly recordedAt: Date
  readonly today: string
  readonly correlationId: string
  readonly causationId: string
  /** `commandHash` of the command as it was received, before ids were filled in. */
  readonly commandHash: string
  /** The account the store authenticated (PostgreSQL's session_user), recorded beside the actor. */
  readonly dbUser?: string
}

/**
 * Turns decided events into events for the store: tags and metadata added.
 *
 * @example
 * store.append(stamp(events, { command, role: 'official', recordedAt, today, correlationId, causationId, commandHash: '' }))
 */
export const stamp = (events: ReadonlyArray<DomainEvent>, s: Stamp): ReadonlyArray<NewEvent> => {
  const key = s.command.idempotencyKey
  const base = {
    actor: { id: s.command.actor.id, role: s.role ?? s.command.actor.role ?? commandRoles[s.command.command] },
    recordedAt: s.recordedAt.toISOString(),
    correlationId: knownUuid(s.correlationId),
    causationId: knownUuid(s.causationId),
    command: s.command.command,
    schemaVersion: SCHEMA_VERSION, // replaced by the event type's own below, in this key position
    ...(key !== undefined ? { idempotencyKey: key, commandHash: s.commandHash } : {}),
    ...(s.dbUser !== undefined ? { dbUser: s.dbUser } : {}),
  }
  // rule 19: a confirmation's effect carries both actors (the confirmer is `actor`)
  const confirmed = events.find((e) => e.type === 'ProposalConfirmed')
  const fourEyes = confirmed?.type === 'ProposalConfirmed' ? { fourEyes: { proposalId: confirmed.data.proposalId, proposedBy: confirmed.data.proposedBy } } : {}
  return events.map((e) => {
    const meta: EventMeta = extend(base, { schemaVersion: schemaVersionOf(e.type), businessDate: knownDate(businessDateOfEvent(e) ?? s.today) }, fourEyes)
    return extend(e, { tags: tagsOf(e), meta }) as NewEvent
  })
}
