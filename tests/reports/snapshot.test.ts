import { createHash } from 'node:crypto'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { memoryEventStore } from '../../adapters/memory/index.js'
import type { EventOf, StoredEvent } from '../../src/domain/events.js'
import { renderAt } from '../../src/ledger/reports.js'
import { checkSnapshot, createSnapshotRenderer, isSnapshot, snapshotEventCheck } from '../../src/ledger/snapshot.js'
import { checkContentHash } from '../../src/reports/render/content-hash.js'
import { arbReportHistory, eventsOf, historyLedger, LATER, ORIGIN, right, runHistory, testSnapshotDeps as testDeps } from './history-run.js'

const snapshotLedger = (calls?: Array<[number, number]>) => {
  const store = memoryEventStore()
  return historyLedger({ store, renderSnapshot: createSnapshotRenderer(testDeps(store, calls)) })
}

const take = async (ledger: ReturnType<typeof historyLedger>, payload: Record<string, unknown>): Promise<StoredEvent & EventOf<'ReportSnapshotTaken'>> => {
  const r = right(await ledger.execute({ command: 'takeReportSnapshot', actor: { id: 'test.reporting-officer', role: 'reporting-officer' }, payload }))
  const e = r.events[0]!
  if (!isSnapshot(e)) throw new Error(`expected a snapshot, got ${e.type}`)
  return e
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

describe('report snapshots (rule 12)', () => {
  it('record a content hash that equals the SHA-256 of the same report rendered later at the same log size', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbReportHistory(40),
        fc.constantFrom('json', 'csv', 'md', 'html'),
        fc.constantFrom('nl', 'en'),
        async (first, format, language) => {
          const ledger = snapshotLedger()
          await runHistory(ledger, first)
          const overview = await take(ledger, { kind: 'annual-overview', year: 2024, format, language })
          const list = await take(ledger, { kind: 'confidential-contact-list', format, language })
          await runHistory(ledger, LATER)
          const whole = right(await renderAt(ledger.store, { kind: 'annual-overview', year: 2024 }, { format, language }))
          expect(sha256(whole.text)).not.toBe(overview.data.contentHash)
          const again = right(await renderAt(ledger.store, { kind: 'annual-overview', year: 2024 }, { format, language, at: overview.data.logSize }))
          expect(sha256(again.text)).toBe(overview.data.contentHash)
          expect(again.text).toContain(ORIGIN)
          expect(checkContentHash(again.text)).toBe(true)
          const p = list.data.parameters
          expect(p.since).toBe('2023-01-01')
          const listAgain = right(
            await renderAt(ledger.store, { kind: 'confidential-contact-list', since: p.since!, until: p.until! }, { format, language, at: list.data.logSize }),
          )
          expect(sha256(listAgain.text)).toBe(list.data.contentHash)
          expect(listAgain.text).toContain('VERTROUWELIJK')
        },
      ),
      { numRuns: 12 },
    )
  })

  it('stay reproducible after the log grows: checkSnapshot renders each one again from its prefix', async () => {
    const ledger = snapshotLedger()
    await runHistory(ledger, fc.sample(arbReportHistory(40), { seed: 7, numRuns: 1 })[0]!)
    const a = await take(ledger, { kind: 'annual-overview', year: 2024, format: 'html' })
    const b = await take(ledger, { kind: 'confidential-contact-list', format: 'csv', since: '2024-01-01', until: '2024-12-31' })
    await runHistory(ledger, LATER)
    for (const s of [a, b]) expect(right(await checkSnapshot(ledger.store, s))).toMatchObject({ _tag: 'SnapshotHolds', position: s.position })
    // a snapshot whose hash or checkpoint does not match its log prefix is named, with its position
    const wrongHash = { ...a, data: { ...a.data, contentHash: '0'.repeat(64) } }
    expect(right(await checkSnapshot(ledger.store, wrongHash))).toMatchObject({ _tag: 'SnapshotMismatch', position: a.position })
    const wrongSize = { ...b, data: { ...b.data, logSize: b.data.logSize - 1 } }
    expect(right(await checkSnapshot(ledger.store, wrongSize))).toMatchObject({ _tag: 'SnapshotMismatch', position: b.position })
    // the same, as the per-event check verify calls
    expect(await snapshotEventCheck(a, ledger.store)).toEqual(E.right(undefined))
    const failed = await snapshotEventCheck(wrongHash, ledger.store)
    expect(E.isLeft(failed) && failed.left).toMatch(new RegExp(`position ${a.position}.*content hash`))
    const otherRoot = a.data.checkpoint.replace(/\n([A-Za-z0-9+/]{43}=)\n/, `\n${Buffer.alloc(32).toString('base64')}\n`)
    expect(right(await checkSnapshot(ledger.store, { ...a, data: { ...a.data, checkpoint: otherRoot } }))).toMatchObject({ _tag: 'SnapshotMismatch' })
  })

  it("of an overview carry the consistency proof from the previous overview snapshot's checkpoint", async () => {
    const calls: Array<[number, number]> = []
    const ledger = snapshotLedger(calls)
    const [history] = fc.sample(arbReportHistory(40), { seed: 3, numRuns: 1 })
    await runHistory(ledger, history!)
    const first = await take(ledger, { kind: 'annual-overview', year: 2024, format: 'json' })
    expect(first.data.consistency).toBeUndefined()
    await take(ledger, { kind: 'confidential-contact-list', format: 'json' })
    const second = await take(ledger, { kind: 'annual-overview', year: 2025, format: 'json' })
    expect(second.data.consistency).toEqual({
      fromReportId: first.data.reportId,
      fromSize: first.data.logSize,
      toSize: second.data.logSize,
      proof: [Buffer.from(`proof ${first.data.logSize}..${second.data.logSize}`).toString('base64')],
    })
    expect(calls).toEqual([[first.data.logSize, second.data.logSize]])
    expect(second.data.logSize).toBe(first.position + 2)
    expect((await eventsOf(ledger)).filter(isSnapshot)).toHaveLength(3)
  })
})
