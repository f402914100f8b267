/**
 * "A new command is one module": a command written here, in the test alone, with
 * `defineCommand`, joins the register's modules through `deriveRegistry` and is decoded,
 * authorised, given its id, queried and decided, without any other file knowing of it.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { describe, expect, it } from 'vitest'
import { closed } from '../../src/domain/codec.js'
import { commandModules } from '../../src/domain/commands/index.js'
import { defineCommand } from '../../src/domain/commands/define.js'
import { deriveRegistry } from '../../src/domain/commands/derive.js'
import { reject } from '../../src/domain/errors.js'
import { event, tagsOf, type StoredEvent } from '../../src/domain/events.js'
import { evolveAll } from '../../src/domain/evolve.js'
import { knownOrganisation } from '../../src/domain/policies/known.js'
import { mayBeContacted, standingQuery } from '../../src/domain/policies/standing.js'
import { initialState } from '../../src/domain/state.js'
import { NonEmptyString, Uuid } from '../../src/domain/values.js'
import { testId } from '../../src/testing/history.js'

/** A made-up command: a coordinator renames an organisation that may still be contacted. */
const renameOrganisation = defineCommand({
  payload: closed('renameOrganisation', { organisationId: Uuid, name: NonEmptyString }, { reason: NonEmptyString }),
  role: 'coordinator',
  emits: ['OrganisationCorrected'],
  refine: (p) => (p.name.includes('\n') ? [{ path: 'name', expected: 'a name on one line' }] : []),
  query: (p) => [standingQuery(p.organisationId)],
  decide: (p, s) =>
    pipe(
      knownOrganisation(s, p.organisationId),
      E.chain((o) => mayBeContacted(o, '9999-12-31')),
      E.chain((o) =>
        o.name === p.name
          ? E.left(reject('InvalidCommand', `organisation ${o.organisationId} is already called ${p.name}`))
          : E.right([event('OrganisationCorrected', { organisationId: p.organisationId, name: p.name, reason: p.reason ?? ('renamed' as NonEmptyString) })]),
      ),
    ),
})

const registry = deriveRegistry({ ...commandModules, renameOrganisation })
const ORG = testId('a', 1)
const coordinator = { id: 'c.smit', role: 'coordinator' }
const ctx = { today: '2026-01-31' }

const stored = (events: ReadonlyArray<ReturnType<typeof event>>): ReadonlyArray<StoredEvent> =>
  events.map((e, position) => ({ ...e, tags: tagsOf(e), meta: { recordedAt: '2026-01-01T00:00:00.000Z' }, position }) as unknown as StoredEvent)

const registered = evolveAll(initialState, stored([event('OrganisationRegistered', { organisationId: ORG, name: 'Stichting Oud', kind: 'other' } as never)]))

describe('a new command is one module', () => {
  it('is decoded by the derived decoder, with its own refinement as a DecodeError', () => {
    const ok = registry.decodeCommand({ command: 'renameOrganisation', actor: coordinator, payload: { organisationId: ORG, name: 'Stichting Nieuw' } })
    expect(E.isRight(ok) && ok.right.command).toBe('renameOrganisation')
    const blank = registry.decodeCommand({ command: 'renameOrganisation', actor: coordinator, payload: { organisationId: ORG, name: 'Stichting\nNieuw' } })
    expect(E.isLeft(blank) && blank.left.message).toBe('not a valid renameOrganisation command: payload.name: expected a name on one line')
    expect(registry.names).toContain('renameOrganisation')
    expect(registry.roles.renameOrganisation).toBe('coordinator')
  })

  it('decides against the state and reads the standing query its module names', () => {
    const cmd = registry.decodeCommand({ command: 'renameOrganisation', actor: coordinator, payload: { organisationId: ORG, name: 'Stichting Nieuw' } })
    if (E.isLeft(cmd)) throw new Error(cmd.left.message)
    expect(registry.queryFor(cmd.right)).toEqual([standingQuery(ORG)])
    expect(registry.decide(cmd.right, registered, ctx)).toEqual(
      E.right([event('OrganisationCorrected', { organisationId: ORG, name: 'Stichting Nieuw', reason: 'renamed' } as never)]),
    )
    expect(pipe(registry.decide(cmd.right, initialState, ctx), E.mapLeft((r) => r._tag))).toEqual(E.left('UnknownOrganisation'))
  })

  it('is refused to a role its module does not name, and leaves the other commands as they were', () => {
    const asOfficial = registry.decodeCommand({ command: 'renameOrganisation', actor: { id: 'o', role: 'official' }, payload: { organisationId: ORG, name: 'X' } })
    if (E.isLeft(asOfficial)) throw new Error(asOfficial.left.message)
    expect(pipe(registry.decide(asOfficial.right, registered, ctx), E.mapLeft((r) => r._tag))).toEqual(E.left('Unauthorized'))
    const retract = registry.decodeCommand({ command: 'retractContact', actor: { id: 'o', role: 'official' }, payload: { contactId: testId('e', 1), reason: 'r' } })
    if (E.isLeft(retract)) throw new Error(retract.left.message)
    expect(pipe(registry.decide(retract.right, registered, ctx), E.mapLeft((r) => r._tag))).toEqual(E.left('UnknownContact'))
  })
})
