/**
 * Report versions (rules 13, 22): a snapshot is checked with the report version that made it,
 * new snapshots use the newest. A test-only next version (version 3's fold, a renderer that writes
 * one more line) changes new renderings but not the check of the v1 register's old snapshot.
 */
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLedger } from '../../src/ledger/ledger.js'
import { renderAt } from '../../src/ledger/reports.js'
import { checkSnapshot, createSnapshotRenderer, isSnapshot } from '../../src/ledger/snapshot.js'
import { fixedClock } from '../../src/ports/clock.js'
import { sha256Hex } from '../../src/reports/render/content-hash.js'
import { newestReportVersion, reportVersionOf, reportVersions, type ReportVersions } from '../../src/reports/versions.js'
import type { StoredEvent } from '../../src/domain/events.js'
import { testSnapshotDeps } from '../reports/history-run.js'
import { openV1Copy, V1_SNAPSHOTS } from './register-v1.js'
import { grantFixtureRoles } from '../fixtures/domain.js'

const must = <A>(e: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

const v1 = reportVersions[1]!
const v2 = reportVersions[2]!
const v3 = reportVersions[3]!
/** A test-only version 4: version 3's fold, and a renderer that appends a line. */
const withV4: ReportVersions = { ...reportVersions, 4: { ...v3, render: (report, options) => `${v3.render(report, options)}<!-- report version 4 -->\n` } }
/** Only the first release's version: what a release before issue 13 had. */
const onlyV1: ReportVersions = { 1: v1 }

describe('report versions', () => {
  let opened: Awaited<ReturnType<typeof openV1Copy>>
  let overview: StoredEvent & { type: 'ReportSnapshotTaken' }
  beforeEach(async () => {
    opened = await openV1Copy()
    overview = must(await opened.store.read({ from: V1_SNAPSHOTS.overview2024.position, limit: 1 })()).filter(isSnapshot)[0]!
  })
  afterEach(async () => {
    await opened.close()
  })

  it('this release has versions 1, 2 and 3 (issue 13), new renderings use 3, and a snapshot without reportVersion is of version 1', () => {
    expect(Object.keys(reportVersions)).toEqual(['1', '2', '3'])
    expect(newestReportVersion()).toBe(3)
    expect(newestReportVersion(withV4)).toBe(4)
    expect(reportVersionOf({})).toBe(v1)
    expect(reportVersionOf({ reportVersion: 2 })).toBe(v2)
    expect(reportVersionOf({ reportVersion: 3 })).toBe(v3)
    expect(reportVersionOf({ reportVersion: 4 })).toBeUndefined()
    expect(reportVersionOf({ reportVersion: 4 }, withV4)).toBe(withV4[4])
  })

  it("the v1 register's 2024 overview still matches its recorded hash through the registry, with or without a version 4", async () => {
    expect(overview.data.reportVersion).toBeUndefined()
    expect(must(await checkSnapshot(opened.store, overview))).toMatchObject({ _tag: 'SnapshotHolds', contentHash: V1_SNAPSHOTS.overview2024.contentHash })
    expect(must(await checkSnapshot(opened.store, overview, withV4))).toMatchObject({ _tag: 'SnapshotHolds', contentHash: V1_SNAPSHOTS.overview2024.contentHash })
  })

  it('an old snapshot is checked with its own version: were version 1 changed in place, the check would fail', async () => {
    const edited: ReportVersions = { 1: withV4[4]! }
    expect(must(await checkSnapshot(opened.store, overview, edited))._tag).toBe('SnapshotMismatch')
  })

  it('a new snapshot uses the newest version, records it, and is checked with it; a release without it says so', async () => {
    await grantFixtureRoles(opened.store)
    const ledger = createLedger({ store: opened.store, keys: opened.keys, clock: fixedClock('2026-02-01T10:00:00.000Z'), renderSnapshot: createSnapshotRenderer({ ...testSnapshotDeps(opened.store), reportVersions: withV4 }) })
    const r = must(await ledger.execute({ command: 'takeReportSnapshot', actor: { id: 'r.dekker', role: 'reporting-officer' }, payload: { kind: 'annual-overview', year: 2024, format: 'html', language: 'nl' } }))
    const fresh = r.events.filter(isSnapshot)[0]!
    expect(fresh.data.reportVersion).toBe(4)
    const body = fresh.data.checkpoint.split('\n')
    const byV3 = must(await renderAt(opened.store, { kind: 'annual-overview', year: 2024 }, { format: 'html', language: 'nl', at: fresh.data.logSize, checkpoint: { origin: body[0]!, rootHash: body[2]! } }))
    expect(fresh.data.contentHash).not.toBe(sha256Hex(byV3.text))
    expect(fresh.data.contentHash).toBe(sha256Hex(`${byV3.text}<!-- report version 4 -->\n`))
    expect(must(await checkSnapshot(opened.store, fresh, withV4))._tag).toBe('SnapshotHolds')
    const without = must(await checkSnapshot(opened.store, fresh))
    expect(without).toMatchObject({ _tag: 'SnapshotMismatch' })
    expect(without._tag === 'SnapshotMismatch' && without.message).toContain('report version 4')
    // and the old snapshot is still of version 1, checked as before
    expect(must(await checkSnapshot(opened.store, overview, withV4))._tag).toBe('SnapshotHolds')
  })

  it('a version-1 snapshot taken by a release that has only version 1 carries no reportVersion, so its bytes are those of every earlier release', async () => {
    await grantFixtureRoles(opened.store)
    const ledger = createLedger({ store: opened.store, keys: opened.keys, clock: fixedClock('2026-02-01T10:00:00.000Z'), renderSnapshot: createSnapshotRenderer({ ...testSnapshotDeps(opened.store), reportVersions: onlyV1 }) })
    const r = must(await ledger.execute({ command: 'takeReportSnapshot', actor: { id: 'r.dekker', role: 'reporting-officer' }, payload: { kind: 'confidential-contact-list', format: 'csv' } }))
    const fresh = r.events.filter(isSnapshot)[0]!
    expect('reportVersion' in fresh.data).toBe(false)
    expect(must(await checkSnapshot(opened.store, fresh))._tag).toBe('SnapshotHolds')
  })

  it('a snapshot taken today is of version 3: recorded as such, checked by verify with version 3, and not what version 1 renders', async () => {
    await grantFixtureRoles(opened.store)
    const ledger = createLedger({ store: opened.store, keys: opened.keys, clock: fixedClock('2026-02-01T10:00:00.000Z'), renderSnapshot: createSnapshotRenderer(testSnapshotDeps(opened.store)) })
    const r = must(await ledger.execute({ command: 'takeReportSnapshot', actor: { id: 'r.dekker', role: 'reporting-officer' }, payload: { kind: 'annual-overview', year: 2024, format: 'json' } }))
    const fresh = r.events.filter(isSnapshot)[0]!
    expect(fresh.data.reportVersion).toBe(3)
    expect(must(await checkSnapshot(opened.store, fresh))._tag).toBe('SnapshotHolds')
    expect(must(await checkSnapshot(opened.store, fresh, onlyV1))._tag).toBe('SnapshotMismatch')
    const body = fresh.data.checkpoint.split('\n')
    const json = must(await renderAt(opened.store, { kind: 'annual-overview', year: 2024 }, { format: 'json', at: fresh.data.logSize, checkpoint: { origin: body[0]!, rootHash: body[2]! } }))
    expect(sha256Hex(json.text)).toBe(fresh.data.contentHash)
    for (const row of JSON.parse(json.text).rows) expect(Object.keys(row)).not.toContain('organisationId')
  })
})
