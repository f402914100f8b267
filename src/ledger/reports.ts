/**
 * Reports from a store: fold the log's first N entries page by page into the report basis, find
 * the checkpoint at N (its origin and root hash) and render. The report itself is pure
 * (`src/reports/`); this is the I/O around it.
 */
import * as E from 'fp-ts/lib/Either.js'
import { rootFromFrontier, frontierIds } from '../audit/tree.js'
import { storeError, type StoreError } from '../domain/errors.js'
import type { Language, ReportFormat } from '../domain/values.js'
import type { EventStore } from '../ports/event-store.js'
import type { KeyStore } from '../ports/key-store.js'
import { unsealingStore } from '../privacy/texts.js'
import { DEFAULT_ORIGIN } from '../ports/signer.js'
import { foldOptionsFor, type FoldOptions, type ReportBasis } from '../reports/basis.js'
import type { CheckpointRef } from '../reports/render/document.js'
import type { AnyReport } from '../reports/render/render.js'
import type { ReportRequest } from '../reports/request.js'
import { newestReportVersion, reportVersionOf, reportVersions, type ReportVersion } from '../reports/versions.js'
import { foldLog } from '../ports/pages.js'

// ---------------------------------------------------------------------------------------------
// model

export type { ReportRequest } from '../reports/request.js'
export { reportOf } from '../reports/request.js'

/** A report asked for at a size the log does not have. */
export interface BeyondLog {
  readonly _tag: 'BeyondLog'
  readonly message: string
  readonly at: number
  readonly size: number
}

export type ReportError = StoreError | BeyondLog

/** A rendered report: its text, the log size it is of, and the report it rendered. */
export interface Rendered {
  readonly text: string
  readonly logSize: number
  readonly report: AnyReport
  readonly checkpoint: CheckpointRef
}

// ---------------------------------------------------------------------------------------------
// utils

/**
 * Reads a C2SP checkpoint note's body: origin, tree size and base64 root hash.
 *
 * @example
 * checkpointBodyOf('contact-ledger.local/register\n12\nq1w2…=\n\n— contact-ledger.local/register …\n')
 */
export const checkpointBodyOf = (note: string): { readonly origin: string; readonly size: number; readonly rootHash: string } | undefined => {
  const [origin, size, rootHash] = note.split('\n')
  if (origin === undefined || origin === '' || size === undefined || !/^\d+$/.test(size) || rootHash === undefined) return undefined
  if (!/^[A-Za-z0-9+/]{43}=$/.test(rootHash)) return undefined
  return { origin, size: Number(size), rootHash }
}

/**
 * The RFC 6962 root of the log's first `size` entries, from the stored tree nodes.
 *
 * @example
 * Buffer.from(E.getOrElseW(() => new Uint8Array())(await treeRootAt(store, 10))).toString('base64')
 */
export const treeRootAt = async (store: EventStore, size: number): Promise<E.Either<StoreError, Uint8Array>> => {
  const ids = frontierIds(size)
  const nodes = await store.nodes(ids)()
  if (E.isLeft(nodes)) return nodes
  const missing = nodes.right.findIndex((n) => n === undefined)
  if (missing >= 0)
    return E.left(storeError('corrupt', `the Merkle tree node ${ids[missing]!.level}:${ids[missing]!.index} for size ${size} is missing from the store; run verify`))
  return E.right(rootFromFrontier(nodes.right as Uint8Array[]))
}

/**
 * The checkpoint a report of the first `size` entries names: the origin of the checkpoint stored
 * at that size (else of any stored checkpoint, else `origin`, else the default origin) and the
 * tree's root at that size.
 *
 * @example
 * const cp = await checkpointRefAt(store, 145) // Right({ origin: 'contact-ledger.local/register', rootHash: '…=' })
 */
