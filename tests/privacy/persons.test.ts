/**
 * Key figures' personal data: sealed, read with a processing record, erased everywhere, retained
 * no longer than the policy allows.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { memoryEventStore, memoryKeyStore, memoryProcessingLog } from '../../adapters/memory/index.js'
import { encodeStored } from '../../src/domain/events.js'
import { replay } from '../../src/domain/evolve.js'
import { createLedger, type Ledger } from '../../src/ledger/ledger.js'
import { fixedClock } from '../../src/ports/clock.js'
import { sequentialIds } from '../../src/ports/ids.js'
import type { KeyStore } from '../../src/ports/key-store.js'
import { pseudonymSecret, readPersons } from '../../src/privacy/persons.js'
import { DEFAULT_RETENTION, dueForErasure } from '../../src/privacy/retention.js'
import { HISTORY_NOW, arbHistory } from '../../src/testing/history.js'
import { ORG_A, PERSON_1, actors, cmd, run, grantFixtureRoles } from '../fixtures/domain.js'

const PERSON_2 = 'f2000000-0000-4000-8000-0000000000f2'
const register = (personId: string, name: string) => ({
  command: 'registerKeyFigure',
  actor: actors.official,
  payload: { personId, organisationId: ORG_A, name, email: `${name.split(' ')[0]!.toLowerCase()}@voorbeeld.nl`, phone: '+31 6 5550 1234' },
})
const erase = (personId: string) => ({ command: 'eraseKeyFigure', actor: actors.privacy, payload: { personId, reason: 'verzoek betrokkene' } })

/** A ledger with its ports; opened with the fixture grants unless `grants` is false (a history that opens the register itself). */
const setup = async (now = '2025-06-01T10:00:00.000Z', grants = true) => {
  const clock = fixedClock(now)
  const keys = memoryKeyStore()
  const log = memoryProcessingLog()
  const store = memoryEventStore()
  if (grants) await grantFixtureRoles(store)
  const ledger = createLedger({ store, keys, clock, ids: sequentialIds(), processingLog: log })
  return { clock, keys, log, store, ledger }
}

const reader = async (keys: KeyStore, log: ReturnType<typeof memoryProcessingLog>, clock = fixedClock('2025-06-01T10:00:00Z')) => {
  const secret = await pseudonymSecret(keys)
  if (E.isLeft(secret)) throw new Error(secret.left.message)
  return { keys, log, clock, pseudonymKey: secret.right }
}

const stateOf = async (ledger: Ledger) => {
  const s = await ledger.state()
  if (E.isLeft(s)) throw new Error(s.left.message)
  return s.right
}

describe('reading a key figure', () => {
  it('unseals the data and writes one processing record per person, without the person id or the user', async () => {
    const { ledger, keys, log } = await setup()
    await run(ledger, cmd.registerOrganisation(), register(PERSON_1, 'Fatima El Amrani'), register(PERSON_2, 'Johan de Wit'))
    const views = await readPersons(await reader(keys, log), await stateOf(ledger), [PERSON_1, PERSON_2])
    expect(E.isRight(views) && views.right.map((v) => v.status === 'available' && v.data.name)).toEqual(['Fatima El Amrani', 'Johan de Wit'])
    expect(log.records).toHaveLength(2)
    for (const r of log.records) {
      expect(Object.keys(r).sort()).toEqual(
        ['dpl.core.data_subject_id', 'dpl.core.processing_activity_id', 'end_time', 'name', 'span_id', 'start_time', 'status', 'trace_id'].sort(),
      )
      const line = JSON.stringify(r)
      for (const secret of [PERSON_1, PERSON_2, 'Fatima', 'Johan', actors.official.id]) expect(line).not.toContain(secret)
      expect(r['dpl.core.data_subject_id']).toMatch(/^[0-9a-f]{64}$/)
    }
    expect(new Set(log.records.map((r) => r['dpl.core.data_subject_id'])).size).toBe(2)
  })
})

