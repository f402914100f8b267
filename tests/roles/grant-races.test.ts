/**
 * Grants racing decisions (rules 12 and 18): a decision reads the acting actor's grants (and the
 * administrators' only when the actor holds none), and its append is conditional on them. A
 * revocation or a first grant landing between the read and the append makes the command a
 * Conflict, decided again on the grants as they are then; a grant elsewhere does not hold it up.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { describe, expect, it } from 'vitest'
import { memoryEventStore, memoryKeyStore } from '../../adapters/memory/index.js'
import { createLedger } from '../../src/ledger/ledger.js'
import { fixedClock } from '../../src/ports/clock.js'
import type { EventStore } from '../../src/ports/event-store.js'
import { sequentialIds } from '../../src/ports/ids.js'
import { ADMIN, NOW, ORG_A, actors, cmd, grantFixtureRoles, newLedger, run } from '../fixtures/domain.js'

const revoke = (actorId: string, role: string) => ({ command: 'revokeRole', actor: ADMIN, payload: { actorId, role, revokedOn: '2025-05-01', reason: 'uit dienst' } })
const grant = (actorId: string, role: string, actor: object = ADMIN) => ({ command: 'grantRole', actor, payload: { actorId, role, grantedOn: '2025-01-01', reason: 'aanstelling' } })

/**
 * A store that runs `meanwhile` (through a ledger of its own) once, right after the first read
 * whose query names `tag`: what another official does between this decision's read and its append.
 */
const racing = (inner: EventStore, tag: string, meanwhile: () => Promise<void>): { store: EventStore; reads: string[][] } => {
  let done = false
  const reads: string[][] = []
  const store: EventStore = {
    ...inner,
    read: (options) => async () => {
      const r = await inner.read(options)()
      const tags = (options?.query ?? []).flatMap((q) => q.tags ?? [])
      reads.push(tags)
      if (!done && tags.includes(tag)) {
        done = true
        await meanwhile()
      }
      return r
    },
  }
  return { store, reads }
}

let ledgers = 0
/** A ledger of its own (ids of its own prefix, so two racing ledgers never draw the same id). */
const ledgerOn = (store: EventStore) => createLedger({ store, keys: memoryKeyStore(), clock: fixedClock(NOW), ids: sequentialIds(`7ace00${(++ledgers).toString(16).padStart(2, '0')}`) })

describe('grants racing a decision', () => {
  it("a revocation of the official's role between the contact's read and its append: Conflict, decided again, refused; nothing appended", async () => {
    const inner = memoryEventStore()
    await grantFixtureRoles(inner)
    await run(newLedger(inner), cmd.registerOrganisation())
    const { store } = racing(inner, `actor:${actors.official.id}`, async () => {
      await run(ledgerOn(inner), revoke(actors.official.id, 'official'))
    })
    const before = await inner.read()()
    const r = await ledgerOn(store).execute(cmd.contact([ORG_A], { occurredOn: '2025-06-01' }))
    expect(E.isLeft(r) && r.left._tag).toBe('Unauthorized')
    expect(E.isLeft(r) && r.left.message).toContain(actors.official.id)
    const after = await inner.read()()
    // the revocation only: the contact did not land on the grant it read
    expect(E.isRight(after) && E.isRight(before) && after.right.length - before.right.length).toBe(1)
    expect(E.isRight(after) && after.right.filter((e) => e.type === 'ContactRecorded')).toEqual([])
  })

  it("an official's decision reads its own grants, not the administrators'; an actor without grants reads both and is told which it is", async () => {
    const inner = memoryEventStore()
    await grantFixtureRoles(inner)
    await run(newLedger(inner), cmd.registerOrganisation())
    const { store, reads } = racing(inner, 'never', async () => undefined)
    const ledger = ledgerOn(store)
    await run(ledger, cmd.contact([ORG_A]))
    expect(reads.at(-1)).toContain(`actor:${actors.official.id}`)
    expect(reads.at(-1)).not.toContain('role:administrator')
    const stranger = await ledger.execute({ ...cmd.contact([ORG_A]), actor: { id: 'x.onbekend' } })
    expect(E.isLeft(stranger) && stranger.left._tag).toBe('Unauthorized')
    expect(E.isLeft(stranger) && stranger.left.message).toMatch(/x\.onbekend/)
    expect(reads.at(-1)).toEqual(expect.arrayContaining(['actor:x.onbekend', 'role:administrator']))
  })

  it('a register opened between the read and the append of a first grant: the loser is decided again on the opened register', async () => {
    const inner = memoryEventStore()
    const { store } = racing(inner, 'actor:c.eerste', async () => {
      await run(ledgerOn(inner), grant('b.beheer', 'administrator', { id: 'b.beheer' }))
    })
    // c.eerste opens the register as its administrator while b.beheer does so too: one opening only
    const r = await ledgerOn(store).execute(grant('c.eerste', 'administrator', { id: 'c.eerste' }))
    expect(E.isLeft(r) && r.left._tag).toBe('Unauthorized')
    const all = await inner.read()()
    expect(E.isRight(all) && all.right.map((e) => [e.type, (e.data as { actorId: string }).actorId])).toEqual([['RoleGranted', 'b.beheer']])
  })

  it('a store that fails while the grants are read appends nothing and says why', async () => {
    const inner = memoryEventStore()
    await grantFixtureRoles(inner)
    const failing: EventStore = { ...inner, read: () => TE.left({ _tag: 'StoreError', reason: 'io', message: 'disk gone' }) }
    const r = await ledgerOn(failing).execute(cmd.registerOrganisation())
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'StoreError', message: 'disk gone' })
  })
})
