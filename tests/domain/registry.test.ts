/**
 * The tables derived from the command modules and the event families are complete and
 * consistent, and rule 2's check reads nothing its query leaves out.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { COMMAND_NAMES, Envelope, commandModules, commandPayloads, commandRoles, decide, decodeCommand, fillIds, queryFor } from '../../src/domain/commands/index.js'
import { EVENT_FAMILIES, EVENT_TYPES, eventBehaviour, eventData, tagsOf, type StoredEvent } from '../../src/domain/events.js'
import { evolveAll } from '../../src/domain/evolve.js'
import { STANDING_EVENTS, mayBeContacted, standingQuery } from '../../src/domain/policies/standing.js'
import { matches } from '../../src/domain/query.js'
import { initialState, type RegisterState } from '../../src/domain/state.js'
import { ROLES } from '../../src/domain/values.js'
import { arbCommand } from '../../src/testing/arbitraries.js'
import { arbHistory, testId } from '../../src/testing/history.js'

describe('the command registry', () => {
  it('covers COMMAND_NAMES: every command has a module, a payload codec named after it, a role that issues commands, a query and a decision', () => {
    expect(Object.keys(commandModules)).toEqual(COMMAND_NAMES)
    expect(Object.keys(commandPayloads)).toEqual(COMMAND_NAMES)
    expect(Object.keys(commandRoles)).toEqual(COMMAND_NAMES)
    expect(COMMAND_NAMES.length).toBeGreaterThanOrEqual(20)
    expect(COMMAND_NAMES).toEqual(expect.arrayContaining(['addRecipient', 'removeRecipient', 'shareReportConfidentially', 'configureRegister', 'renameOrganisation', 'reviewBreach', 'reviewExclusion', 'retractVettingAdvice']))
    expect(COMMAND_NAMES).toEqual(expect.arrayContaining(['grantRole', 'revokeRole']))
    expect(COMMAND_NAMES).toHaveLength(28)
    for (const name of COMMAND_NAMES) {
      const m = commandModules[name]
      expect(m.payload.name, name).toBe(name)
      expect(ROLES, name).toContain(m.role)
      expect(m.role, name).not.toBe('auditor')
      expect(typeof m.query, name).toBe('function')
      expect(typeof m.decide, name).toBe('function')
      expect(E.isRight(Envelope.decode({ command: name, actor: { id: 'x', role: m.role }, payload: {} })), name).toBe(true)
    }
  })

  it('decodes a generated command of every name, and refuses it from any other role (Unauthorized)', () => {
    for (const name of COMMAND_NAMES) {
      const json = fc.sample(arbCommand([name]), { numRuns: 1, seed: 1 })[0]!
      const r = decodeCommand(json)
      if (E.isLeft(r)) throw new Error(`${name}: ${r.left.message}`)
      const other = ROLES.find((role) => role !== commandRoles[name])!
      const cmd = fillIds({ ...r.right, actor: { ...r.right.actor, role: other } } as typeof r.right, () => testId('f', 1))
      const decided = decide(cmd, initialState, { today: '2026-01-31' })
      expect(E.isLeft(decided) && decided.left._tag, name).toBe('Unauthorized')
    }
  })

  it("fills a command's id field when it is left out, with a field its codec knows", () => {
    for (const name of COMMAND_NAMES) {
      const field = commandModules[name].idField
      if (field === undefined) continue
      const json = fc.sample(arbCommand([name]), { numRuns: 1, seed: 2 })[0]!
      const { [field]: _dropped, ...payload } = json.payload
      const decoded = decodeCommand({ ...json, payload })
      if (E.isLeft(decoded)) throw new Error(`${name}: ${decoded.left.message}`)
      const filled = fillIds(decoded.right, () => testId('f', 9))
      expect((filled.payload as Record<string, unknown>)[field], name).toBe(testId('f', 9))
      expect(E.isRight(decodeCommand(filled)), name).toBe(true)
      expect(queryFor(filled).length, name).toBeGreaterThan(0)
    }
  })

  it('keeps the partnership-needs-a-subject refinement of recordContact a DecodeError naming payload.subject', () => {
    const r = decodeCommand({
      command: 'recordContact',
      actor: { id: 'o', role: 'official' },
      payload: { organisationIds: [testId('a', 1)], occurredOn: '2025-01-01', form: 'meeting', category: 'partnership', themes: [] },
    })
    expect(E.isLeft(r) && r.left.message).toBe('not a valid recordContact command: payload.subject: expected a subject (required for category partnership)')
  })
})

describe('the event families', () => {
  it('give every event type exactly one family, with an evolve case and tags', () => {
    const owners = EVENT_TYPES.map((type) => Object.entries(EVENT_FAMILIES).filter(([, f]) => type in f.codecs).map(([n]) => n))
    expect(owners.every((o) => o.length === 1)).toBe(true)
    const fromFamilies = Object.values(EVENT_FAMILIES).flatMap((f) => Object.keys(f.codecs))
    expect([...fromFamilies].sort()).toEqual([...EVENT_TYPES].sort())
    for (const type of EVENT_TYPES) {
      expect(typeof eventBehaviour[type].evolve, type).toBe('function')
      expect(typeof eventBehaviour[type].tags, type).toBe('function')
      expect(eventData[type].name, type).toBe(type)
    }
  })
})

// ---------------------------------------------------------------------------------------------
// rule 2: the standing check reads only what the standing query reads

/** Runs a history through the decider alone, with the tags each event's family gives. */
const replayDecided = (history: ReadonlyArray<unknown>): ReadonlyArray<StoredEvent> => {
  let state: RegisterState = initialState
  let next = 0
  const out: StoredEvent[] = []
  for (const json of history) {
    const d = decodeCommand(json)
    if (E.isLeft(d)) continue
    const cmd = fillIds(d.right, () => testId('f', ++next))
    const r = decide(cmd, state, { today: '2026-01-31', sealed: { alg: 'A256GCM', iv: 'aXY=', ciphertext: 'Y3Q=', tag: 'dGFn' } as never })
    if (E.isLeft(r)) continue
    const emits: ReadonlyArray<string> = commandModules[cmd.command].emits
    for (const e of r.right) expect(emits, cmd.command).toContain(e.type)
    const meta = { recordedAt: '2026-01-01T00:00:00.000Z' } as StoredEvent['meta']
    const stored = r.right.map((e, k) => ({ ...e, tags: tagsOf(e), meta, position: out.length + k }) as StoredEvent)
    out.push(...stored)
    state = evolveAll(state, stored)
  }
  return out
}

