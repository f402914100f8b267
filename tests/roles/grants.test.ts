/**
 * Roles as data in the log (rules 12 and 18, issue 15): `grantRole` and `revokeRole` through the
 * ledger, accepted and refused, and the record of grants read back on dates (`rolesOf`,
 * `holdsRole`, `hasGrants`). A refusal appends nothing.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { Ledger } from '../../src/ledger/ledger.js'
import type { RegisterState } from '../../src/domain/state.js'
import { grantsQuery, hasGrants, holdsRole, rolesOf } from '../../src/domain/policies/roles.js'
import { ORG_A, ORG_B, cmd, emptyLedger as newLedger, rejection, run, sizeOf, TODAY } from '../fixtures/domain.js'

const ADMIN = { id: 'b.beheer', role: 'administrator' } as const

const grant = (actorId: string, role: string, grantedOn = '2025-01-01', actor: object = ADMIN) => ({
  command: 'grantRole',
  actor,
  payload: { actorId, role, grantedOn, reason: 'aanstelling' },
})
const revoke = (actorId: string, role: string, revokedOn = '2025-05-01', actor: object = ADMIN) => ({
  command: 'revokeRole',
  actor,
  payload: { actorId, role, revokedOn, reason: 'uit dienst' },
})

const stateOf = async (ledger: Ledger): Promise<RegisterState> => {
  const s = await ledger.state()
  if (E.isLeft(s)) throw new Error(s.left.message)
  return s.right
}

/** A register opened by b.beheer as its administrator. */
const opened = async (): Promise<Ledger> => {
  const ledger = newLedger()
  await run(ledger, grant('b.beheer', 'administrator', '2024-01-01'))
  return ledger
}

describe('opening a register: the first grant', () => {
  it('an empty register has no grants; its first grant must make an administrator (NotOpened otherwise), and nothing is appended', async () => {
    const ledger = newLedger()
    expect(hasGrants(await stateOf(ledger))).toBe(false)
    const refused = await rejection(ledger, grant('a.jansen', 'official'))
    expect(refused._tag).toBe('NotOpened')
    expect(refused.message).toContain('no grants yet')
    expect(refused.message).toContain('init --administrator')
    expect(await sizeOf(ledger)).toBe(0)
    await run(ledger, grant('b.beheer', 'administrator', '2024-01-01'))
    const s = await stateOf(ledger)
    expect(hasGrants(s)).toBe(true)
    expect(rolesOf(s, 'b.beheer', TODAY)).toEqual(['administrator'])
  })

  it('the grant is an event tagged by its actor and its role, dated on its grant date', async () => {
    const ledger = await opened()
    const [r] = await run(ledger, grant('a.jansen', 'official', '2025-02-03'))
    const e = r!.events[0]!
    expect(e.type).toBe('RoleGranted')
    // the reason is sealed under the grant's own record, its causation id (rule 21)
    expect(e.data).toMatchObject({ actorId: 'a.jansen', role: 'official', grantedOn: '2025-02-03', reason: { sealed: 'A256GCM', record: e.meta.causationId } })
    expect(e.tags).toEqual(['actor:a.jansen', 'role:official', `text:${e.meta.causationId}`])
    expect(e.meta.businessDate).toBe('2025-02-03')
    expect(e.meta.actor).toEqual(ADMIN)
  })

  it('grantsQuery reads exactly one actor\'s grants and the administrators\'', async () => {
    const ledger = await opened()
    await run(ledger, grant('a.jansen', 'official'), grant('c.desmet', 'coordinator'), revoke('a.jansen', 'official'))
    const read = await ledger.store.read({ query: grantsQuery('a.jansen') })()
    expect(E.isRight(read) && read.right.map((e) => [e.type, (e.data as { actorId: string }).actorId])).toEqual([
      ['RoleGranted', 'b.beheer'],
      ['RoleGranted', 'a.jansen'],
      ['RoleRevoked', 'a.jansen'],
    ])
  })
})

