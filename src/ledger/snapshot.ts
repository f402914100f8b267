/**
 * Report snapshots (rule 12): render a report from the log's first N entries, bind it to the
 * signed checkpoint at N and, for an overview, to a consistency proof from the previous
 * overview's checkpoint; and check a recorded snapshot later by rendering it again.
 * Signing and proofs come in as functions (the audit log provides them), so this module needs no
 * key and no proof code of its own.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import type { Command, RenderedSnapshot } from '../domain/commands/index.js'
import { storeError, type Rejection, type StoreError } from '../domain/errors.js'
import type { EventOf, ReportParameters, StoredEvent } from '../domain/events.js'
import { knownDate, type Year } from '../domain/values.js'
import type { CommandHooks } from '../ports/command-hooks.js'
import type { EventStore } from '../ports/event-store.js'
import { foldOptionsFor } from '../reports/basis.js'
import { resolvePeriod } from '../reports/confidential-list.js'
import { sha256Hex } from '../reports/render/content-hash.js'
import { newestReportVersion, reportVersionOf, reportVersions, type ReportVersion, type ReportVersions } from '../reports/versions.js'
import { basisAt, checkpointBodyOf, treeRootAt, type ReportError, type ReportRequest } from './reports.js'

// ---------------------------------------------------------------------------------------------
// model

/** Renders the report a `takeReportSnapshot` asks for, from the log's first `logSize` entries. */
export type SnapshotRenderer = (request: {
  readonly store: EventStore
  readonly command: Extract<Command, { command: 'takeReportSnapshot' }>
  readonly logSize: number
}) => Promise<E.Either<Rejection, RenderedSnapshot>>

/** What a snapshot needs from the audit log. */
export interface SnapshotDeps {
  /** The signed checkpoint (C2SP signed note) of the log's first `size` entries; stores it. */
  readonly checkpointAt: (size: number) => Promise<E.Either<StoreError, { readonly note: string }>>
  /** The RFC 9162 consistency proof between two tree sizes, as base64 hashes. */
  readonly consistency: (fromSize: number, toSize: number) => Promise<E.Either<StoreError, ReadonlyArray<string>>>
  /** The report versions to render with, the newest for new snapshots (default: this release's `reportVersions`). */
  readonly reportVersions?: ReportVersions
}

/** The outcome of checking one recorded snapshot. */
export type SnapshotCheck =
  | { readonly _tag: 'SnapshotHolds'; readonly position: number; readonly reportId: string; readonly contentHash: string }
  | { readonly _tag: 'SnapshotMismatch'; readonly position: number; readonly reportId: string; readonly message: string }

// ---------------------------------------------------------------------------------------------
// utils

type SnapshotCommand = Extract<Command, { command: 'takeReportSnapshot' }>

const requestOf = (p: { readonly kind: string; readonly year?: number; readonly since?: string; readonly until?: string }): ReportRequest =>
  p.kind === 'annual-overview'
    ? { kind: 'annual-overview', year: p.year ?? 0 }
    : { kind: 'confidential-contact-list', ...(p.since !== undefined ? { since: p.since } : {}), ...(p.until !== undefined ? { until: p.until } : {}) }

const asStoreError = (e: ReportError): StoreError => (e._tag === 'StoreError' ? e : storeError('io', e.message))

const render = (version: ReportVersion, basis: Parameters<ReportVersion['report']>[0], request: ReportRequest, parameters: ReportParameters, note: string) => {
  const body = checkpointBodyOf(note)
  if (body === undefined) return E.left(storeError('corrupt', 'the checkpoint is not a C2SP checkpoint note (origin, size, base64 root); run verify'))
  const text = version.render(version.report(basis, request), {
    format: parameters.format,
    language: parameters.language,
    checkpoint: { origin: body.origin, rootHash: body.rootHash },
  })
  return E.right({ text, body })
}

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * The ledger's snapshot renderer: renders the report a `takeReportSnapshot` asks for from the
 * log's first `logSize` entries, with the signed checkpoint at that size, and (for an overview)
 * the consistency proof from the previous overview snapshot's checkpoint.
 *
 * @example
 * const ledger = createLedger({ store, renderSnapshot: createSnapshotRenderer({
 *   checkpointAt: (size) => signedCheckpoint(store, signer, size)(),
 *   consistency: (from, to) => consistencyProof(store, from, to)() }) })
 */
