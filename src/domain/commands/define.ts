/**
 * A command module: everything the register knows about one command, checked by `defineCommand`.
 * The tables the ledger uses (roles, id fields, queries, the decoder) are derived from the modules
 * (`derive.ts`), so a command's rule and the events its decision reads sit side by side.
 */
import type * as t from 'io-ts'
import type * as E from 'fp-ts/lib/Either.js'
import type { FieldProblem } from '../codec.js'
import type { DomainRejection } from '../errors.js'
import type { EventOf, EventType } from '../events.js'
import type { Query } from '../query.js'
import type { RegisterState } from '../state.js'
import type { Role } from '../values.js'
import type { DecideContext } from './context.js'

// ---------------------------------------------------------------------------------------------
// model

/** The fields of a payload that can hold a new id (string, optional). */
export type IdFieldOf<P> = { [K in keyof P]-?: NonNullable<P[K]> extends string ? (undefined extends P[K] ? K : never) : never }[keyof P] &
  string

/**
 * One command: its payload codec, who may issue it, its new id, what its decision reads, the
 * events it may emit (each tagged by its family) and the decision.
 */
export interface CommandModule<P extends t.Mixed = t.Mixed, K extends EventType = EventType> {
  /** The payload's codec: the public command format (DOMAIN.md). */
  readonly payload: P
  /** The role that may issue the command (rule 12). */
  readonly role: Role
  /**
   * The role a particular command needs, when it depends on the payload or the state (a
   * confirmation needs the role of what it confirms); `role` otherwise.
   */
  roleFor?(payload: t.TypeOf<P>, state: RegisterState): Role | undefined
  /** The payload field that names the entity the command creates; the ledger fills it when left out. */
  readonly idField?: IdFieldOf<t.TypeOf<P>>
  /**
   * The events the decision depends on, which is also the condition of its append. Given the state
   * those events make, the query may grow (a correction depends on the contact's organisations):
   * the ledger reads again until it no longer does.
   */
  query(payload: t.TypeOf<P>, state?: RegisterState): Query
  /** The types of the events the decision may emit; the compiler holds `decide` to them. */
  readonly emits: ReadonlyArray<K>
  /** The events to append, or why not; never throws, does no I/O. Ids are filled in first. */
  decide(payload: t.TypeOf<P>, state: RegisterState, ctx: DecideContext): E.Either<DomainRejection, ReadonlyArray<EventOf<K>>>
  /** Rules the payload must meet to be a valid command at all (decoding); paths are inside the payload. */
  refine?(payload: t.TypeOf<P>): ReadonlyArray<FieldProblem>
  /**
   * Rule 19: when this payload, on this state, is a proposal, the role a second actor must hold to
   * confirm it (the command then appends only the proposal); undefined when it takes effect at once.
   */
  proposal?(payload: t.TypeOf<P>, state: RegisterState): Role | undefined
  /** When more than one role may issue the command (the decision checks which applies): all of them, `role` first. */
  readonly roles?: ReadonlyArray<Role>
}

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * Declares a command module, checking that its query, decision and refinement take its payload.
 *
 * @example
 * export const retractContact = defineCommand({
 *   payload: closed('retractContact', { contactId: Uuid, reason: NonEmptyString }),
 *   role: 'official',
 *   emits: ['ContactRetracted'],
 *   query: (p) => [queryItem(undefined, contactTag(p.contactId))],
 *   decide: (p, s) => E.right([event('ContactRetracted', p)]),
 * })
 */
export const defineCommand = <P extends t.Mixed, K extends EventType>(module: CommandModule<P, K>): CommandModule<P, K> => module