describe('a register without grants (rule 18): claimed roles are never trusted', () => {
  it('takes no write but its opening administrator grant, whatever role a command claims, and appends nothing', async () => {
    const ledger = newLedger()
    const writes = [
      cmd.registerOrganisation(),
      cmd.contact([ORG_A]),
      cmd.advice('advised-against'),
      { command: 'configureRegister', actor: ADMIN, payload: { lateEntryDays: 20 } },
      revoke('a.jansen', 'official'),
      // a claim without a role, and one by an actor that never existed
      { ...cmd.registerOrganisation(ORG_B), actor: { id: 'c.desmet' } },
      { ...cmd.registerOrganisation(ORG_B), actor: { id: 'x.mallory', role: 'coordinator' } },
    ]
    for (const c of writes) {
      const refused = await rejection(ledger, c)
      expect(refused).toMatchObject({ _tag: 'Unauthorized', held: [] })
      expect(refused.message).toContain('contact-ledger init --administrator ID')
      expect(refused.message).toContain('openRegister(ledger, id)')
    }
    // a first grant of any other role is no opening either
    expect((await rejection(ledger, grant('c.desmet', 'coordinator')))._tag).toBe('NotOpened')
    expect(await sizeOf(ledger)).toBe(0)
    await run(ledger, grant('b.beheer', 'administrator', '2024-01-01'), grant('c.desmet', 'coordinator'))
    await run(ledger, cmd.registerOrganisation())
  })

  it('a second "opening" administrator grant on an opened register is an ordinary grantRole: only an administrator makes it', async () => {
    const ledger = await opened()
    // someone appoints themselves administrator, as the opener did: refused, nothing appended
    const self = await rejection(ledger, grant('x.mallory', 'administrator', '2024-01-01', { id: 'x.mallory', role: 'administrator' }))
    expect(self).toMatchObject({ _tag: 'Unauthorized', actorId: 'x.mallory', held: [], needed: 'administrator' })
    const claimed = await rejection(ledger, grant('x.mallory', 'administrator', '2024-01-01', { id: 'c.desmet', role: 'coordinator' }))
    expect(claimed._tag).toBe('Unauthorized')
    expect(await sizeOf(ledger)).toBe(1)
    // the administrator may appoint a second one; the grant is checked like any other
    await run(ledger, grant('b.tweede', 'administrator'))
    expect((await rejection(ledger, grant('b.tweede', 'administrator')))._tag).toBe('AlreadyExists')
    expect(rolesOf(await stateOf(ledger), 'b.tweede', TODAY)).toEqual(['administrator'])
  })

  it('a batch that opens and writes is decided in order: the opening grant first, each later command against the grants before it', async () => {
    const ledger = newLedger()
    // a write before the opening grant in the same batch is refused, and the batch appends nothing
    const early = await ledger.executeBatch([cmd.registerOrganisation(), grant('b.beheer', 'administrator', '2024-01-01'), grant('c.desmet', 'coordinator')])
    expect(E.isLeft(early) && early.left).toMatchObject({ index: 0, rejection: { _tag: 'Unauthorized' } })
    // opened in the batch, but the writer was never granted: refused at its index, nothing appended
    const ungranted = await ledger.executeBatch([grant('b.beheer', 'administrator', '2024-01-01'), cmd.registerOrganisation()])
    expect(E.isLeft(ungranted) && ungranted.left).toMatchObject({ index: 1, rejection: { _tag: 'Unauthorized', actorId: 'c.desmet', held: [] } })
    // a second self-appointed administrator in the opening batch is checked against the first
    const two = await ledger.executeBatch([grant('b.beheer', 'administrator', '2024-01-01'), grant('x.mallory', 'administrator', '2024-01-01', { id: 'x.mallory', role: 'administrator' })])
    expect(E.isLeft(two) && two.left).toMatchObject({ index: 1, rejection: { _tag: 'Unauthorized', actorId: 'x.mallory' } })
    expect(await sizeOf(ledger)).toBe(0)
    // opening, granting and writing in one batch: accepted, in order
    const ok = await ledger.executeBatch([grant('b.beheer', 'administrator', '2024-01-01'), grant('c.desmet', 'coordinator'), cmd.registerOrganisation()])
    expect(E.isRight(ok) && ok.right.map((r) => r.events.map((e) => [e.position, e.type]))).toEqual([[[0, 'RoleGranted']], [[1, 'RoleGranted']], [[2, 'OrganisationRegistered']]])
  })

  it('the acting host gets no further on a register without grants', async () => {
    const ledger = newLedger()
    const r = await ledger.as('c.desmet').execute({ command: 'registerOrganisation', actor: { role: 'coordinator' }, payload: { name: 'Stichting Een', kind: 'self-organisation' } })
    expect(E.isLeft(r) && r.left._tag).toBe('Unauthorized')
    expect(await sizeOf(ledger)).toBe(0)
  })

  it('reads and state keep working on a register without grants', async () => {
    const ledger = newLedger()
    const s = await stateOf(ledger)
    expect(hasGrants(s)).toBe(false)
    expect(Object.keys(s.organisations)).toEqual([])
  })
})

