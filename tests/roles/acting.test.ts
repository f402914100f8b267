/**
 * The identity the host gives (issue 15): `ledger.as(actorId)` acts for one actor. A command may
 * leave `actor` out or give only its role; one naming another actor is refused (`ActorMismatch`)
 * and appends nothing, alone or anywhere in a batch. The decision is told who acts and on what
 * date roles are looked up (`DecideContext.actor`, `recordedOn`).
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import * as t from 'io-ts'
import { deriveRegistry } from '../../src/domain/commands/derive.js'
import { defineCommand } from '../../src/domain/commands/define.js'
import type { DecideContext } from '../../src/domain/commands/context.js'
import { closed } from '../../src/domain/codec.js'
import { reject } from '../../src/domain/errors.js'
import { initialState } from '../../src/domain/state.js'
import { FIXTURE_GRANTS, ORG_A, ORG_B, actors, cmd, newLedger, openedLedger, sizeOf } from '../fixtures/domain.js'

const registration = (organisationId: string, name: string, actor?: object) => ({
  command: 'registerOrganisation',
  ...(actor !== undefined ? { actor } : {}),
  payload: { organisationId, name, kind: 'self-organisation' },
})

describe('ledger.as(actorId)', () => {
  it('on a register not opened, a command is refused, saying how to open it, whether it names its role or not (a claimed role is never trusted)', async () => {
    const ledger = newLedger()
    const r = await ledger.as('c.desmet').execute(registration(ORG_A, 'Stichting Samen'))
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'Unauthorized', message: expect.stringContaining('init --administrator') })
    const claimed = await ledger.as('c.desmet').execute(registration(ORG_A, 'Stichting Samen', { role: 'coordinator' }))
    expect(E.isLeft(claimed) && claimed.left).toMatchObject({ _tag: 'Unauthorized', message: expect.stringContaining('openRegister') })
    expect(await sizeOf(ledger)).toBe(0)
  })

  it('a command without an actor acts for the host\'s actor, in the command\'s role', async () => {
    const ledger = await openedLedger()
    const r = await ledger.as('c.desmet').execute(registration(ORG_A, 'Stichting Samen'))
    expect(E.isRight(r) && r.right.events[0]!.meta.actor).toEqual({ id: 'c.desmet', role: 'coordinator' })
  })

  it('a command that gives only its role acts for the host\'s actor in that role', async () => {
    const ledger = await openedLedger()
    const r = await ledger.as('c.desmet').execute(registration(ORG_A, 'Stichting Samen', { role: 'coordinator' }))
    expect(E.isRight(r) && r.right.events[0]!.meta.actor).toEqual({ id: 'c.desmet', role: 'coordinator' })
    const wrong = await ledger.as('c.desmet').execute(registration(ORG_B, 'Stichting Anders', { role: 'official' }))
    expect(E.isLeft(wrong) && wrong.left._tag).toBe('Unauthorized')
  })

  it('a command naming the same actor is accepted as written', async () => {
    const ledger = await openedLedger()
    const r = await ledger.as('c.desmet').execute(cmd.registerOrganisation())
    expect(E.isRight(r) && r.right.events[0]!.meta.actor).toEqual(actors.coordinator)
  })

  it('a command naming another actor is refused (ActorMismatch, naming both) and appends nothing', async () => {
    const ledger = await openedLedger()
    const r = await ledger.as('a.jansen').execute(cmd.registerOrganisation())
    expect(E.isLeft(r) && r.left._tag).toBe('ActorMismatch')
    expect(E.isLeft(r) && r.left.message).toContain('c.desmet')
    expect(E.isLeft(r) && r.left.message).toContain('a.jansen')
    // exact comparison, as every actor id: a different case is a different actor
    const cased = await ledger.as('C.Desmet').execute(cmd.registerOrganisation())
    expect(E.isLeft(cased) && cased.left._tag).toBe('ActorMismatch')
    expect(await sizeOf(ledger)).toBe(0)
  })

  it('in a batch, one command naming another actor refuses the whole batch at its index', async () => {
    const ledger = await openedLedger()
    const r = await ledger.as('c.desmet').executeBatch([registration(ORG_A, 'Stichting Een'), registration(ORG_B, 'Stichting Twee', { id: 'v.bakker', role: 'coordinator' })])
    expect(E.isLeft(r) && r.left).toMatchObject({ index: 1, rejection: { _tag: 'ActorMismatch' } })
    expect(await sizeOf(ledger)).toBe(0)
    const ok = await ledger.as('c.desmet').executeBatch([registration(ORG_A, 'Stichting Een'), registration(ORG_B, 'Stichting Twee')])
    expect(E.isRight(ok) && ok.right.flatMap((x) => x.events.map((e) => e.meta.actor.id))).toEqual(['c.desmet', 'c.desmet'])
  })

  it('a host actor id that is no account name makes every call a DecodeError; malformed commands are still named by the decoder', async () => {
    const ledger = await openedLedger()
    for (const bad of ['', '   ', ' a.jansen', 'a\njansen', 'x'.repeat(201)]) {
      const r = await ledger.as(bad).execute(registration(ORG_A, 'Stichting Samen'))
      expect(E.isLeft(r) && r.left._tag).toBe('DecodeError')
      const b = await ledger.as(bad).executeBatch([registration(ORG_A, 'Stichting Samen')])
      expect(E.isLeft(b) && b.left.rejection._tag).toBe('DecodeError')
    }
    for (const junk of [null, 42, 'registerOrganisation', { command: 'noSuchCommand', payload: {} }, { ...registration(ORG_A, 'X'), actor: 'c.desmet' }]) {
      const r = await ledger.as('c.desmet').execute(junk)
      expect(E.isLeft(r) && r.left._tag).toBe('DecodeError')
    }
    expect(await sizeOf(ledger)).toBe(0)
  })
})

describe('DecideContext: who acts, and the date roles are looked up on', () => {
  const Probe = closed('probe', { n: t.number })
  const seen: DecideContext[] = []
  const probe = defineCommand({
    payload: Probe,
    role: 'official',
    emits: ['ContactRetracted'],
    query: () => [],
    decide: (_p, _s, ctx) => {
      seen.push(ctx)
      return E.left(reject('InvalidCommand', 'probe'))
    },
  })
  const registry = deriveRegistry({ probe })

  it('is the command\'s actor and today when the caller gives neither, and what the caller gives otherwise', () => {
    const decoded = registry.decodeCommand({ command: 'probe', actor: actors.official, payload: { n: 1 } })
    if (E.isLeft(decoded)) throw new Error(decoded.left.message)
    const c = decoded.right
    registry.decide(c, initialState, { today: '2026-11-30' })
    registry.decide(c, initialState, { today: '2026-11-30', recordedOn: '2026-11-29', actor: { id: 'a.jansen' } })
    expect(seen.map((x) => [x.actor, x.recordedOn])).toEqual([
      [actors.official, '2026-11-30'],
      [{ id: 'a.jansen' }, '2026-11-29'],
    ])
  })

  it('the ledger decides with recordedOn = today (Europe/Amsterdam) and the command\'s actor', async () => {
    // the ledger's own pipeline: a late contact's business date is not the date roles are read on
    const ledger = await openedLedger()
    const r = await ledger.as('c.desmet').execute(registration(ORG_A, 'Stichting Samen'))
    expect(E.isRight(r) && r.right.events[0]!.meta.recordedAt).toBe('2025-06-01T10:00:00.000Z')
  })
})