export const createSnapshotRenderer =
  (deps: SnapshotDeps): SnapshotRenderer =>
  async ({ store, command, logSize }: { store: EventStore; command: SnapshotCommand; logSize: number }) => {
    const p = command.payload
    const versions = deps.reportVersions ?? reportVersions
    const reportVersion = newestReportVersion(versions)
    const version = versions[reportVersion]!
    const basis = await basisAt(store, logSize, undefined, version, foldOptionsFor(p))
    if (E.isLeft(basis)) return E.left(asStoreError(basis.left))
    const period = p.kind === 'confidential-contact-list' ? resolvePeriod(basis.right, p) : undefined
    const parameters: ReportParameters = {
      format: p.format,
      language: p.language ?? 'nl',
      ...(p.kind === 'annual-overview' && p.year !== undefined ? { year: p.year as Year } : {}),
      ...(period ? { since: knownDate(period.since), until: knownDate(period.until) } : {}),
    }
    const checkpoint = await deps.checkpointAt(logSize)
    if (E.isLeft(checkpoint)) return checkpoint
    const rendered = render(version, basis.right, requestOf({ ...p, ...period }), parameters, checkpoint.right.note)
    if (E.isLeft(rendered)) return rendered
    const previous = p.kind === 'annual-overview' ? basis.right.snapshots.filter((s) => s.kind === 'annual-overview').at(-1) : undefined
    let consistency: RenderedSnapshot['consistency']
    if (previous !== undefined) {
      const proof = await deps.consistency(previous.logSize, logSize)
      if (E.isLeft(proof)) return proof
      consistency = { fromReportId: previous.reportId, fromSize: previous.logSize, toSize: logSize, proof: proof.right }
    }
    return E.right({
      logSize,
      checkpoint: checkpoint.right.note,
      contentHash: sha256Hex(rendered.right.text),
      parameters,
      // absent means version 1, so a version-1 snapshot keeps the bytes it always had
      ...(reportVersion !== 1 ? { reportVersion } : {}),
      ...(consistency ? { consistency } : {}),
    })
  }

/**
 * The ledger hook that renders a snapshot before `takeReportSnapshot` is decided: on every
 * attempt, from the log as it is then (its size read only here), so a retried snapshot is of the
 * log it lands on. Within a batch of several new commands nothing is rendered, and the decision
 * refuses the snapshot: take it on its own.
 *
 * @example
 * createLedger({ store, renderSnapshot }) // wires snapshotHooks(store, renderSnapshot)
 */
export const snapshotHooks = (store: EventStore, renderSnapshot: SnapshotRenderer): CommandHooks => ({
  takeReportSnapshot: {
    beforeDecide: (command, { alone }) =>
      !alone
        ? TE.right({})
        : pipe(
            store.size(),
            TE.chainW((logSize) => () => renderSnapshot({ store, command, logSize })),
            TE.map((snapshot) => ({ snapshot })),
          ),
  },
})

/**
 * Renders a recorded snapshot again from its log prefix, with its recorded parameters and
 * checkpoint and with the report version that made it (its `reportVersion`, absent meaning 1;
 * rule 22), and compares the content hash; also checks that the checkpoint is of that prefix
 * (its size, and its root against the stored tree). A per-snapshot check for `verify`.
 *
 * @example
 * const r = await checkSnapshot(store, snapshotEvent)
 * if (E.isRight(r) && r.right._tag === 'SnapshotMismatch') console.log(r.right.position, r.right.message)
 */
export const checkSnapshot = async (
  store: EventStore,
  e: EventOf<'ReportSnapshotTaken'> & { readonly position: number },
  versions: ReportVersions = reportVersions,
): Promise<E.Either<StoreError, SnapshotCheck>> => {
  const d = e.data
  const base = { position: e.position, reportId: d.reportId }
  const again = await renderAgain(store, e, versions)
  if (E.isLeft(again)) return again
  if (again.right._tag === 'Mismatch') return E.right({ _tag: 'SnapshotMismatch', ...base, message: again.right.message })
  const hash = sha256Hex(again.right.text)
  return hash === d.contentHash
    ? E.right({ _tag: 'SnapshotHolds', ...base, contentHash: hash })
    : E.right({ _tag: 'SnapshotMismatch', ...base, message: `snapshot ${d.reportId} at position ${e.position}: rendering it again from the log's first ${d.logSize} entries gives content hash ${hash}, not the recorded ${d.contentHash}` })
}

