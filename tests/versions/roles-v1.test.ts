/**
 * A register written before roles were recorded (tests/fixtures/registers/v1) is brought under
 * rules 12 and 18 as README.md says (issue 15): it opens and verifies as it is; `claimedRoles`
 * (contact-ledger roles suggest) lists the actors its history shows with the roles they claimed,
 * granting nothing; an administrator opens it and grants explicitly; from then on a claimed role
 * without a grant is refused, a granted one passes, and the old entries stay as they were.
 */
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseVerifierKey, verifyLog } from '../../src/audit/index.js'
import { encodeStored, type StoredEvent } from '../../src/domain/events.js'
import { claimedRoles } from '../../src/domain/policies/claimed-roles.js'
import { hasGrants, rolesOf } from '../../src/domain/policies/roles.js'
import { createLedger, type Ledger } from '../../src/ledger/ledger.js'
import { openRegister } from '../../src/ledger/open-register.js'
import { snapshotEventCheck } from '../../src/ledger/snapshot.js'
import { fixedClock } from '../../src/ports/clock.js'
import { FIXTURE, openV1Copy } from './register-v1.js'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const must = <A>(e: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

describe('a register written before roles were recorded, brought under the rules', () => {
  let opened: Awaited<ReturnType<typeof openV1Copy>>
  let before: ReadonlyArray<StoredEvent>
  let ledger: Ledger
  beforeEach(async () => {
    opened = await openV1Copy()
    before = must(await opened.store.read()())
    ledger = createLedger({ store: opened.store, keys: opened.keys, clock: fixedClock('2026-11-30T09:00:00Z') })
  })
  afterEach(async () => {
    await opened.close()
  })

  it('has no grants; the suggestions list its actors with the roles they claimed, and grant nothing', async () => {
    const state = must(await ledger.state())
    expect(hasGrants(state)).toBe(false)
    const claims = claimedRoles(before, state, '2026-11-30')
    expect(claims.length).toBeGreaterThan(1)
    for (const c of claims) {
      expect(c.granted).toEqual([])
      expect(c.claimed.length).toBeGreaterThan(0)
    }
    // every claimed role of the history is in the suggestions, counted
    const total = claims.flatMap((c) => c.claimed).reduce((n, c) => n + c.events, 0)
    expect(total).toBe(before.length)
    expect(must(await opened.store.size()())).toBe(before.length)
  })

  it('is opened by an administrator and explicit grants; then claims are checked, old entries unchanged, and it still verifies', async () => {
    const claims = claimedRoles(before, must(await ledger.state()), '2026-11-30')
    const coordinator = claims.find((c) => c.claimed.some((r) => r.role === 'coordinator'))!
    const official = claims.find((c) => c.claimed.some((r) => r.role === 'official'))!
    must(await openRegister(ledger, 'b.beheer'))
    // the coordinator of the old history is granted; the official is not (yet)
    must(await ledger.as('b.beheer').execute({ command: 'grantRole', payload: { actorId: coordinator.actorId, role: 'coordinator', grantedOn: '2026-11-30', reason: 'na controle van roles suggest' } }))
    const state = must(await ledger.state())
    expect(rolesOf(state, coordinator.actorId, '2026-11-30')).toEqual(['coordinator'])

    const registered = await ledger.as(coordinator.actorId).execute({ command: 'registerOrganisation', payload: { name: 'Stichting Na De Overgang', kind: 'self-organisation' } })
    expect(E.isRight(registered)).toBe(true)
    const orgId = E.isRight(registered) ? (registered.right.events[0]!.data as { organisationId: string }).organisationId : ''
    // the official's old claim no longer counts: Unauthorized, naming what is held and needed
    const refused = await ledger.execute({
      command: 'recordContact',
      actor: { id: official.actorId, role: 'official' },
      payload: { organisationIds: [orgId], occurredOn: '2026-11-30', form: 'call', category: 'incidental', themes: [] },
    })
    expect(E.isLeft(refused) && refused.left).toMatchObject({ _tag: 'Unauthorized', held: [], needed: 'official' })

    // nothing old was rewritten: the first entries are byte for byte what they were
    const after = must(await opened.store.read()())
    expect(after.slice(0, before.length).map((e) => JSON.stringify(encodeStored(e)))).toEqual(before.map((e) => JSON.stringify(encodeStored(e))))
    expect(after.slice(before.length).map((e) => e.type)).toEqual(['RoleGranted', 'RoleGranted', 'OrganisationRegistered'])
    // and the whole log verifies with the register's own key
    const verifier = must(parseVerifierKey(readFileSync(join(FIXTURE, 'register.vkey'), 'utf8').trim()))
    const result = must(await verifyLog(opened.store, { verifiers: [verifier], checkEvent: snapshotEventCheck, checkTypes: ['ReportSnapshotTaken'] })())
    expect(result).toMatchObject({ _tag: 'Verified', treeSize: before.length + 3 })
  })
})
