/**
 * given / when / then for the register's decider: given past events, when a command arrives, then
 * these events (or this rejection). Framework-agnostic: a failed expectation throws an Error.
 */
import * as E from 'fp-ts/lib/Either.js'
import { isDeepStrictEqual } from 'node:util'
import { decide, decodeCommand, fillIds, type DecideInput } from '../domain/commands/index.js'
import type { DomainRejection, Rejection } from '../domain/errors.js'
import { schemaVersionOf, tagsOf, type DomainEvent, type StoredEvent } from '../domain/events.js'
import { evolveAll } from '../domain/evolve.js'
import { initialState } from '../domain/state.js'
import { sequentialIds } from '../ports/ids.js'

const META = {
  actor: { id: 'given', role: 'coordinator' },
  recordedAt: '2024-01-01T00:00:00.000Z',
  businessDate: '2024-01-01',
  correlationId: '00000000-0000-7000-8000-000000000000',
  causationId: '00000000-0000-7000-8000-000000000000',
  command: 'given',
  schemaVersion: 1,
} as const

/** Positions and placeholder metadata for events given as history. */
export const asStored = (events: ReadonlyArray<DomainEvent>): ReadonlyArray<StoredEvent> =>
  events.map((e, position) => ({ ...e, tags: tagsOf(e), meta: { ...META, schemaVersion: schemaVersionOf(e.type) }, position }) as unknown as StoredEvent)

export interface Outcome {
  /** Expects exactly these events (ids the command left out are `sequentialIds('f0000000')`). */
  readonly then: (expected: ReadonlyArray<DomainEvent>) => ReadonlyArray<DomainEvent>
  /** Expects a rejection with this tag; returns it for further checks. */
  readonly thenRejects: (tag: Rejection['_tag']) => Rejection
  /** The raw result. */
  readonly result: E.Either<Rejection, ReadonlyArray<DomainEvent>>
}

/**
 * A decider specification with a fixed "today" and optional sealed data or snapshot.
 *
 * @example
 * const spec = deciderSpec({ today: '2025-06-01' })
 * spec.given([registered, excluded]).when(contactCommand).thenRejects('OrganisationExcluded')
 */
export const deciderSpec = (ctx: DecideInput) => ({
  given: (history: ReadonlyArray<DomainEvent>) => ({
    when: (command: unknown): Outcome => {
      const decoded = decodeCommand(command)
      const result: E.Either<Rejection, ReadonlyArray<DomainEvent>> = E.isLeft(decoded)
        ? decoded
        : decide(fillIds(decoded.right, sequentialIds('f0000000').next), evolveAll(initialState, asStored(history)), ctx)
      return {
        result,
        then: (expected) => {
          if (E.isLeft(result)) throw new Error(`expected events, got rejection ${result.left._tag}: ${result.left.message}`)
          if (!isDeepStrictEqual(JSON.parse(JSON.stringify(result.right)), JSON.parse(JSON.stringify(expected))))
            throw new Error(`expected ${JSON.stringify(expected)}\n     got ${JSON.stringify(result.right)}`)
          return result.right
        },
        thenRejects: (tag) => {
          if (E.isRight(result)) throw new Error(`expected rejection ${tag}, got events ${result.right.map((e) => e.type).join(', ')}`)
          if (result.left._tag !== tag) throw new Error(`expected rejection ${tag}, got ${result.left._tag}: ${result.left.message}`)
          return result.left
        },
      }
    },
  }),
})

export type { DomainRejection }
