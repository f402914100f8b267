/**
 * Event schema versions and upcasting (rule 22). The register's own table holds version 2 of
 * VettingAdviceRecorded (an optional `service`) and of FactRecorded (an optional `listingRef`);
 * the mechanism is shown with a test-only history of VettingAdviceRecorded: v2 turns `reference`
 * into `references`, v3 adds an optional `service`.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import { memoryEventStore, memoryKeyStore } from '../../adapters/memory/index.js'
import { closed } from '../../src/domain/codec.js'
import { EVENT_FAMILIES, eventData, VettingAdviceRecorded, type StoredEvent } from '../../src/domain/events.js'
import { VettingAdviceRecordedV1 } from '../../src/domain/events/vetting.js'
import { AdviceOutcome, AdviceSource, IsoDate, NonEmptyString, nonEmptyArray, Uuid } from '../../src/domain/values.js'
import {
  createLedger, decodeStored, encodeStored, eventHistory, eventVersions, schemaVersionOf, upcasterOf, upcastStored,
  EVENT_TYPES, fixedClock, sequentialIds,
} from '../../src/index.js'
import { arbCommand } from '../../src/testing/arbitraries.js'
import { arbHistory, HISTORY_NOW } from '../../src/testing/history.js'

// a test-only history of one event type, as an embedder or a later release would write it
const AdviceV2 = closed('VettingAdviceRecorded', {
  adviceId: Uuid, organisationId: Uuid, source: AdviceSource, advice: AdviceOutcome, receivedOn: IsoDate, references: nonEmptyArray(NonEmptyString),
})
const AdviceV3 = closed(
  'VettingAdviceRecorded',
  { adviceId: Uuid, organisationId: Uuid, source: AdviceSource, advice: AdviceOutcome, receivedOn: IsoDate, references: nonEmptyArray(NonEmptyString) },
  { service: NonEmptyString },
)
const adviceHistory = eventHistory(VettingAdviceRecordedV1)
  .then(AdviceV2, ({ reference, ...rest }) => ({ ...rest, references: [reference] as unknown as t.TypeOf<typeof AdviceV2>['references'] }))
  .then(AdviceV3, (v2) => v2)
const testUpcaster = upcasterOf({ ...eventVersions, VettingAdviceRecorded: adviceHistory })
const currentCodecOf = (type: string): t.Mixed => (type === 'VettingAdviceRecorded' ? AdviceV3 : (eventData as Record<string, t.Mixed>)[type]!)

const META = {
  actor: { id: 'v.bakker', role: 'vetting-officer' }, recordedAt: HISTORY_NOW, businessDate: '2025-01-01',
  correlationId: '0e000000-0000-7000-8000-000000000001', causationId: '0e000000-0000-7000-8000-000000000001', command: 'recordVettingAdvice', schemaVersion: 1,
}
const storedAdvice = (data: unknown, schemaVersion = 1): StoredEvent =>
  ({ position: 0, type: 'VettingAdviceRecorded', tags: [], data, meta: { ...META, schemaVersion } }) as unknown as StoredEvent

/** Every event of a generated history, as today's ledger writes it (schema version 1). */
const arbV1Events: fc.Arbitrary<Promise<ReadonlyArray<StoredEvent>>> = arbHistory({ maxSteps: 40 }).map(async (history) => {
  const ledger = createLedger({ store: memoryEventStore(), keys: memoryKeyStore(), clock: fixedClock(HISTORY_NOW), ids: sequentialIds() })
  for (const c of history) await ledger.execute(c)
  const all = await ledger.store.read()()
  if (E.isLeft(all)) throw new Error(all.left.message)
  return all.right
})
/** Version-1 advice events straight from the command arbitrary's payloads (every source and outcome). */
const arbV1Advice: fc.Arbitrary<StoredEvent> = arbCommand(['recordVettingAdvice']).map((c) => {
  const { service: _s, ...v1 } = c.payload
  return storedAdvice(v1)
})

describe("the register's own versions", () => {
  it('every event type is at version 1 until its family adds a history, and each history ends at its family codec', () => {
    for (const family of Object.values(EVENT_FAMILIES)) {
      const versions = (family as { versions?: Record<string, { codec: unknown; current: number }> }).versions ?? {}
      for (const [type, history] of Object.entries(versions)) expect(history.codec, type).toBe((family.codecs as Record<string, unknown>)[type])
    }
    for (const type of EVENT_TYPES) expect(schemaVersionOf(type)).toBe(Object.hasOwn(eventVersions, type) ? eventVersions[type]!.current : 1)
  })

  it('upcasting is total and the identity over generated events: each is current, read as it is, and decodes to what it stores', async () => {
    await fc.assert(
      fc.asyncProperty(arbV1Events, async (pending) => {
        for (const e of await pending) {
          expect(e.meta.schemaVersion).toBe(schemaVersionOf(e.type))
          const up = upcastStored(e)
          expect(E.isRight(up) && up.right).toBe(e)
          const back = decodeStored(JSON.parse(JSON.stringify(encodeStored(e))))
          expect(E.isRight(back) && encodeStored(back.right)).toEqual(encodeStored(e))
        }
      }),
      { numRuns: 15 },
    )
  })

  it('a stored event of a version this release does not have is named, not read', () => {
    const json = JSON.parse(JSON.stringify(encodeStored(storedAdvice({ adviceId: META.causationId, organisationId: META.causationId, source: 'other', advice: 'no-objection', receivedOn: '2025-01-01', reference: 'R' }, 3))))
    const r = decodeStored(json)
    expect(E.isLeft(r)).toBe(true)
    expect(E.isLeft(r) && r.left[0]!.message).toContain('a schema version of VettingAdviceRecorded from 1 to 2')
  })
})