export const checkpointRefAt = async (store: EventStore, size: number, origin?: string): Promise<E.Either<StoreError, CheckpointRef>> => {
  const root = await treeRootAt(store, size)
  if (E.isLeft(root)) return root
  const stored = await store.checkpoints()()
  if (E.isLeft(stored)) return stored
  const parsed = stored.right.map((c) => ({ treeSize: c.treeSize, body: checkpointBodyOf(c.note) }))
  const named = parsed.find((c) => c.treeSize === size)?.body?.origin ?? parsed.find((c) => c.body !== undefined)?.body?.origin
  return E.right({ origin: named ?? origin ?? DEFAULT_ORIGIN, rootHash: Buffer.from(root.right).toString('base64') })
}

/** The newest report version: the one new renderings use. */
const newest = (): ReportVersion => reportVersions[newestReportVersion()]!

/**
 * The report basis of the log's first `at` entries (the whole log by default), folded page by page
 * with a report version's fold (the newest by default). `options` says what to keep beside it:
 * `foldOptionsFor(request)` keeps the auditor's view's audit trail only for that view (the
 * default keeps it, so a basis is fit for every report).
 *
 * @example
 * const basis = await basisAt(store, 120)
 * const forOverview = await basisAt(store, undefined, undefined, undefined, foldOptionsFor({ kind: 'annual-overview' }))
 */
export const basisAt = async (
  store: EventStore,
  at?: number,
  onProgress?: (folded: number, total: number) => void,
  version: ReportVersion = newest(),
  options: FoldOptions = {},
): Promise<E.Either<ReportError, ReportBasis>> => {
  const size = await store.size()()
  if (E.isLeft(size)) return size
  if (at !== undefined && at > size.right)
    return E.left({ _tag: 'BeyondLog', message: `the log holds ${size.right} entries, so there is no report at ${at}; give a size up to ${size.right}`, at, size: size.right })
  const to = at ?? size.right
  const fold = version.fold(to, options)
  const done = await foldLog<number>(store, 0, (n, page) => (fold.step(page), onProgress?.(n + page.length, to), n + page.length), { to })
  if (E.isLeft(done)) return done
  const basis = fold.basis()
  basis.size = to
  return E.right(basis)
}

/**
 * Renders a report of the log's first `at` entries (the whole log by default).
 *
 * @example
 * const r = await renderAt(store, { kind: 'annual-overview', year: 2024 }, { format: 'csv' })
 * if (E.isRight(r)) writeFileSync('overview.csv', r.right.text)
 */
export const renderAt = async (
  store: EventStore,
  request: ReportRequest,
  options: {
    readonly format: ReportFormat
    readonly language?: Language
    readonly at?: number
    readonly checkpoint?: CheckpointRef
    /** Called after each page read, with entries folded so far and the total (for progress displays). */
    readonly onProgress?: (folded: number, total: number) => void
    /** The report version to render with (default: the newest); an older one reproduces what it rendered (rule 13). */
    readonly version?: number
    /**
     * The auditor's view only: unseal free texts with these keys (rule 20: the auditor may read
     * them; the access log and role check belong here). Public reports never unseal.
     */
    readonly unseal?: KeyStore
  },
): Promise<E.Either<ReportError, Rendered>> => {
  const version = options.version !== undefined ? reportVersionOf({ reportVersion: options.version }) : newest()
  if (version === undefined) return E.left(storeError('schema', `this contact-ledger has no report version ${options.version}; it has ${Object.keys(reportVersions).join(', ')}`))
  const source = options.unseal !== undefined && request.kind === 'audit-view' ? unsealingStore(store, options.unseal) : store
  const basis = await basisAt(source, options.at, options.onProgress, version, foldOptionsFor(request))
  if (E.isLeft(basis)) return basis
  const checkpoint = options.checkpoint !== undefined ? E.right(options.checkpoint) : await checkpointRefAt(store, basis.right.size)
  if (E.isLeft(checkpoint)) return checkpoint
  const ref = checkpoint.right
  const report = version.report(basis.right, request)
  const text = version.render(report, { format: options.format, ...(options.language ? { language: options.language } : {}), checkpoint: ref })
  return E.right({ text, logSize: basis.right.size, report, checkpoint: ref })
}
