/**
 * The ledger's one pipeline through its public API: a single command and a batch of one are the
 * same thing; batches retry conflicts and busy stores in the same loop; the command hooks
 * (sealing, key destruction, the processing log, snapshot rendering) run in their order and undo
 * what they made when nothing is appended.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { describe, expect, it } from 'vitest'
import { memoryEventStore, memoryKeyStore, memoryProcessingLog } from '../../adapters/memory/index.js'
import { storeError } from '../../src/domain/errors.js'
import { encodeStored, type Sealed, type StoredEvent } from '../../src/domain/events.js'
import { open } from '../../src/privacy/seal.js'
import { createLedger } from '../../src/ledger/ledger.js'
import { fixedClock } from '../../src/ports/clock.js'
import type { EventStore } from '../../src/ports/event-store.js'
import { sequentialIds } from '../../src/ports/ids.js'
import type { KeyStore } from '../../src/ports/key-store.js'
import { NOW, ORG_A, ORG_B, PERSON_1, actors, cmd, openedLedger, G, grantFixtureRoles, newLedger, storeSize, openedStore, run, sizeOf } from '../fixtures/domain.js'

const PERSON_2 = 'f2000000-0000-4000-8000-0000000000f2'
const keyFigure = (personId: string, organisationId?: string) => ({
  command: 'registerKeyFigure',
  actor: actors.official,
  payload: { personId, name: `Persoon ${personId.slice(0, 2)}`, ...(organisationId ? { organisationId } : {}) },
})
const erase = (personId: string) => ({ command: 'eraseKeyFigure', actor: actors.privacy, payload: { personId, reason: 'verzoek betrokkene' } })

const keyOf = async (keys: KeyStore, personId: string) => {
  const k = await keys.get(personId)()
  if (E.isLeft(k)) throw new Error(k.left.message)
  return k.right
}

/** A store, opened with the fixture grants, whose next `n` appends fail with `failure`, then append as usual; counts appends. */
const failingFirst = async (n: number, failure: Parameters<typeof TE.left>[0]) => {
  const inner = memoryEventStore()
  await grantFixtureRoles(inner)
  let appends = 0
  const store: EventStore = { ...inner, append: (events, options) => (appends++ < n ? TE.left(failure as never) : inner.append(events, options)) }
  return { store, appends: () => appends }
}

const CONFLICT = { _tag: 'Conflict', message: 'another writer won', after: 0 }

describe('a single command is a batch of one', () => {
  it('execute and executeBatch of one give the same events, byte for byte', async () => {
    const commands = [cmd.registerOrganisation(), cmd.endorse(), keyFigure(PERSON_1, ORG_A), { ...cmd.contact([ORG_A], { personIds: [PERSON_1] }), idempotencyKey: 'agenda#1' }]
    const single = await openedLedger()
    const batched = await openedLedger()
    for (const c of commands) {
      const a = await single.execute(c)
      const b = await batched.executeBatch([c])
      expect(E.isRight(a) && E.isRight(b)).toBe(true)
    }
    const bytes = async (store: EventStore) => {
      const all = await store.read()()
      // the sealed personal fields are random (a fresh key and IV): compare everything else
      return E.isRight(all) ? all.right.map((e) => JSON.stringify(encodeStored(e)).replace(/"personal":\{[^}]*\}/, '')) : []
    }
    expect(await bytes(batched.store)).toEqual(await bytes(single.store))
  })

  it('a rejection of a batch of one is the rejection execute gives, at index 0', async () => {
    const ledger = await openedLedger()
    const single = await ledger.execute(cmd.contact([ORG_B]))
    const batched = await ledger.executeBatch([cmd.contact([ORG_B])])
    expect(E.isLeft(single) && E.isLeft(batched) && [batched.left.index, batched.left.rejection]).toEqual([0, E.isLeft(single) && single.left])
  })
})