describe('a test-only history v1 → v2 → v3', () => {
  it('is total over generated version-1 events: each upcasts to a valid current event', async () => {
    fc.assert(
      fc.property(arbV1Advice, (e) => {
        const up = testUpcaster.upcast(e)
        if (E.isLeft(up)) throw new Error(`advice ${JSON.stringify(e.data)} does not upcast`)
        expect(up.right.meta.schemaVersion).toBe(3)
        expect(AdviceV3.is(up.right.data)).toBe(true)
        expect((up.right.data as unknown as { references: unknown }).references).toEqual([(e.data as { reference: string }).reference])
      }),
    )
    await fc.assert(
      fc.asyncProperty(arbV1Events, async (pending) => {
        // the register's own advice is at its version 2 (a service), which the test-only history does not know
        for (const e of (await pending).filter((x) => x.type !== 'VettingAdviceRecorded')) {
          const up = testUpcaster.upcast(e)
          expect(E.isRight(up) && currentCodecOf(e.type).is(up.right.data)).toBe(true)
          expect(E.isRight(up) && up.right.meta.schemaVersion).toBe(testUpcaster.currentVersion(e.type))
        }
      }),
      { numRuns: 10 },
    )
  })

  it('is idempotent: upcasting a current event returns it unchanged', () => {
    fc.assert(
      fc.property(arbV1Advice, (e) => {
        const once = testUpcaster.upcast(e)
        if (E.isLeft(once)) throw new Error('does not upcast')
        const twice = testUpcaster.upcast(once.right)
        expect(E.isRight(twice) && twice.right).toBe(once.right)
      }),
    )
  })

  it('reads each version with its own codec, from any version on, and leaves the stored event as it was', () => {
    const v1 = { adviceId: META.causationId, organisationId: META.causationId, source: 'security-service', advice: 'advised-against', receivedOn: '2024-09-03', reference: 'VD-2024-0193' }
    const stored = storedAdvice(v1)
    const before = JSON.stringify(stored)
    const { reference: _r, ...rest } = v1
    expect(testUpcaster.upcast(stored)).toEqual(E.right({ ...stored, data: { ...rest, references: ['VD-2024-0193'] }, meta: { ...META, schemaVersion: 3 } }))
    expect(JSON.stringify(stored)).toBe(before)
    const v2 = { ...rest, references: ['VD-2024-0193'], }
    expect(E.isRight(testUpcaster.upcast(storedAdvice(v2, 2)))).toBe(true)
    expect(adviceHistory.read({ ...v2, service: 'AIVD' }, 3)).toEqual(E.right({ ...v2, service: 'AIVD' }))
  })

  it('names the version whose codec the stored data fails, and refuses versions it does not know', () => {
    const asV2 = testUpcaster.upcast(storedAdvice({ adviceId: META.causationId, organisationId: META.causationId, source: 'other', advice: 'no-objection', receivedOn: '2025-01-01', reference: 'R' }, 2))
    expect(E.isLeft(asV2) && asV2.left.map((x) => x.context.map((c) => c.key).join('.'))).toContainEqual(expect.stringContaining('VettingAdviceRecorded v2'))
    const later = testUpcaster.upcast(storedAdvice({}, 4))
    expect(E.isLeft(later) && later.left[0]!.message).toBe('a schema version of VettingAdviceRecorded from 1 to 3 (this contact-ledger reads no later one)')
    expect(E.isLeft(testUpcaster.upcast(storedAdvice({}, 0)))).toBe(true)
  })

  it('checks every step with the next version\'s codec, so a wrong upcaster is caught, not folded', () => {
    const broken = upcasterOf({ VettingAdviceRecorded: eventHistory(VettingAdviceRecordedV1).then(AdviceV2, (v1) => v1 as unknown as t.TypeOf<typeof AdviceV2>) })
    const r = broken.upcast(storedAdvice({ adviceId: META.causationId, organisationId: META.causationId, source: 'other', advice: 'no-objection', receivedOn: '2025-01-01', reference: 'R' }))
    expect(E.isLeft(r)).toBe(true)
  })
})