describe('roles on dates', () => {
  it('a grant holds from its date on; a revocation ends it on its date (the day before still holds)', async () => {
    const ledger = await opened()
    await run(ledger, grant('a.jansen', 'official', '2025-01-01'), revoke('a.jansen', 'official', '2025-05-01'))
    const s = await stateOf(ledger)
    expect(rolesOf(s, 'a.jansen', '2024-12-31')).toEqual([])
    expect(rolesOf(s, 'a.jansen', '2025-01-01')).toEqual(['official'])
    expect(holdsRole(s, 'a.jansen', 'official', '2025-04-30')).toBe(true)
    expect(holdsRole(s, 'a.jansen', 'official', '2025-05-01')).toBe(false)
    expect(rolesOf(s, 'a.jansen', TODAY)).toEqual([])
  })

  it('a grant may start later: not held today, held from its date', async () => {
    const ledger = await opened()
    await run(ledger, grant('v.bakker', 'vetting-officer', '2025-07-01'))
    const s = await stateOf(ledger)
    expect(holdsRole(s, 'v.bakker', 'vetting-officer', TODAY)).toBe(false)
    expect(holdsRole(s, 'v.bakker', 'vetting-officer', '2025-07-01')).toBe(true)
  })

  it('an actor may hold several roles other than administrator; each is revoked on its own', async () => {
    const ledger = await opened()
    await run(ledger, grant('c.desmet', 'coordinator'), grant('c.desmet', 'official', '2025-03-01'), revoke('c.desmet', 'coordinator', '2025-04-01'))
    const s = await stateOf(ledger)
    expect(rolesOf(s, 'c.desmet', '2025-03-15')).toEqual(['coordinator', 'official'])
    expect(rolesOf(s, 'c.desmet', '2025-04-01')).toEqual(['official'])
  })

  it('actor ids are compared exactly, as everywhere in the register: A.Jansen is not a.jansen', async () => {
    const ledger = await opened()
    await run(ledger, grant('a.jansen', 'official'))
    const s = await stateOf(ledger)
    expect(rolesOf(s, 'A.Jansen', TODAY)).toEqual([])
    expect(rolesOf(s, 'a.jansen', TODAY)).toEqual(['official'])
  })

  it('a role granted again after its revocation holds again from the new date', async () => {
    const ledger = await opened()
    await run(ledger, grant('a.jansen', 'official', '2025-01-01'), revoke('a.jansen', 'official', '2025-02-01'), grant('a.jansen', 'official', '2025-03-01'))
    const s = await stateOf(ledger)
    expect(holdsRole(s, 'a.jansen', 'official', '2025-02-15')).toBe(false)
    expect(holdsRole(s, 'a.jansen', 'official', '2025-03-01')).toBe(true)
  })
})

describe('an administrator holds no other role (RoleConflict)', () => {
  it('granting another role to an administrator is refused, and appends nothing', async () => {
    const ledger = await opened()
    const before = await sizeOf(ledger)
    const refused = await rejection(ledger, grant('b.beheer', 'official'))
    expect(refused).toMatchObject({ _tag: 'RoleConflict', rule: 18 })
    expect(refused.message).toContain('administrator')
    expect(await sizeOf(ledger)).toBe(before)
  })

  it('granting administrator to a holder of another role is refused, also when that role starts later', async () => {
    const ledger = await opened()
    await run(ledger, grant('a.jansen', 'official', '2025-09-01'))
    expect((await rejection(ledger, grant('a.jansen', 'administrator', '2025-01-01')))._tag).toBe('RoleConflict')
  })

  it('after the other role is revoked, administrator may be granted from the revocation date, not before it', async () => {
    const ledger = await opened()
    await run(ledger, grant('a.jansen', 'official', '2025-01-01'), revoke('a.jansen', 'official', '2025-05-01'))
    expect((await rejection(ledger, grant('a.jansen', 'administrator', '2025-04-30')))._tag).toBe('RoleConflict')
    await run(ledger, grant('a.jansen', 'administrator', '2025-05-01'))
    expect(rolesOf(await stateOf(ledger), 'a.jansen', '2025-05-01')).toEqual(['administrator'])
  })
})

