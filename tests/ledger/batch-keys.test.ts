/**
 * One idempotency key, one command, inside a batch too: two different commands under one key
 * append nothing and name the second; the same command twice appends once and answers the repeat
 * as a replay; a key figure's personal data counts as part of the command.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { ORG_A, ORG_B, PERSON_1, actors, cmd, openedLedger, G, run, sizeOf } from '../fixtures/domain.js'

const keyed = <C extends object>(command: C, idempotencyKey: string) => ({ ...command, idempotencyKey })

describe('executeBatch and idempotency keys', () => {
  it('refuses two different commands under one key, names the second, and appends nothing', async () => {
    const ledger = await openedLedger()
    await run(ledger, cmd.registerOrganisation(ORG_A), cmd.registerOrganisation(ORG_B, 'Vereniging Nieuwe Buren'))
    const before = await sizeOf(ledger)
    const r = await ledger.executeBatch([
      keyed(cmd.contact([ORG_A]), 'agenda-1'),
      cmd.contact([ORG_A], { occurredOn: '2024-04-01' }),
      keyed(cmd.contact([ORG_B]), 'agenda-1'),
    ])
    expect(E.isLeft(r)).toBe(true)
    if (E.isRight(r)) return
    expect(r.left.index).toBe(2)
    expect(r.left.rejection._tag).toBe('IdempotencyKeyReused')
    expect(r.left.rejection.message).toContain('agenda-1')
    expect(r.left.rejection.message).toContain('command 0 and by command 2')
    expect(await sizeOf(ledger)).toBe(before)
  })

  it('appends the same command sent twice under one key once, and answers the repeat as a replay', async () => {
    const ledger = await openedLedger()
    await run(ledger, cmd.registerOrganisation(ORG_A))
    const contact = keyed(cmd.contact([ORG_A]), 'agenda-2')
    const r = await ledger.executeBatch([contact, cmd.contact([ORG_A], { occurredOn: '2024-04-01' }), contact])
    if (E.isLeft(r)) throw new Error(r.left.rejection.message)
    expect(r.right.map((x) => x.replayed)).toEqual([false, false, true])
    expect(r.right[2]!.events).toEqual(r.right[0]!.events)
    expect(await sizeOf(ledger)).toBe(3)
    const stored = await ledger.store.readByIdempotencyKey('agenda-2')()
    expect(E.isRight(stored) && stored.right.map((e) => e.position)).toEqual([G + 1])
    // and sent again later, the key answers with that one contact
    const again = await ledger.execute(contact)
    expect(E.isRight(again) && again.right.replayed).toBe(true)
    expect(await sizeOf(ledger)).toBe(3)
  })

  it("counts a key figure's personal data: the same key with another name is refused", async () => {
    const ledger = await openedLedger()
    const person = (name: string) =>
      keyed({ command: 'registerKeyFigure', actor: actors.official, payload: { personId: PERSON_1, name } }, 'persoon-1')
    const r = await ledger.executeBatch([person('A. Yilmaz'), person('B. Yilmaz')])
    expect(E.isLeft(r) && r.left.index).toBe(1)
    expect(E.isLeft(r) && r.left.rejection._tag).toBe('IdempotencyKeyReused')
    expect(await sizeOf(ledger)).toBe(0)
    expect(E.isRight(await ledger.keys!.get(PERSON_1)()) && (await ledger.keys!.get(PERSON_1)())).toEqual(E.right(null))
  })

  it('gives a rejection of a later command its index in the call, not among the unique commands', async () => {
    const ledger = await openedLedger()
    await run(ledger, cmd.registerOrganisation(ORG_A))
    const contact = keyed(cmd.contact([ORG_A]), 'agenda-3')
    const r = await ledger.executeBatch([contact, contact, cmd.contact([ORG_B])])
    expect(E.isLeft(r) && r.left.index).toBe(2)
    expect(E.isLeft(r) && r.left.rejection._tag).toBe('UnknownOrganisation')
    expect(await sizeOf(ledger)).toBe(1)
  })
})
