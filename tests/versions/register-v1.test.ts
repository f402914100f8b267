/**
 * The register written before versions existed (tests/fixtures/registers/v1, made by
 * scripts/make-fixture-register.ts) opens, verifies with its own signed checkpoints (the same
 * roots), decodes and renders its reports on today's code (rule 22). Every later version must keep
 * this passing without touching the fixture: its values are written out here, not read back.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseVerifierKey, verifyLog } from '../../src/audit/index.js'
import { decodeStored, encodeStored, EVENT_TYPES, schemaVersionOf, type StoredEvent } from '../../src/domain/events.js'
import { createLedger } from '../../src/ledger/ledger.js'
import { basisAt, renderAt, treeRootAt } from '../../src/ledger/reports.js'
import { reportVersions } from '../../src/reports/versions.js'
import { checkSnapshot, isSnapshot, snapshotEventCheck } from '../../src/ledger/snapshot.js'
import type { AuditViewWithTrail } from '../../src/reports/audit-trail.js'
import { FIXTURE, openV1Copy, V1_CHECKPOINTS, V1_SNAPSHOTS } from './register-v1.js'

const must = <A>(e: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

const V1_EVENT_TYPES = [
  'OrganisationRegistered', 'OrganisationCorrected', 'KeyFigureRegistered', 'KeyFigureErased', 'ValuesEndorsed', 'EndorsementWithdrawn',
  'VettingAdviceRecorded', 'FactRecorded', 'ExclusionDecided', 'ExclusionLifted', 'PartnershipStarted', 'PartnershipEnded',
  'ContactRecorded', 'ContactCorrected', 'ContactRetracted', 'ReportSnapshotTaken', 'ReportPublished', 'ReportSharedConfidentially',
]

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')
const b64 = (h: Uint8Array) => Buffer.from(h).toString('base64')

describe('the register written by version 1 (tests/fixtures/registers/v1)', () => {
  let opened: Awaited<ReturnType<typeof openV1Copy>>
  let events: ReadonlyArray<StoredEvent>
  beforeEach(async () => {
    opened = await openV1Copy()
    events = must(await opened.store.read()())
  })
  afterEach(async () => {
    await opened.close()
  })

  it('opens with all its 155 entries, every event type among them, each written at schema version 1', () => {
    expect(events).toHaveLength(155)
    // every event type version 1 had (later versions add types of their own)
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(V1_EVENT_TYPES))
    for (const type of V1_EVENT_TYPES) expect(EVENT_TYPES).toContain(type)
    expect(events.every((e) => e.meta.schemaVersion === 1)).toBe(true)
    expect(events.filter(isSnapshot).every((e) => e.data.reportVersion === undefined)).toBe(true)
  })

  it('decodes every entry through the versioned codecs, to what it stores', () => {
    for (const e of events) {
      const back = decodeStored(JSON.parse(JSON.stringify(encodeStored(e))))
      if (E.isLeft(back)) throw new Error(`entry ${e.position} does not decode`)
      // read as the current version: the same data (advice and facts gained only optional fields), the current schema version
      const stored = encodeStored(e)
      expect(encodeStored(back.right)).toEqual({ ...stored, meta: { ...(stored.meta as object), schemaVersion: schemaVersionOf(e.type) } })
    }
  })

  it('verifies: every leaf and node, its four signed checkpoints with their recorded roots and signatures, every snapshot rendered again', async () => {
    const verifier = must(parseVerifierKey(readFileSync(join(FIXTURE, 'register.vkey'), 'utf8').trim()))
    const stored = must(await opened.store.checkpoints()())
    expect(stored.map((c) => [c.treeSize, c.note.split('\n')[2]])).toEqual(V1_CHECKPOINTS)
    for (const [size, root] of V1_CHECKPOINTS) expect(b64(must(await treeRootAt(opened.store, size)))).toBe(root)
    const result = must(await verifyLog(opened.store, { verifiers: [verifier], checkEvent: snapshotEventCheck, checkTypes: ['ReportSnapshotTaken'] })())
    expect(result).toMatchObject({ _tag: 'Verified', treeSize: 155, checkpoints: 4, signaturesChecked: true })
    expect(result._tag === 'Verified' && b64(result.rootHash)).toBe(V1_CHECKPOINTS.at(-1)![1])
  })

  it('checks each of its snapshots against its recorded content hash', async () => {
    const snapshots = events.filter(isSnapshot)
    expect(snapshots.map((s) => ({ position: s.position, logSize: s.data.logSize, contentHash: s.data.contentHash }))).toEqual(Object.values(V1_SNAPSHOTS))
    for (const s of snapshots) expect(must(await checkSnapshot(opened.store, s))).toMatchObject({ _tag: 'SnapshotHolds', contentHash: s.data.contentHash })
  })

  it('renders its 2024 overview at the snapshot\'s size, with the report version that made it, to the recorded bytes, and its reports of the whole log', async () => {
    const overview = events.find(isSnapshot)!
    const body = overview.data.checkpoint.split('\n')
    const at = { format: 'html', language: 'nl', at: 150, checkpoint: { origin: body[0]!, rootHash: body[2]! } } as const
    const again = must(await renderAt(opened.store, { kind: 'annual-overview', year: 2024 }, { ...at, version: 1 }))
    expect(sha256(again.text)).toBe(V1_SNAPSHOTS.overview2024.contentHash)
    // the newest version renders the same prefix differently (no ids, no counts: rule 7), so it is a new version
    const newest = must(await renderAt(opened.store, { kind: 'annual-overview', year: 2024 }, at))
    expect(sha256(newest.text)).not.toBe(V1_SNAPSHOTS.overview2024.contentHash)
    expect(must(await checkSnapshot(opened.store, overview))).toMatchObject({ _tag: 'SnapshotHolds' })
    for (const request of [{ kind: 'annual-overview', year: 2025 }, { kind: 'confidential-contact-list' }, { kind: 'audit-view' }] as const) {
      const r = must(await renderAt(opened.store, request, { format: 'json' }))
      expect(r.logSize).toBe(155)
      expect(r.text.length).toBeGreaterThan(100)
    }
  })

  it("its auditor's view lists the old exclusion on opposed-integration and the old public-sources advice as needing review under the letter (rule 22)", async () => {
    const view = must(await renderAt(opened.store, { kind: 'audit-view' }, { format: 'json' })).report as AuditViewWithTrail
    expect(view.trail.needsReviewUnderLetter.map((x) => [x.kind, x.why]).sort()).toEqual([
      ['advice', 'public-sources'],
      ['exclusion', 'opposed-integration'],
    ])
  })

  it('folds into the state a ledger reads: its organisations, the erased key figure, the lifted exclusion, the published and shared reports', async () => {
    const ledger = createLedger({ store: opened.store, keys: opened.keys })
    const s = must(await ledger.state())
    expect(s.size).toBe(155)
    expect(Object.keys(s.organisations)).toHaveLength(28)
    const exclusions = Object.values(s.organisations).flatMap((o) => o.exclusions)
    expect(exclusions.map((x) => [x.grounds.map((g) => g.ground).join(), x.lifted !== undefined]).sort()).toEqual([
      ['foreign-influence-agenda', true],
      ['opposed-integration', false],
    ])
    expect(Object.values(s.organisations).flatMap((o) => o.advices).map((a) => [a.source, a.advice]).sort()).toEqual([
      ['public-sources', 'advised-against'],
      ['security-service', 'advised-against'],
    ])
    const reports = Object.values(s.reports)
    expect(reports.map((r) => [r.kind, r.published.length, r.shared.length])).toEqual([
      ['annual-overview', 1, 0],
      ['confidential-contact-list', 0, 1],
      ['annual-overview', 0, 0],
    ])
  })
})