describe('refused grants and revocations', () => {
  it('granting a role the actor holds already is AlreadyExists', async () => {
    const ledger = await opened()
    await run(ledger, grant('a.jansen', 'official'))
    expect((await rejection(ledger, grant('a.jansen', 'official', '2025-03-01')))._tag).toBe('AlreadyExists')
  })

  it('revoking a role not held (never granted, or revoked already) is RoleNotHeld, naming what is held', async () => {
    const ledger = await opened()
    await run(ledger, grant('a.jansen', 'official'))
    const never = await rejection(ledger, revoke('a.jansen', 'coordinator'))
    expect(never._tag).toBe('RoleNotHeld')
    expect(never.message).toContain('official')
    await run(ledger, revoke('a.jansen', 'official'))
    expect((await rejection(ledger, revoke('a.jansen', 'official')))._tag).toBe('RoleNotHeld')
    expect((await rejection(ledger, revoke('nobody', 'auditor')))._tag).toBe('RoleNotHeld')
  })

  it('a revocation dated before its grant starts is refused; one on the start date cancels a grant that starts later', async () => {
    const ledger = await opened()
    await run(ledger, grant('v.bakker', 'vetting-officer', '2025-07-01'))
    expect((await rejection(ledger, revoke('v.bakker', 'vetting-officer', '2025-06-30')))._tag).toBe('InvalidCommand')
    await run(ledger, revoke('v.bakker', 'vetting-officer', '2025-07-01'))
    expect(rolesOf(await stateOf(ledger), 'v.bakker', '2026-01-01')).toEqual([])
  })

  it('the only administrator cannot be revoked (LastAdministrator); with a second one it can', async () => {
    const ledger = await opened()
    expect((await rejection(ledger, revoke('b.beheer', 'administrator')))._tag).toBe('LastAdministrator')
    await run(ledger, grant('k.vos', 'administrator'), revoke('b.beheer', 'administrator', '2025-05-01'))
    const s = await stateOf(ledger)
    expect(rolesOf(s, 'b.beheer', TODAY)).toEqual([])
    expect(rolesOf(s, 'k.vos', TODAY)).toEqual(['administrator'])
  })

  it('grant and revocation dates are bounded: not before 2000-01-01, not after 2999-12-31, real dates (DecodeError naming the field)', async () => {
    const ledger = await opened()
    for (const [c, field] of [
      [grant('a.jansen', 'official', '1999-12-31'), 'payload.grantedOn'],
      [grant('a.jansen', 'official', '3000-01-01'), 'payload.grantedOn'],
      [grant('a.jansen', 'official', '2025-02-30'), 'payload.grantedOn'],
      [revoke('a.jansen', 'official', '1999-01-01'), 'payload.revokedOn'],
    ] as const) {
      const r = await rejection(ledger, c)
      expect(r._tag).toBe('DecodeError')
      expect(r.message).toContain(field)
    }
  })

  it('an unknown role, an empty actor id or an unknown field is a DecodeError', async () => {
    const ledger = await opened()
    expect((await rejection(ledger, grant('a.jansen', 'superuser')))._tag).toBe('DecodeError')
    expect((await rejection(ledger, grant('', 'official')))._tag).toBe('DecodeError')
    expect((await rejection(ledger, grant('x'.repeat(201), 'official')))._tag).toBe('DecodeError')
    const extra = { command: 'grantRole', actor: ADMIN, payload: { actorId: 'a.jansen', role: 'official', grantedOn: '2025-01-01', until: '2026-01-01' } }
    expect((await rejection(ledger, extra))._tag).toBe('DecodeError')
  })

  it('grantRole and revokeRole are an administrator\'s: another role is Unauthorized', async () => {
    const ledger = await opened()
    const official = { id: 'a.jansen', role: 'official' }
    expect((await rejection(ledger, grant('a.jansen', 'official', '2025-01-01', official)))._tag).toBe('Unauthorized')
    expect((await rejection(ledger, revoke('b.beheer', 'administrator', '2025-01-01', official)))._tag).toBe('Unauthorized')
  })
})

describe('reads and the opening grant through the library', () => {
  it('openRegister grants the first administrator; a second opening is refused and appends nothing', async () => {
    const { openRegister } = await import('../../src/ledger/open-register.js')
    const ledger = newLedger()
    const r = await openRegister(ledger, 'b.beheer')
    expect(E.isRight(r) && r.right.events.map((e) => [e.type, e.data, e.meta.actor])).toEqual([
      ['RoleGranted', { actorId: 'b.beheer', role: 'administrator', grantedOn: TODAY }, ADMIN],
    ])
    const again = await openRegister(ledger, 'k.vos')
    expect(E.isLeft(again) && again.left._tag).toBe('Unauthorized')
    expect(await sizeOf(ledger)).toBe(1)
  })

  it('the first grant on an empty register, decided without the role check, must make an administrator (NotOpened)', async () => {
    const { decide, decodeCommand } = await import('../../src/domain/commands/index.js')
    const { initialState } = await import('../../src/domain/state.js')
    const c = decodeCommand(grant('a.jansen', 'official'))
    if (E.isLeft(c)) throw new Error(c.left.message)
    const r = decide(c.right, initialState, { today: TODAY })
    expect(E.isLeft(r) && r.left._tag).toBe('NotOpened')
  })
})