describe('erasure', () => {
  it('the person reads as erased, also from a copy of the log taken before the erasure, and the erasure is logged', async () => {
    const { ledger, keys, log, store } = await setup()
    await run(ledger, cmd.registerOrganisation(), register(PERSON_1, 'Fatima El Amrani'))
    const before = await store.read()()
    const copy = replay(E.isRight(before) ? before.right : [])
    await run(ledger, erase(PERSON_1))
    const r = await reader(keys, log)
    const now = await readPersons(r, await stateOf(ledger), [PERSON_1])
    const fromCopy = await readPersons(r, copy, [PERSON_1])
    expect(E.isRight(now) && now.right[0]!.status).toBe('erased')
    expect(E.isRight(fromCopy) && fromCopy.right[0]!.status).toBe('erased')
    expect(log.records.map((x) => x.name)).toEqual(['erase-key-figure'])
    const after = await store.read()()
    const erased = E.isRight(after) ? after.right.find((e) => e.type === 'KeyFigureErased') : undefined
    expect(erased?.data).toEqual({ personId: PERSON_1, reason: expect.objectContaining({ sealed: 'A256GCM' }) }) // rule 21: the erasure's reason is sealed
  })

  it('erasing an unknown person is UnknownPerson, erasing twice is PersonErased, a contact with an erased person is refused', async () => {
    const { ledger } = await setup()
    await run(ledger, cmd.registerOrganisation(), register(PERSON_1, 'Fatima El Amrani'))
    const unknown = await ledger.execute(erase(PERSON_2))
    expect(E.isLeft(unknown) && unknown.left._tag).toBe('UnknownPerson')
    await run(ledger, erase(PERSON_1))
    const twice = await ledger.execute(erase(PERSON_1))
    expect(E.isLeft(twice) && twice.left._tag).toBe('PersonErased')
    const contact = await ledger.execute(cmd.contact([ORG_A], { personIds: [PERSON_1] }))
    expect(E.isLeft(contact) && contact.left._tag).toBe('PersonErased')
  })
})

describe('retention', () => {
  it('lists exactly the key figures five years past their last contact', async () => {
    const { ledger } = await setup('2025-06-01T10:00:00.000Z')
    await run(
      ledger,
      cmd.registerOrganisation(),
      register(PERSON_1, 'Fatima El Amrani'),
      register(PERSON_2, 'Johan de Wit'),
      cmd.contact([ORG_A], { personIds: [PERSON_1], occurredOn: '2020-05-31' }),
      cmd.contact([ORG_A], { personIds: [PERSON_2], occurredOn: '2020-06-02' }),
    )
    const state = await stateOf(ledger)
    expect(dueForErasure(state, '2025-06-01', DEFAULT_RETENTION).map((d) => [d.personId, d.lastActivityOn, d.dueOn])).toEqual([
      [PERSON_1, '2020-05-31', '2025-05-31'],
    ])
    expect(dueForErasure(state, '2025-06-02').map((d) => d.personId)).toEqual([PERSON_1, PERSON_2])
    expect(dueForErasure(state, '2025-06-02', { years: 10 })).toEqual([])
  })
})

describe('no plaintext anywhere', () => {
  it('no stored event, error or processing record ever contains a generated person\u2019s plaintext', async () => {
    await fc.assert(
      fc.asyncProperty(arbHistory({ maxSteps: 50 }), async (history) => {
        const { ledger, keys, log, store } = await setup(HISTORY_NOW, false)
        const texts: string[] = []
        for (const c of history) {
          const r = await ledger.execute(c)
          if (E.isLeft(r)) texts.push(r.left.message)
        }
        // and errors about persons: registering one twice, a malformed one
        for (const c of history.filter((c) => c.command === 'registerKeyFigure')) {
          const again = await ledger.execute(c)
          if (E.isLeft(again)) texts.push(again.left.message)
          const bad = await ledger.execute({ ...c, payload: { ...c.payload, phone: 12 } })
          if (E.isLeft(bad)) texts.push(bad.left.message)
        }
        const state = await stateOf(ledger)
        await readPersons(await reader(keys, log), state, Object.keys(state.persons))
        const all = await store.read()()
        texts.push(JSON.stringify(E.isRight(all) ? all.right.map(encodeStored) : []), JSON.stringify(log.records))
        const haystack = texts.join('\n')
        for (const c of history.filter((c) => c.command === 'registerKeyFigure'))
          for (const field of ['name', 'email', 'phone']) expect(haystack).not.toContain(String(c.payload[field]))
      }),
      { numRuns: 25 },
    )
  })
})
