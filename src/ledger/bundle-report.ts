/**
 * Reports from an exported bundle (`export --out DIR`), as the register stood on a date: the
 * bundle is verified first (against the pinned keys), then the report is rendered from the longest
 * prefix of its entries all recorded by the end of the date (Europe/Amsterdam). Recording times
 * need not grow across writers, so the cut is a prefix, never a filter: an entry recorded early
 * but placed after a later one is left out with everything after it.
 */
import * as E from 'fp-ts/lib/Either.js'
import { verifyBundle, type BundleCheckpoint, type BundleOptions } from '../audit/bundle.js'
import { parseCheckpoint } from '../audit/checkpoint.js'
import { emptyFrontier, frontierRoot, pushLeaf } from '../audit/frontier.js'
import { hashLeaf } from '../audit/hash.js'
import type { VerificationFailure, Verified } from '../audit/result.js'
import { businessDateOf } from '../domain/dates.js'
import { decodeStored, type StoredEvent } from '../domain/events.js'
import { ROLE_EVENTS } from '../domain/events/roles.js'
import { replay } from '../domain/evolve.js'
import { mayRead, type ReadKind, type ReadRefused } from '../domain/policies/readers.js'
import type { Language, ReportFormat } from '../domain/values.js'
import { foldOptionsFor } from '../reports/basis.js'
import type { CheckpointRef } from '../reports/render/document.js'
import type { ReportRequest } from '../reports/request.js'
import { newestReportVersion, reportVersions } from '../reports/versions.js'
import type { Rendered } from './reports.js'

// ---------------------------------------------------------------------------------------------
// model

/** A bundle as the caller reads it; `entries` and `leaves` are opened afresh for each pass. */
export interface BundleSource {
  /** The lines of `entries.jsonl`, without their newline. */
  readonly entries: () => AsyncIterable<string>
  /** The lines of `leaves.txt`, when the bundle has one. */
  readonly leaves?: () => AsyncIterable<string>
  /** The latest checkpoint (`checkpoint`). */
  readonly latest: BundleCheckpoint
  /** The checkpoints of `checkpoints/`. */
  readonly checkpoints: ReadonlyArray<BundleCheckpoint>
}

/** What to render and what to check the bundle against. */
export interface BundleReportOptions extends BundleOptions {
  readonly format: ReportFormat
  readonly language?: Language
  /** The last day (`YYYY-MM-DD`, Europe/Amsterdam) whose recordings count; the whole bundle when left out. */
  readonly asOf?: string
  /**
   * Who reads (rule 20): required for a restricted report (the confidential list, the auditor's
   * view), and checked against the grants the bundle itself records, on the day of its last entry.
   * A bundle is a copy outside the register: this read is written to no access log (the export
   * that made the copy is); the caller says so, and keeps its own record if it needs one.
   */
  readonly reader?: string
}

/** A bundle that failed verification: nothing was rendered from it. */
export interface BundleRefused {
  readonly _tag: 'BundleRefused'
  readonly message: string
  readonly failure: VerificationFailure
}

/** The restricted read a report from a bundle is, if any. */
const readKindOf = (request: ReportRequest): ReadKind | undefined =>
  request.kind === 'confidential-contact-list' ? 'confidential-list' : request.kind === 'audit-view' ? 'audit-view' : undefined

/**
 * Whether `reader` may read a restricted report from the bundle: by the grants its entries record
 * (all of them, not only the prefix rendered), on the business day of its last entry.
 */
const readerAllowed = async (entries: AsyncIterable<string>, kind: ReadKind, reader: string | undefined): Promise<E.Either<ReadRefused, unknown>> => {
  const roleEvents: StoredEvent[] = []
  let lastRecordedAt: string | undefined
  for await (const line of entries) {
    const e = (ROLE_EVENTS as ReadonlyArray<string>).some((t) => line.includes(`"${t}"`)) ? parsedEvent(line) : undefined
    if (e !== undefined && (ROLE_EVENTS as ReadonlyArray<string>).includes(e.type)) roleEvents.push(e)
    lastRecordedAt = e?.meta.recordedAt ?? (JSON.parse(line) as { meta?: { recordedAt?: string } }).meta?.recordedAt
  }
  const onDate = lastRecordedAt === undefined ? '1900-01-01' : businessDateOf(new Date(lastRecordedAt))
  const allowed = mayRead(replay(roleEvents), reader ?? null, kind, onDate)
  if (E.isRight(allowed)) return allowed
  const how = reader === undefined ? 'name who reads (reader; --actor ID on the command line)' : 'the bundle records no grant that lets them'
  return E.left({ ...allowed.left, message: `${allowed.left.message.replace(/; an administrator.*$/, '')}, by the grants this bundle records: ${how}` })
}

