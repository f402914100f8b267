/**
 * Erasure and the audit log: after a key figure is erased the log still verifies against the
 * checkpoint signed before, and every report rendered before renders the same bytes after; only
 * the auditor's view of the grown log shows the person as erased. Retention with a fixed clock.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { memoryEventStore, memoryKeyStore, memoryProcessingLog } from '../../adapters/memory/index.js'
import { signedCheckpoint } from '../../src/audit/checkpoint.js'
import { generateSigner, parseVerifierKey } from '../../src/audit/note.js'
import { verifyLog } from '../../src/audit/verify.js'
import { REPORT_FORMATS } from '../../src/domain/values.js'
import { createLedger } from '../../src/ledger/ledger.js'
import { renderAt, type ReportRequest } from '../../src/ledger/reports.js'
import { retention } from '../../src/ledger/retention.js'
import { fixedClock } from '../../src/ports/clock.js'
import { sequentialIds } from '../../src/ports/ids.js'
import { HISTORY_NOW, arbHistory } from '../../src/testing/history.js'
import { ORG_A, PERSON_1, actors, cmd, run, sizeOf, storeSize, grantFixtureRoles } from '../fixtures/domain.js'

const ok = <A>(r: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right
}
const REQUESTS: ReadonlyArray<ReportRequest> = [
  { kind: 'annual-overview', year: 2024 },
  { kind: 'confidential-contact-list' },
  { kind: 'audit-view' },
]

describe('erasure leaves the audit log whole', () => {
  it('verify passes against the checkpoint signed before the erasure, and reports at that size render the same bytes', async () => {
    const store = memoryEventStore()
    await grantFixtureRoles(store)
    const ledger = createLedger({ store, keys: memoryKeyStore(), clock: fixedClock('2025-06-01T10:00:00Z'), ids: sequentialIds() })
    await run(
      ledger,
      cmd.registerOrganisation(),
      cmd.endorse(),
      cmd.startPartnership(),
      { command: 'registerKeyFigure', actor: actors.official, payload: { personId: PERSON_1, organisationId: ORG_A, name: 'Karim Bouzid' } },
      cmd.contact([ORG_A], { personIds: [PERSON_1], category: 'partnership', subject: 'Overleg' }),
    )
    const signer = ok(generateSigner('test.example/register'))
    const before = ok(await signedCheckpoint(store, signer)())
    const size = await storeSize(ledger)
    const rendered = async (at: number) =>
      Promise.all(REQUESTS.flatMap((r) => (r.kind === 'audit-view' ? ['json', 'md'] : REPORT_FORMATS).map(async (format) => ok(await renderAt(store, r, { format: format as never, at })).text)))
    const reportsBefore = await rendered(size)

    await run(ledger, { command: 'eraseKeyFigure', actor: actors.privacy, payload: { personId: PERSON_1, reason: 'verzoek' } })
    const verifier = ok(parseVerifierKey(signer.verifierKey))
    const verified = ok(await verifyLog(store, { verifiers: [verifier] })())
    expect(verified).toMatchObject({ _tag: 'Verified', treeSize: size + 1, checkpoints: 1, signaturesChecked: true })
    expect(before.treeSize).toBe(size)
    expect(await rendered(size)).toEqual(reportsBefore)

    const overviewNow = ok(await renderAt(store, REQUESTS[0]!, { format: 'json' }))
    const overviewThen = ok(await renderAt(store, REQUESTS[0]!, { format: 'json', at: size }))
    expect(JSON.parse(overviewNow.text).rows).toEqual(JSON.parse(overviewThen.text).rows)
    const auditNow = ok(await renderAt(store, REQUESTS[2]!, { format: 'json' })).text
    expect(auditNow).toContain('"erased"')
    expect(auditNow).not.toContain('Karim')
  })
})

describe('retention with a fixed clock', () => {
  it('a dry run lists exactly the key figures past the policy and appends nothing; apply erases exactly those', async () => {
    const clock = fixedClock('2025-06-01T10:00:00Z')
    const log = memoryProcessingLog()
    const fresh = memoryEventStore()
    await grantFixtureRoles(fresh)
    const ledger = createLedger({ store: fresh, keys: memoryKeyStore(), clock, ids: sequentialIds(), processingLog: log })
    const OLD = 'f3000000-0000-4000-8000-0000000000f3'
    const EDGE = 'f4000000-0000-4000-8000-0000000000f4'
    const person = (personId: string) => ({ command: 'registerKeyFigure', actor: actors.official, payload: { personId, name: `P ${personId.slice(0, 2)}` } })
    await run(ledger, cmd.registerOrganisation(), person(OLD), person(EDGE), cmd.contact([ORG_A], { personIds: [OLD], occurredOn: '2020-05-31' }), cmd.contact([ORG_A], { personIds: [EDGE], occurredOn: '2020-06-02' }))
    const size = await storeSize(ledger)
    const dry = ok(await retention(ledger, { years: 5 }, actors.privacy, { apply: false }))
    expect(dry.due.map((d) => d.personId)).toEqual([OLD])
    expect(await storeSize(ledger)).toBe(size)
    const applied = ok(await retention(ledger, { years: 5 }, actors.privacy, { apply: true }))
    expect(applied.erased).toEqual([OLD])
    expect(await storeSize(ledger)).toBe(size + 1)
    expect(log.records.map((r) => r.name)).toEqual(['erase-key-figure'])
    clock.set('2025-06-03T10:00:00Z')
    expect(ok(await retention(ledger, { years: 5 }, actors.privacy, { apply: false })).due.map((d) => d.personId)).toEqual([EDGE])
  })
})

describe('no report ever shows a person', () => {
  it('no rendering of any report, in any format or language, contains a generated person\u2019s plaintext', async () => {
    await fc.assert(
      fc.asyncProperty(arbHistory({ maxSteps: 50 }), async (history) => {
        const store = memoryEventStore()
        const ledger = createLedger({ store, keys: memoryKeyStore(), clock: fixedClock(HISTORY_NOW) })
        for (const c of history) await ledger.execute(c)
        const secrets = history.filter((c) => c.command === 'registerKeyFigure').flatMap((c) => [c.payload['name'], c.payload['email'], c.payload['phone']].map(String))
        for (const request of [...REQUESTS, { kind: 'annual-overview' as const, year: 2023 }, { kind: 'annual-overview' as const, year: 2025 }])
          for (const format of request.kind === 'audit-view' ? ['json', 'md'] : REPORT_FORMATS)
            for (const language of ['nl', 'en'] as const) {
              const text = ok(await renderAt(store, request, { format: format as never, language })).text
              for (const s of secrets) expect(text).not.toContain(s)
            }
      }),
      { numRuns: 15 },
    )
  })
})