describe('decisions and their events', () => {
  it('every event a decision emits is one its module declares (checked over generated histories)', () => {
    fc.assert(fc.property(arbHistory({ maxSteps: 60 }), (history) => void replayDecided(history)), { numRuns: 10 })
    for (const name of COMMAND_NAMES) for (const type of commandModules[name].emits) expect(EVENT_TYPES, name).toContain(type)
  })
})

describe('rule 2: standing, query and check side by side', () => {
  it('STANDING_EVENTS holds every event an exclusion or an advice is made of', () => {
    for (const type of ['OrganisationRegistered', 'VettingAdviceRecorded', 'ExclusionDecided', 'ExclusionLifted'] as const)
      expect(STANDING_EVENTS).toContain(type)
  })

  it("mayBeContacted on the events of standingQuery alone answers as on the whole history, for every organisation", () => {
    fc.assert(
      fc.property(arbHistory({ maxSteps: 60 }), (history) => {
        const events = replayDecided(history)
        const whole = evolveAll(initialState, events)
        for (const id of Object.keys(whole.organisations)) {
          const own = evolveAll(initialState, events.filter((e) => matches(e, [standingQuery(id)])))
          for (const on of ['2023-01-01', '2023-09-15', '2024-06-01', '2025-03-01', '2025-12-31']) {
            const a = mayBeContacted(whole.organisations[id]!, on)
            const b = mayBeContacted(own.organisations[id]!, on)
            expect(E.isLeft(b) ? b.left.message : 'may be contacted').toBe(E.isLeft(a) ? a.left.message : 'may be contacted')
          }
        }
      }),
      { numRuns: 25 },
    )
  })

  it('recordContact, correctContact and startPartnership read the standing of the organisations they name', () => {
    const org = testId('a', 1)
    const contact = decodeCommand({
      command: 'recordContact',
      actor: { id: 'o', role: 'official' },
      payload: { contactId: testId('e', 1), organisationIds: [org], occurredOn: '2025-01-01', form: 'meeting', category: 'incidental', themes: [] },
    })
    const correction = decodeCommand({ command: 'correctContact', actor: { id: 'o', role: 'official' }, payload: { contactId: testId('e', 1), reason: 'r', organisationIds: [org] } })
    const partnership = decodeCommand({
      command: 'startPartnership',
      actor: { id: 'c', role: 'coordinator' },
      payload: { partnershipId: testId('d', 1), organisationId: org, themes: ['language'], startedOn: '2025-01-01' },
    })
    for (const r of [contact, correction, partnership]) {
      if (E.isLeft(r)) throw new Error(r.left.message)
      const item = queryFor(r.right).find((i) => i.tags?.includes(`organisation:${org}`))
      expect(item?.types).toEqual(expect.arrayContaining([...STANDING_EVENTS]))
    }
  })
})