/** A report rendered from a bundle: the rendering, the bundle's verification and how much of it the report is of. */
export interface BundleRendered extends Rendered {
  readonly verified: Verified
  /** The number of entries in the bundle (the report is of the first `logSize`). */
  readonly bundleSize: number
}

// ---------------------------------------------------------------------------------------------
// utils

const parsedEvent = (line: string): StoredEvent => {
  const d = decodeStored(JSON.parse(line))
  // the bundle was verified line by line just before: every line is a register event
  if (E.isLeft(d)) throw new Error('a verified bundle line is not a register event')
  return d.right
}

/**
 * The length of the longest prefix of the bundle's entries all recorded by the end of `asOf`
 * (Europe/Amsterdam): the position of the first entry recorded after that day, else the bundle's size.
 *
 * @example
 * await prefixRecordedBy(source.entries(), '2024-12-31') // 101
 */
export const prefixRecordedBy = async (entries: AsyncIterable<string>, asOf: string): Promise<number> => {
  let n = 0
  for await (const line of entries) {
    const recordedAt = (JSON.parse(line) as { meta?: { recordedAt?: unknown } }).meta?.recordedAt
    if (typeof recordedAt !== 'string' || businessDateOf(new Date(recordedAt)) > asOf) return n
    n++
  }
  return n
}

const sizeOf = (note: string): { size: number; origin: string } | undefined => {
  const cp = parseCheckpoint(note.slice(0, note.lastIndexOf('\n\n') + 1))
  return E.isRight(cp) ? { size: cp.right.treeSize, origin: cp.right.origin } : undefined
}

/**
 * Renders a report from a bundle, after verifying it (`verifyBundle` with the same options): of
 * the whole bundle, or, with `asOf`, of the longest prefix of entries recorded by the end of that
 * day (Europe/Amsterdam). The bytes are those a rendering from the register at that size gives.
 * A restricted report (the confidential list, the auditor's view) needs `reader`, holding a role
 * that may read it by the bundle's own grants (`Unauthorized` otherwise); the read of a copy is in
 * no access log of the register.
 *
 * @example
 * const r = await renderFromBundle(source, { kind: 'annual-overview', year: 2024 }, { format: 'html', asOf: '2024-12-31', verifiers: [pinned] })
 * if (E.isRight(r)) console.log(r.right.logSize, r.right.text)
 */
export const renderFromBundle = async (
  source: BundleSource,
  request: ReportRequest,
  options: BundleReportOptions,
): Promise<E.Either<BundleRefused | ReadRefused, BundleRendered>> => {
  const { format, language, asOf, reader, ...check } = options
  const verified = await verifyBundle(
    { entries: source.entries(), latest: source.latest, checkpoints: source.checkpoints, ...(source.leaves ? { leaves: source.leaves() } : {}) },
    check,
  )
  if (verified._tag === 'VerificationFailure') return E.left({ _tag: 'BundleRefused', message: `the bundle does not verify: ${verified.message}`, failure: verified })
  // rule 20: a restricted report names its reader, who must hold a reading role by the bundle's grants
  const kind = readKindOf(request)
  if (kind !== undefined) {
    const allowed = await readerAllowed(source.entries(), kind, reader)
    if (E.isLeft(allowed)) return allowed
  }
  const size = asOf === undefined ? verified.treeSize : await prefixRecordedBy(source.entries(), asOf)
  const version = reportVersions[newestReportVersion()]!
  const fold = version.fold(size, foldOptionsFor(request))
  const tree = emptyFrontier()
  let i = 0
  const page: StoredEvent[] = []
  for await (const line of source.entries()) {
    if (i >= size) break
    pushLeaf(tree, hashLeaf(Buffer.from(line, 'utf8')))
    page.push(parsedEvent(line))
    if (page.length === 1000) fold.step(page.splice(0))
    i++
  }
  fold.step(page)
  const basis = fold.basis()
  basis.size = size
  // the origin as a rendering from the register names it: the checkpoint's at that size, else the first one's
  const notes = [source.latest, ...source.checkpoints].flatMap((c) => sizeOf(c.note) ?? []).sort((a, b) => a.size - b.size)
  const origin = (notes.find((c) => c.size === size) ?? notes[0])?.origin ?? verified.verifiedBy[0]?.name ?? ''
  const checkpoint: CheckpointRef = { origin, rootHash: Buffer.from(frontierRoot(tree)).toString('base64') }
  const report = version.report(basis, request)
  const text = version.render(report, { format, ...(language ? { language } : {}), checkpoint })
  return E.right({ text, logSize: size, report, checkpoint, verified, bundleSize: verified.treeSize })
}
