/**
 * Report version 1 (frozen, rules 13 and 22): the fold-to-report and renderer of the first release,
 * kept byte for byte so that snapshots it rendered re-render to their recorded hash. Never edit it;
 * a change belongs in the newest version (`src/reports/`, `versions.ts`).
 *
 * The confidential contact list (rule 7): every organisation with a non-retracted contact of
 * category partnership or incidental in a period (default from 2023-01-01 to the as-of date of
 * the log). Signalling contacts count nowhere (rule 8). Pure.
 */
import type { StoredEvent } from '../../domain/events.js'
import type { OrganisationKind } from '../../domain/values.js'
import { asOfDate, basisOf, byName, type ContactBasis, type ReportBasis } from '../basis.js'

// ---------------------------------------------------------------------------------------------
// model

export interface ConfidentialRowV1 {
  readonly organisationId: string
  readonly name: string
  readonly kind: OrganisationKind
  /** Non-retracted partnership and incidental contacts in the period (as corrected). */
  readonly contacts: number
}

export interface ConfidentialListV1 {
  readonly kind: 'confidential-contact-list'
  readonly since: string
  readonly until: string
  readonly logSize: number
  readonly rows: ReadonlyArray<ConfidentialRowV1>
}

/** The period of the list; left out, `since` is 2023-01-01 and `until` the log's as-of date. */
interface Period {
  readonly since?: string
  readonly until?: string
}

/** The first day the confidential list reaches back to (the letter: "vanaf 1 januari 2023"). */
const LIST_SINCE = '2023-01-01'

// ---------------------------------------------------------------------------------------------
// utils

/**
 * The period in force: the given bounds, or 2023-01-01 and the business date of the last entry
 * folded (the as-of date; `since` itself for an empty log).
 *
 * @example
 * resolvePeriod(basis, {}) // { since: '2023-01-01', until: '2026-01-31' }
 */
const resolvePeriod = (b: ReportBasis, p: Period): { readonly since: string; readonly until: string } => {
  const since = p.since ?? LIST_SINCE
  return { since, until: p.until ?? asOfDate(b) ?? since }
}

/** Whether a contact counts in the list for a period. */
const countsInList = (c: ContactBasis, since: string, until: string): boolean =>
  c.retracted === undefined && c.category !== 'signalling' && c.occurredOn >= since && c.occurredOn <= until

// ---------------------------------------------------------------------------------------------
// folds

/**
 * The confidential contact list from a report basis.
 *
 * @example
 * confidentialListOf(basis, { since: '2023-01-01', until: '2024-12-31' }).rows.length
 */
export const confidentialListV1Of = (b: ReportBasis, period: Period = {}): ConfidentialListV1 => {
  const { since, until } = resolvePeriod(b, period)
  const counts = new Map<string, number>()
  for (const c of b.contacts.values())
    if (countsInList(c, since, until)) for (const id of new Set(c.organisationIds)) counts.set(id, (counts.get(id) ?? 0) + 1)
  const rows: ConfidentialRowV1[] = []
  for (const [organisationId, contacts] of counts) {
    const o = b.organisations.get(organisationId)
    if (o !== undefined) rows.push({ organisationId, name: o.name, kind: o.kind, contacts })
  }
  return { kind: 'confidential-contact-list', since, until, logSize: b.size, rows: rows.sort(byName) }
}

/**
 * The confidential contact list from the log's first `at` entries (all of `events` by default).
 *
 * @example
 * confidentialList(events, { since: '2023-01-01' }).rows
 */
export const confidentialListV1 = (events: ReadonlyArray<StoredEvent>, params: { readonly since?: string; readonly until?: string } & { readonly at?: number } = {}): ConfidentialListV1 =>
  confidentialListV1Of(basisOf(events, params.at), params)
