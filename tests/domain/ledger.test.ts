/**
 * The ledger service: idempotency, conflicts and retries, atomic batches, state as of a position,
 * sealing of personal data, and failures that never throw.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { describe, expect, it } from 'vitest'
import { memoryEventStore } from '../../adapters/memory/index.js'
import { encodeStored } from '../../src/domain/events.js'
import { organisationStatus } from '../../src/domain/status.js'
import type { EventStore } from '../../src/ports/event-store.js'
import { CONTACT_1, ORG_A, ORG_B, PERSON_1, actors, cmd, openedLedger, G, grantFixtureRoles, newLedger, rejection, run, sizeOf, confirmed } from '../fixtures/domain.js'

describe('idempotency', () => {
  it('a command with an idempotency key seen before appends nothing and returns the first result', async () => {
    const ledger = await openedLedger()
    const command = { ...cmd.registerOrganisation(), idempotencyKey: 'import-2024.csv#12' }
    const [first] = await run(ledger, command)
    const [second] = await run(ledger, command)
    expect(second!.replayed).toBe(true)
    expect(second!.events).toEqual(first!.events)
    expect(await sizeOf(ledger)).toBe(1)
  })

  it('the same key with a different command is refused, not silently answered', async () => {
    const ledger = await openedLedger()
    await run(ledger, { ...cmd.registerOrganisation(), idempotencyKey: 'k' })
    const r = await rejection(ledger, { ...cmd.registerOrganisation(ORG_B, 'Ander'), idempotencyKey: 'k' })
    expect(r._tag).toBe('IdempotencyKeyReused')
    expect(await sizeOf(ledger)).toBe(1)
  })

  it('ids the command left out are the same on the replayed answer', async () => {
    const ledger = await openedLedger()
    await run(ledger, cmd.registerOrganisation())
    const c = { ...cmd.contact(), idempotencyKey: 'agenda-1' }
    const [a] = await run(ledger, c)
    const [b] = await run(ledger, c)
    expect(b!.events[0]!.data).toEqual(a!.events[0]!.data)
  })
})

describe('concurrency', () => {
  it('concurrent commands on the same organisation all land once, retried after conflicts, positions gapless', async () => {
    const ledger = await openedLedger()
    await run(ledger, cmd.registerOrganisation())
    const results = await Promise.all(Array.from({ length: 30 }, () => ledger.execute(cmd.contact())))
    expect(results.every(E.isRight)).toBe(true)
    const all = await ledger.store.read()()
    expect(E.isRight(all) && all.right.map((e) => e.position)).toEqual(Array.from({ length: G + 31 }, (_, i) => i))
  })

  it('an exclusion racing contacts: no contact lands after the exclusion', async () => {
    const ledger = await openedLedger()
    await run(ledger, cmd.registerOrganisation(), cmd.statement())
    const after = () => cmd.contact([ORG_A], { occurredOn: '2025-02-01' }) // dated inside the exclusion of 2025-01-10
    // rule 19: the exclusion is proposed first; its confirmation (the effect) races the contacts
    const [proposal] = await ledger.execute(cmd.exclude()).then((r) => (E.isRight(r) ? [r.right] : []))
    await Promise.all([...Array.from({ length: 10 }, () => ledger.execute(after())), confirmed(ledger, proposal!), ...Array.from({ length: 10 }, () => ledger.execute(after()))])
    const all = await ledger.store.read()()
    const events = E.isRight(all) ? all.right : []
    const excludedAt = events.find((e) => e.type === 'ExclusionDecided')!.position
    expect(events.filter((e) => e.type === 'ContactRecorded' && e.position > excludedAt)).toEqual([])
  })

  it('gives up with Conflict after the bounded number of retries', async () => {
    const inner = memoryEventStore()
    const alwaysConflict: EventStore = { ...inner, append: () => TE.left({ _tag: 'Conflict', message: 'lost the race', after: 0 }) }
    await grantFixtureRoles(inner)
    const r = await rejection(newLedger(alwaysConflict), cmd.registerOrganisation())
    expect(r._tag).toBe('Conflict')
  })
})

describe('atomic batches', () => {
  it('a batch is decided in order, each command seeing the earlier ones, and appended as a whole', async () => {
    const ledger = await openedLedger()
    const r = await ledger.executeBatch([cmd.registerOrganisation(), cmd.endorse(), cmd.startPartnership(), cmd.contact([ORG_A], { category: 'partnership', subject: 'Start' })])
    expect(E.isRight(r) && r.right.map((x) => x.events.map((e) => [e.position, e.type]))).toEqual([
      [[G, 'OrganisationRegistered']],
      [[G + 1, 'ValuesEndorsed']],
      [[G + 2, 'PartnershipStarted']],
      [[G + 3, 'ContactRecorded']],
    ])
  })

  it('one rejected command appends nothing of the batch and names its index', async () => {
    const ledger = await openedLedger()
    const r = await ledger.executeBatch([cmd.registerOrganisation(), cmd.contact(), cmd.contact([ORG_B])])
    expect(E.isLeft(r) && [r.left.index, r.left.rejection._tag]).toEqual([2, 'UnknownOrganisation'])
    expect(await sizeOf(ledger)).toBe(0)
  })

  it('a malformed command in a batch appends nothing and names its index', async () => {
    const ledger = await openedLedger()
    const r = await ledger.executeBatch([cmd.registerOrganisation(), { command: 'recordContact' }])
    expect(E.isLeft(r) && [r.left.index, r.left.rejection._tag]).toEqual([1, 'DecodeError'])
    expect(await sizeOf(ledger)).toBe(0)
  })

  it('the same batch twice appends nothing the second time when its commands carry idempotency keys', async () => {
    const ledger = await openedLedger()
    const batch = [{ ...cmd.registerOrganisation(), idempotencyKey: 'f#1' }, { ...cmd.contact(), idempotencyKey: 'f#2' }]
    const first = await ledger.executeBatch(batch)
    const second = await ledger.executeBatch(batch)
    expect(E.isRight(second) && second.right.every((x) => x.replayed)).toBe(true)
    expect(E.isRight(first) && E.isRight(second) && second.right.map((x) => x.events)).toEqual(E.isRight(first) && first.right.map((x) => x.events))
    expect(await sizeOf(ledger)).toBe(2)
  })
})

describe('state a tool needs', () => {
  it('an organisation status as of a past position and now', async () => {
    const ledger = await openedLedger()
    await run(ledger, cmd.registerOrganisation(), cmd.endorse(), cmd.startPartnership(), cmd.contact(), cmd.advice('advised-against'))
    const before = await ledger.state(G + 4)
    const now = await ledger.state()
    const then = E.isRight(before) ? organisationStatus(before.right, ORG_A) : undefined
    const today = E.isRight(now) ? organisationStatus(now.right, ORG_A) : undefined
    expect(then).toMatchObject({ mayBeContacted: true, outstandingAdvice: null, endorsement: { documentRef: 'SZW-2024-1' } })
    expect(then!.partnerships).toEqual([{ partnershipId: expect.any(String), programme: 'actieagenda-integratie', startedOn: '2024-01-15', active: true }])
    expect(then!.contacts).toHaveLength(1)
    expect(today).toMatchObject({ mayBeContacted: false, outstandingAdvice: { source: 'security-service', receivedOn: '2024-09-01' } })
  })

  it('every event carries who, when, the business date and the command it came from (rule 11)', async () => {
    const ledger = await openedLedger()
    const [r] = await run(ledger, cmd.registerOrganisation(), { ...cmd.contact(), correlationId: '0c000000-0000-4000-8000-00000000000c' }).then((rs) => rs.slice(1))
    expect(r!.events[0]!.meta).toEqual({
      actor: actors.official,
      recordedAt: '2025-06-01T10:00:00.000Z',
      businessDate: '2024-03-05',
      correlationId: '0c000000-0000-4000-8000-00000000000c',
      causationId: expect.stringMatching(/^00000000-0000-7000-8000-/),
      command: 'recordContact',
      schemaVersion: 2, // version 2 seals free texts (rule 21)
    })
    expect(r!.events[0]!.tags).toEqual([`contact:${(r!.events[0]!.data as { contactId: string }).contactId}`, `organisation:${ORG_A}`])
  })
})

describe('personal data', () => {
  it('is sealed before it reaches the store: the stored event holds no plaintext', async () => {
    const ledger = await openedLedger()
    await run(ledger, { command: 'registerKeyFigure', actor: actors.official, payload: { personId: PERSON_1, name: 'Fatima El Amrani', email: 'f.elamrani@voorbeeld.nl', phone: '+31 6 12345678' } })
    const all = await ledger.store.read()()
    const text = JSON.stringify(E.isRight(all) && all.right.map(encodeStored))
    for (const secret of ['Fatima', 'Amrani', 'elamrani', '12345678']) expect(text).not.toContain(secret)
    expect(text).toContain('A256GCM')
  })

  it('erasure destroys the key; a decode error never echoes a personal value', async () => {
    const ledger = await openedLedger()
    await run(ledger, { command: 'registerKeyFigure', actor: actors.official, payload: { personId: PERSON_1, name: 'Fatima El Amrani' } })
    await run(ledger, { command: 'eraseKeyFigure', actor: actors.privacy, payload: { personId: PERSON_1, reason: 'verzoek betrokkene' } })
    const key = await ledger.keys!.get(PERSON_1)()
    expect(E.isRight(key) && key.right).toBeNull()
    const r = await rejection(ledger, { command: 'registerKeyFigure', actor: actors.official, payload: { name: 'Fatima El Amrani', email: 42 } })
    expect(r._tag).toBe('DecodeError')
    expect(r.message).not.toContain('Fatima')
  })
})

describe('failures never throw', () => {
  it('a store that throws is answered with a StoreError', async () => {
    const inner = memoryEventStore()
    const broken: EventStore = { ...inner, read: () => () => Promise.reject(new Error('disk on fire')) }
    await grantFixtureRoles(inner)
    const r = await rejection(newLedger(broken), cmd.contact())
    expect(r._tag).toBe('StoreError')
    expect(r.message).toContain('disk on fire')
  })

  it('a contact with an unknown contact id for correction is UnknownContact, nothing appended', async () => {
    const ledger = await openedLedger()
    const r = await rejection(ledger, { command: 'correctContact', actor: actors.official, payload: { contactId: CONTACT_1, themes: [], reason: 'x' } })
    expect(r._tag).toBe('UnknownContact')
    expect(await sizeOf(ledger)).toBe(0)
  })
})
