/**
 * Restricted reads (rule 20): the one place a library caller reads what is not public. Each read
 * judges the actor's roles on today's grants (`mayRead`), writes exactly ONE access record
 * (allowed or refused) to the ledger's access log, and only then reads. No access record is
 * written on the command append path: only here.
 */
import * as E from 'fp-ts/lib/Either.js'
import { businessDateOf } from '../domain/dates.js'
import { decodeError, storeError, type DecodeError, type StoreError } from '../domain/errors.js'
import type { StoredEvent } from '../domain/events.js'
import { ROLE_EVENTS } from '../domain/events/roles.js'
import { evolveAll } from '../domain/evolve.js'
import { mayRead, type ReadKind, type ReadRefused } from '../domain/policies/readers.js'
import { initialState } from '../domain/state.js'
import { actorTag } from '../domain/tags.js'
import type { Language, ReportFormat } from '../domain/values.js'
import { ActorId } from '../domain/input.js'
import type { AccessLog, AccessRecord } from '../ports/access-log.js'
import { pages } from '../ports/pages.js'
import { pseudonymSecret, readPersons, type PersonView } from '../privacy/persons.js'
import { verifyAccessChain, type AccessCheck } from '../store/access-chain.js'
import { renderAt, type ReportError, type Rendered } from './reports.js'
import type { Ledger } from './types.js'

// ---------------------------------------------------------------------------------------------
// model

/** Why a restricted read gave nothing: refused (and logged as refused), bad input, or the store. */
export type ReadError = ReadRefused | DecodeError | ReportError

/** How a report is rendered (as `renderAt` takes it). */
export interface RenderOptions {
  readonly format: ReportFormat
  readonly language?: Language
  readonly at?: number
  readonly version?: number
  readonly onProgress?: (folded: number, total: number) => void
}

/** The restricted reads of one actor: each checks the role and writes one access record. */
export interface RestrictedReads {
  /** The confidential contact list (reporting-officer, auditor). */
  readonly confidentialList: (period: { readonly since?: string; readonly until?: string }, render: RenderOptions) => Promise<E.Either<ReadError, Rendered>>
  /** The auditor's view (auditor). */
  readonly auditView: (filter: { readonly organisationId?: string }, render: RenderOptions) => Promise<E.Either<ReadError, Rendered>>
  /** A key figure's personal data, unsealed (official, privacy-officer); the processing log records it too. */
  readonly keyFigure: (personId: string) => Promise<E.Either<ReadError, PersonView>>
  /** The log entry by entry, `from <= position < to` (auditor), page by page. */
  readonly log: (range?: { readonly from?: number; readonly to?: number; readonly unseal?: boolean }) => Promise<E.Either<ReadError, AsyncIterable<ReadonlyArray<StoredEvent>>>>
  /** The access log itself and the check of its chain as found, before this read's own record (auditor, privacy-officer). */
  readonly accessLog: () => Promise<E.Either<ReadError, { readonly records: ReadonlyArray<AccessRecord>; readonly check: AccessCheck }>>
  /**
   * Any other restricted read (an export bundle, tiles with entries, sealed free text): checks
   * and records it; the caller reads only on Right. The hook for reads done outside this module.
   */
  readonly authorise: (kind: ReadKind, params: Readonly<Record<string, string | number>>) => Promise<E.Either<ReadError, AccessRecord>>
}

/** The longest purpose an access record keeps. */
export const PURPOSE_MAX = 200

// ---------------------------------------------------------------------------------------------
// utils

const purposeProblem = (purpose: string | undefined): DecodeError | undefined => {
  if (purpose === undefined) return undefined
  // eslint-disable-next-line no-control-regex
  if (purpose.trim() === '' || purpose.length > PURPOSE_MAX || /[\u0000-\u001f\u007f]/.test(purpose))
    return decodeError(`a purpose is a few words on one line (1 to ${PURPOSE_MAX} characters, no line breaks), never a person's name; got ${JSON.stringify(purpose.slice(0, 40))}${purpose.length > 40 ? '…' : ''}`, [
      { path: 'purpose', expected: `1..${PURPOSE_MAX} characters on one line` },
    ])
  return undefined
}

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * The restricted reads of `actorId` (the identity the embedding tool authenticated; `null` when no
 * one is named, which is refused and logged). Needs a ledger made with an `accessLog`.
 *
 * @example
 * const reads = restrictedReads(ledger, 'r.visser', { purpose: 'Kamervraag 2025Z01234' })
 * const list = await reads.confidentialList({ since: '2024-01-01' }, { format: 'md' })
 * if (E.isRight(list)) writeFileSync('vertrouwelijk.md', list.right.text)
 */