describe('one retry loop for commands and batches', () => {
  it('a batch whose append loses to a concurrent writer is decided again and lands once', async () => {
    const { store, appends } = await failingFirst(2, CONFLICT)
    const ledger = newLedger(store)
    const r = await ledger.executeBatch([cmd.registerOrganisation(), cmd.endorse(), cmd.contact()])
    expect(E.isRight(r) && r.right.map((x) => x.events.map((e) => [e.position, e.type]))).toEqual([[[G, 'OrganisationRegistered']], [[G + 1, 'ValuesEndorsed']], [[G + 2, 'ContactRecorded']]])
    expect(appends()).toBe(3)
    expect(await sizeOf(ledger)).toBe(3)
  })

  it('a batch gives up with Conflict after the bounded number of retries; a key it made stays, for the writer that won may have sealed under it', async () => {
    const { store, appends } = await failingFirst(Infinity, CONFLICT)
    const keys = memoryKeyStore()
    const ledger = createLedger({ store, keys, clock: fixedClock(NOW), ids: sequentialIds(), maxRetries: 3 })
    const r = await ledger.executeBatch([cmd.registerOrganisation(), keyFigure(PERSON_1)])
    expect(E.isLeft(r) && [r.left.index, r.left.rejection._tag]).toEqual([0, 'Conflict'])
    expect(appends()).toBe(4)
    expect(await keyOf(keys, PERSON_1)).not.toBeNull()
  })

  it('a store busy with another writer is tried again at once, twice, for a batch as for a command', async () => {
    for (const busyTimes of [1, 2]) {
      const { store } = await failingFirst(busyTimes, storeError('locked', 'database is locked'))
      expect(E.isRight(await newLedger(store).executeBatch([cmd.registerOrganisation(), cmd.endorse()]))).toBe(true)
    }
    const { store } = await failingFirst(3, storeError('locked', 'database is locked'))
    const r = await newLedger(store).execute(cmd.registerOrganisation())
    expect(E.isLeft(r) && r.left._tag === 'StoreError' && r.left.reason).toBe('locked')
  })

  it('after a conflict, a batch command another writer appended under the same idempotency key is answered with that; the rest lands', async () => {
    const inner = memoryEventStore()
    const other = await openedLedger(inner)
    const start = (await storeSize(other)) + 1
    await run(other, cmd.registerOrganisation())
    const keyed = { ...cmd.contact(), idempotencyKey: 'agenda#7' }
    let first = true
    // the other writer appends the keyed command while this batch decides: this batch's first append conflicts
    const store: EventStore = {
      ...inner,
      append: (events, options) => async () => {
        if (first) {
          first = false
          await other.execute(keyed)
          return E.left({ _tag: 'Conflict', message: 'another writer won', after: 0 } as const)
        }
        return inner.append(events, options)()
      },
    }
    const ledger = newLedger(store)
    const r = await ledger.executeBatch([keyed, cmd.endorse()])
    expect(E.isRight(r) && r.right.map((x) => [x.replayed, x.events.map((e) => e.position)])).toEqual([
      [true, [start]],
      [false, [start + 1]],
    ])
  })
})