/**
 * The exact bytes a recorded snapshot was of: its report rendered again from its log prefix, with
 * its recorded parameters, checkpoint and report version, checked against its content hash (what
 * a publisher writes out beside the snapshot entry, issue 16). A snapshot that no longer renders
 * to its content hash is a corrupt store (run verify).
 *
 * @example
 * const r = await snapshotText(store, snapshotEvent) // Right('<!doctype html>…'), sha256 = contentHash
 */
export const snapshotText = async (store: EventStore, e: EventOf<'ReportSnapshotTaken'> & { readonly position: number }, versions: ReportVersions = reportVersions): Promise<E.Either<StoreError, string>> => {
  const again = await renderAgain(store, e, versions)
  if (E.isLeft(again)) return again
  if (again.right._tag === 'Mismatch') return E.left(storeError('corrupt', `${again.right.message}; run contact-ledger verify`))
  if (sha256Hex(again.right.text) !== e.data.contentHash)
    return E.left(storeError('corrupt', `snapshot ${e.data.reportId} at position ${e.position} no longer renders to its recorded content hash; run contact-ledger verify`))
  return E.right(again.right.text)
}

/** A snapshot rendered again from its log prefix with its own version, or why it cannot be. */
const renderAgain = async (
  store: EventStore,
  e: EventOf<'ReportSnapshotTaken'> & { readonly position: number },
  versions: ReportVersions,
): Promise<E.Either<StoreError, { readonly _tag: 'Rendered'; readonly text: string } | { readonly _tag: 'Mismatch'; readonly message: string }>> => {
  const d = e.data
  const mismatch = (message: string) => E.right({ _tag: 'Mismatch' as const, message })
  const body = checkpointBodyOf(d.checkpoint)
  if (body === undefined) return mismatch(`snapshot ${d.reportId} at position ${e.position} carries no readable checkpoint`)
  if (body.size !== d.logSize) return mismatch(`snapshot ${d.reportId} at position ${e.position} is of ${d.logSize} entries, but its checkpoint is of ${body.size}`)
  if (d.logSize > e.position) return mismatch(`snapshot ${d.reportId} at position ${e.position} claims ${d.logSize} entries before it`)
  const version = reportVersionOf(d, versions)
  if (version === undefined)
    return mismatch(`snapshot ${d.reportId} at position ${e.position} was rendered by report version ${d.reportVersion}, which this contact-ledger does not have; upgrade contact-ledger to check it`)
  const root = await treeRootAt(store, d.logSize)
  if (E.isLeft(root)) return root
  if (Buffer.from(root.right).toString('base64') !== body.rootHash)
    return mismatch(`snapshot ${d.reportId} at position ${e.position}: its checkpoint's root is not the root of the log's first ${d.logSize} entries`)
  const basis = await basisAt(store, d.logSize, undefined, version, foldOptionsFor(d))
  if (E.isLeft(basis)) return E.left(asStoreError(basis.left))
  const rendered = render(version, basis.right, requestOf({ kind: d.kind, ...d.parameters }), d.parameters, d.checkpoint)
  if (E.isLeft(rendered)) return rendered
  return E.right({ _tag: 'Rendered' as const, text: rendered.right.text })
}

/** Whether a stored event is a report snapshot. @example events.filter(isSnapshot) */
export const isSnapshot = (e: StoredEvent): e is StoredEvent & EventOf<'ReportSnapshotTaken'> => e.type === 'ReportSnapshotTaken'

/**
 * `checkSnapshot` as a per-event check for `verify`: every event but a snapshot passes; a
 * snapshot passes when it renders again to its recorded content hash. `Left` holds the reason.
 *
 * @example
 * verifyLog(store, { checkEvent: snapshotEventCheck, checkTypes: ['ReportSnapshotTaken'] })
 */
export const snapshotEventCheck = async (event: StoredEvent, store: EventStore): Promise<E.Either<string, void>> => {
  if (!isSnapshot(event)) return E.right(undefined)
  const r = await checkSnapshot(store, event)
  if (E.isLeft(r)) return E.left(`snapshot ${event.data.reportId} could not be checked: ${r.left.message}`)
  return r.right._tag === 'SnapshotHolds' ? E.right(undefined) : E.left(r.right.message)
}