export const restrictedReads = (ledger: Ledger, actorId: string | null, options: { readonly purpose?: string } = {}): RestrictedReads => {
  const badPurpose = purposeProblem(options.purpose)
  const badActor =
    actorId !== null && !ActorId.is(actorId)
      ? decodeError(`not a valid acting actor: expected ${ActorId.name}, got ${JSON.stringify(String(actorId)).slice(0, 60)}`, [{ path: 'actor.id', expected: ActorId.name }])
      : undefined

  /** Judges and records one read; Right with its record when allowed. */
  const authorise: RestrictedReads['authorise'] = async (kind, params) => {
    if (badActor !== undefined) return E.left(badActor)
    if (badPurpose !== undefined) return E.left(badPurpose)
    const log: AccessLog | undefined = ledger.accessLog
    if (log === undefined) return E.left(storeError('io', 'this ledger has no access log, so restricted reads are refused (rule 20); create it with createLedger({ …, accessLog })'))
    const at = ledger.clock.now()
    const today = businessDateOf(at)
    let grants: ReadonlyArray<StoredEvent> = []
    if (actorId !== null) {
      const read = await ledger.store.read({ query: [{ types: ROLE_EVENTS, tags: [actorTag(actorId)] }] })()
      if (E.isLeft(read)) return read
      grants = read.right
    }
    const judged = mayRead(evolveAll(initialState, grants), actorId, kind, today)
    const roles = actorId === null ? [] : E.isRight(judged) ? judged.right : judged.left.held
    const record = await log.append({
      at: at.toISOString(),
      actor: actorId,
      roles,
      read: { kind, params },
      ...(options.purpose !== undefined ? { purpose: options.purpose } : {}),
      outcome: E.isRight(judged) ? 'allowed' : 'refused',
    })
    if (E.isLeft(record)) return record
    return E.isLeft(judged) ? judged : E.right(record.right)
  }

  const report = async (kind: 'confidential-list' | 'audit-view', params: Record<string, string | number>, request: Parameters<typeof renderAt>[1], render: RenderOptions) => {
    const ok = await authorise(kind, { ...params, format: render.format, ...(render.at !== undefined ? { at: render.at } : {}) })
    if (E.isLeft(ok)) return ok
    // the auditor's view shows sealed free texts: the auditor may read them (rule 20), and this read's one record covers it
    return renderAt(ledger.store, request, kind === 'audit-view' && ledger.keys !== undefined ? { ...render, unseal: ledger.keys } : render)
  }

  return {
    authorise,
    confidentialList: (period, render) => {
      const p = { ...(period.since !== undefined ? { since: period.since } : {}), ...(period.until !== undefined ? { until: period.until } : {}) }
      return report('confidential-list', p, { kind: 'confidential-contact-list', ...p }, render)
    },
    auditView: (filter, render) => {
      const p: Record<string, string> = filter.organisationId !== undefined ? { organisationId: filter.organisationId } : {}
      return report('audit-view', p, { kind: 'audit-view', ...p }, render)
    },
    keyFigure: async (personId) => {
      const keys = ledger.keys
      if (keys === undefined) return E.left(storeError('io', 'this ledger has no key store, so no key figure can be read; create it with createLedger({ …, keys })'))
      const ok = await authorise('key-figure', { personId: String(personId).slice(0, 100) })
      if (E.isLeft(ok)) return ok
      const state = await ledger.state()
      if (E.isLeft(state)) return state
      const secret = await pseudonymSecret(keys)
      if (E.isLeft(secret)) return secret
      const processingLog = ledger.processingLog ?? { write: async () => undefined }
      const views = await readPersons({ keys, log: processingLog, clock: ledger.clock, pseudonymKey: secret.right }, state.right, [personId])
      return E.map((vs: ReadonlyArray<PersonView>) => vs[0]!)(views)
    },
    log: async (range = {}) => {
      const size = await ledger.store.size()()
      if (E.isLeft(size)) return size
      const from = range.from ?? 0
      const to = Math.min(range.to ?? size.right, size.right)
      // unsealing the log's free texts (rule 20: sealed free text) asks nothing more of the actor than the
      // whole log does (auditor, who may read both); the one access record says that it unsealed
      const ok = await authorise('log', { from, to, ...(range.unseal === true ? { unseal: 1 } : {}) })
      if (E.isLeft(ok)) return ok
      return E.right(pages(ledger.store, { from, to }))
    },
    accessLog: async () => {
      // the chain is checked as found, before this read's own record is added after it
      const log = ledger.accessLog
      const found = log === undefined ? undefined : await log.read()
      const head = log === undefined ? undefined : await log.head()
      const ok = await authorise('access-log', {})
      if (E.isLeft(ok)) return ok
      if (found !== undefined && E.isLeft(found)) return found
      if (head !== undefined && E.isLeft(head)) return head
      const records = found!.right
      return E.right({ records: [...records, ok.right], check: verifyAccessChain(records, head!.right) })
    },
  }
}

export type { StoreError }