describe('command hooks', () => {
  it('a batch where a hook made a key and a later command is rejected appends nothing; the key stays (it seals nothing in the log) and a later registration uses it', async () => {
    const keys = memoryKeyStore()
    const opened = memoryEventStore()
    await grantFixtureRoles(opened)
    const ledger = createLedger({ store: opened, keys, clock: fixedClock(NOW), ids: sequentialIds() })
    const r = await ledger.executeBatch([cmd.registerOrganisation(), keyFigure(PERSON_1, ORG_A), keyFigure(PERSON_2, ORG_A), cmd.contact([ORG_B])])
    expect(E.isLeft(r) && [r.left.index, r.left.rejection._tag]).toEqual([3, 'UnknownOrganisation'])
    expect(await sizeOf(ledger)).toBe(0)
    const orphan = await keyOf(keys, PERSON_1)
    expect(orphan).not.toBeNull()
    await run(ledger, keyFigure(PERSON_1))
    expect(await keyOf(keys, PERSON_1)).toEqual(orphan)
  })

  it('the key-figure race (issue 14): a writer that made a key and then lost the registration to a writer that read that key never destroys it', async () => {
    const keys = memoryKeyStore()
    const inner = memoryEventStore()
    await grantFixtureRoles(inner)
    const winner = createLedger({ store: inner, keys, clock: fixedClock(NOW), ids: sequentialIds('9') })
    let first = true
    // the loser has made and stored the key (prepare) when the winner registers the same person, reading that key, and appends first
    const store: EventStore = {
      ...inner,
      append: (events, options) => async () => {
        if (first) {
          first = false
          const w = await winner.execute({ ...keyFigure(PERSON_1), payload: { ...keyFigure(PERSON_1).payload, name: 'De Winnaar' } })
          expect(E.isRight(w)).toBe(true)
        }
        return inner.append(events, options)()
      },
    }
    const loser = createLedger({ store, keys, clock: fixedClock(NOW), ids: sequentialIds() })
    const lost = await loser.execute(keyFigure(PERSON_1))
    expect(E.isLeft(lost) && lost.left._tag).toBe('AlreadyExists')
    const key = await keyOf(keys, PERSON_1)
    expect(key).not.toBeNull()
    const registered = (await inner.read()()) as E.Right<ReadonlyArray<StoredEvent>>
    const event = registered.right.find((e) => e.type === 'KeyFigureRegistered')!
    expect(open(key!, PERSON_1, (event.data as unknown as { personal: Sealed }).personal)).toMatchObject({ name: 'De Winnaar' })
  })

  it('a key put refused because another writer stored the person\u2019s key meanwhile uses that key instead of failing the command', async () => {
    const inner = memoryKeyStore()
    const theirs = new Uint8Array(32).fill(7)
    // between this writer's read (none) and its put, another writer stores the key
    const keys: KeyStore = { ...inner, put: (id, key) => async () => (await inner.put(id, theirs)(), inner.put(id, key)()) }
    const opened = memoryEventStore()
    await grantFixtureRoles(opened)
    const ledger = createLedger({ store: opened, keys, clock: fixedClock(NOW), ids: sequentialIds() })
    const r = await ledger.execute(keyFigure(PERSON_1))
    expect(E.isRight(r)).toBe(true)
    const event = E.isRight(r) ? r.right.events[0]! : undefined
    expect(open(theirs, PERSON_1, (event!.data as unknown as { personal: Sealed }).personal)).toMatchObject({ name: keyFigure(PERSON_1).payload.name })
  })

  it('a rejected registration of a person already registered keeps that person\u2019s key', async () => {
    const ledger = await openedLedger()
    await run(ledger, keyFigure(PERSON_1))
    const key = await keyOf(ledger.keys!, PERSON_1)
    const r = await ledger.execute(keyFigure(PERSON_1))
    expect(E.isLeft(r) && r.left._tag).toBe('AlreadyExists')
    expect(await keyOf(ledger.keys!, PERSON_1)).toEqual(key)
  })

  it('a hook that fails is a rejection and nothing is appended: a key store that cannot store, a renderer that cannot render', async () => {
    const broken: KeyStore = { ...memoryKeyStore(), put: () => TE.left(storeError('io', 'key store offline')) }
    const opened = memoryEventStore()
    await grantFixtureRoles(opened)
    const ledger = createLedger({ store: opened, keys: broken, clock: fixedClock(NOW), ids: sequentialIds() })
    const r = await ledger.executeBatch([cmd.registerOrganisation(), keyFigure(PERSON_1)])
    expect(E.isLeft(r) && [r.left.index, r.left.rejection._tag, r.left.rejection.message]).toEqual([1, 'StoreError', 'key store offline'])
    expect(await sizeOf(ledger)).toBe(0)

    const failing = createLedger({
      store: await openedStore(),
      clock: fixedClock(NOW),
      ids: sequentialIds(),
      renderSnapshot: async () => E.left(storeError('io', 'no checkpoint signer')),
    })
    const s = await failing.execute({ command: 'takeReportSnapshot', actor: actors.reporting, payload: { kind: 'annual-overview', year: 2024, format: 'json' } })
    expect(E.isLeft(s) && [s.left._tag, s.left.message]).toEqual(['StoreError', 'no checkpoint signer'])
    expect(await sizeOf(failing)).toBe(0)
  })

  it('without a key store, personal data is refused before anything is read', async () => {
    const opened = memoryEventStore()
    await grantFixtureRoles(opened)
    const ledger = createLedger({ store: opened, clock: fixedClock(NOW), ids: sequentialIds() })
    const r = await ledger.execute(keyFigure(PERSON_1))
    expect(E.isLeft(r) && [r.left._tag, r.left.message]).toEqual(['InvalidCommand', 'this register has no key store, so it cannot hold personal data'])
  })

  it('an erasure is appended first, then the key is destroyed, then the processing record is written; in a batch too', async () => {
    const calls: string[] = []
    const inner = memoryEventStore()
    await grantFixtureRoles(inner)
    const noting =
      <A>(note: string, te: TE.TaskEither<unknown, A>) =>
      async () => {
        const r = await te()
        if (E.isRight(r)) calls.push(note)
        return r
      }
    const store: EventStore = { ...inner, append: (events, options) => noting(`append ${events.map((e) => e.type).join(',')}`, inner.append(events, options)) as ReturnType<EventStore['append']> }
    const memKeys = memoryKeyStore()
    const keys: KeyStore = { ...memKeys, destroy: (id) => noting(`destroy ${id.slice(0, 2)}`, memKeys.destroy(id)) as ReturnType<KeyStore['destroy']> }
    const log = memoryProcessingLog()
    const processingLog = { write: async (records: Parameters<typeof log.write>[0]) => (calls.push(`log ${records.map((r) => r.name).join(',')}`), log.write(records)) }
    const ledger = createLedger({ store, keys, processingLog, clock: fixedClock(NOW), ids: sequentialIds() })
    await run(ledger, keyFigure(PERSON_1), keyFigure(PERSON_2))
    calls.length = 0
    await run(ledger, erase(PERSON_1))
    expect(calls).toEqual(['append KeyFigureErased', 'destroy f1', 'log erase-key-figure'])
    calls.length = 0
    const r = await ledger.executeBatch([erase(PERSON_2)])
    expect(E.isRight(r)).toBe(true)
    expect(calls).toEqual(['append KeyFigureErased', 'destroy f2', 'log erase-key-figure'])
    expect(await keyOf(memKeys, PERSON_2)).toBeNull()
  })

  it('a replayed erasure destroys nothing and logs nothing again', async () => {
    const log = memoryProcessingLog()
    const opened = memoryEventStore()
    await grantFixtureRoles(opened)
    const ledger = createLedger({ store: opened, keys: memoryKeyStore(), processingLog: log, clock: fixedClock(NOW), ids: sequentialIds() })
    await run(ledger, keyFigure(PERSON_1))
    const once = { ...erase(PERSON_1), idempotencyKey: 'avg-verzoek-1' }
    await run(ledger, once, once)
    expect(log.records.map((r) => r.name)).toEqual(['erase-key-figure'])
  })
})
