/**
 * Reading what decisions need: the events their queries name, folded into a working state, and
 * the condition their append must meet (no event matching the query after the last one read).
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { queryFor, type Command } from '../domain/commands/index.js'
import type { StoreError } from '../domain/errors.js'
import type { StoredEvent } from '../domain/events.js'
import { foldScratch } from '../domain/evolve.js'
import { actorGrantsItem, ADMINISTRATORS_GRANTS, grantsOf } from '../domain/policies/roles.js'
import type { RegisterState } from '../domain/state.js'
import type { EventStore } from '../ports/event-store.js'
import type { AppendCondition, Query } from '../ports/query.js'

// ---------------------------------------------------------------------------------------------
// model

/** A working state the caller owns alone (decided against, then thrown away). */
export type Scratch = ReturnType<typeof foldScratch>

/** What a read for decisions gives: the state, the append's condition, and where the append will land. */
export interface DecisionRead {
  readonly state: Scratch
  readonly condition: AppendCondition
  /** The position the first appended event takes, as far as this read knows. */
  readonly next: number
  /** The events read, which `state` folds (a group folds them again when a member it decided is rejected). */
  readonly events: ReadonlyArray<StoredEvent>
}

/** What a lone command's read gives: its state, the (grown) query, the last position read and the events. */
interface OneRead {
  readonly state: Scratch
  readonly query: Query
  readonly after: number
  readonly events: ReadonlyArray<StoredEvent>
}

// ---------------------------------------------------------------------------------------------
// utils

const MAX_QUERY_GROWTH = 3
/** A batch whose queries hold more items than this reads the whole log instead. */
const WHOLE_LOG_ABOVE = 500

/**
 * The grants an authorization reads (rules 12, 18): the acting actor's, and the administrators'
 * once the state read shows the actor holds no grant (they tell a register not yet opened from an
 * actor without the role; an actor with grants has them from an opened register). They are part
 * of the append's condition, so a grant or revocation racing the command makes it a Conflict,
 * decided again on the new grants. The first read, knowing nothing yet, reads the actor's alone:
 * the query grows by the administrators' only for an actor without grants (a rejection).
 */
const grantsNeeded = (actorIds: ReadonlyArray<string>, state?: RegisterState): Query => {
  const own = actorIds.map(actorGrantsItem)
  return state !== undefined && actorIds.some((id) => grantsOf(state, id).length === 0) ? [...own, ADMINISTRATORS_GRANTS] : own
}

/** A command's query with the grants its authorization reads. */
const queryWithGrants = (command: Command, state?: RegisterState): Query => [...queryFor(command, state), ...grantsNeeded([command.actor.id], state)]

/** The union of the commands' queries, with each acting actor's grants read once. */
const unionWithGrants = (commands: ReadonlyArray<Command>, state?: RegisterState): Query => [
  ...commands.flatMap((c) => queryFor(c, state)),
  ...grantsNeeded([...new Set(commands.map((c) => c.actor.id))], state),
]

const lastPosition = (events: ReadonlyArray<StoredEvent>): number => (events.length === 0 ? -1 : events[events.length - 1]!.position)

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * Reads the events a command depends on, growing the query until the state asks for no more
 * (a correction depends on the contact's current organisations).
 *
 * @example
 * const r = await readFor(store, command)() // Right({ state, query, after, events })
 */
export const readFor = (
  store: EventStore,
  command: Command,
): TE.TaskEither<StoreError, OneRead> => {
  const round =
    (query: Query, n: number): TE.TaskEither<StoreError, OneRead> =>
    async () => {
      const events = await store.read({ query })()
      if (E.isLeft(events)) return events
      const state = foldScratch(events.right)
      const grown = queryWithGrants(command, state as RegisterState)
      return grown.length === query.length || n >= MAX_QUERY_GROWTH
        ? E.right({ state, query, after: lastPosition(events.right), events: events.right })
        : round(grown, n + 1)()
    }
  return round(queryWithGrants(command), 0)
}

/** One read for several commands: the union of their queries, or the whole log when that is large. */
interface UnionRead {
  readonly events: ReadonlyArray<StoredEvent>
  readonly union: Query
  readonly whole: boolean
}

/** The union read, grown once with what the first read finds (a key figure's organisation, rule 2). */
const readGrown = (store: EventStore, commands: ReadonlyArray<Command>, from?: RegisterState): TE.TaskEither<StoreError, UnionRead> => {
  const union = unionWithGrants(commands, from)
  const whole = union.length > WHOLE_LOG_ABOVE
  return pipe(
    store.read(whole ? {} : { query: union }),
    TE.chain((events) => {
      if (from !== undefined || whole) return TE.right({ events, union, whole })
      const state = foldScratch(events) as RegisterState
      return unionWithGrants(commands, state).length > union.length ? readGrown(store, commands, state) : TE.right({ events, union, whole })
    }),
  )
}

const readUnion = (store: EventStore, commands: ReadonlyArray<Command>): TE.TaskEither<StoreError, DecisionRead> =>
  pipe(
    readGrown(store, commands),
    TE.map(({ events, union, whole }) => {
      const state = foldScratch(events)
      const after = lastPosition(events)
      return whole
        ? { state, condition: { query: [{}], after: events.length - 1 }, next: state.size, events }
        : { state, condition: { query: union, after }, next: Math.max(state.size, after + 1), events }
    }),
  )

/**
 * Reads what the decisions of these commands need, in one read: a lone command's query may grow
 * with what it finds (`readFor`); a batch reads the union of its commands' queries once.
 *
 * @example
 * const r = await readForDecisions(store, [contact, correction])() // Right({ state, condition, next })
 */
export const readForDecisions = (store: EventStore, commands: ReadonlyArray<Command>): TE.TaskEither<StoreError, DecisionRead> =>
  commands.length === 1
    ? pipe(
        readFor(store, commands[0]!),
        TE.map(({ state, query, after, events }) => ({ state, condition: { query, after }, next: Math.max(state.size, after + 1), events })),
      )
    : readUnion(store, commands)
