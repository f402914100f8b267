/**
 * The confidential contact list (rule 8): every civil-society organisation (every kind but
 * `municipality`, `public-body` and `company`: the letter speaks of *maatschappelijke
 * organisaties*) with a non-retracted contact of category partnership or incidental in a period
 * (default from 2023-01-01 to the as-of date of the log), with the categories seen, the first and
 * last contact date and the number of contacts. A contact with a key figure counts for the key
 * figure's organisation. Signalling contacts count nowhere (rule 9). Pure.
 * (Report version 2; version 1 is kept in `v1/`.)
 */
import type { StoredEvent } from '../domain/events.js'
import type { ContactCategory, OrganisationKind } from '../domain/values.js'
import { effectiveBasisOf } from './exclusion-ends.js'
import { asOfDate, byName, nameOn, type ContactBasis, type ReportBasis } from './basis.js'

// ---------------------------------------------------------------------------------------------
// model

export interface ConfidentialRow {
  readonly organisationId: string
  /** The name valid on the last day of the period. */
  readonly name: string
  readonly kind: OrganisationKind
  /** The categories of its contacts in the period: `partnership`, `incidental` or both, in that order. */
  readonly categories: ReadonlyArray<Exclude<ContactCategory, 'signalling'>>
  readonly firstContactOn: string
  readonly lastContactOn: string
  /** Non-retracted partnership and incidental contacts in the period (as corrected). */
  readonly contacts: number
}

export interface ConfidentialList {
  readonly kind: 'confidential-contact-list'
  readonly since: string
  readonly until: string
  readonly logSize: number
  readonly rows: ReadonlyArray<ConfidentialRow>
}

/** The period of the list; left out, `since` is 2023-01-01 and `until` the log's as-of date. */
export interface Period {
  readonly since?: string
  readonly until?: string
}

/** The first day the confidential list reaches back to (the letter: "vanaf 1 januari 2023"). */
export const LIST_SINCE = '2023-01-01'

// ---------------------------------------------------------------------------------------------
// utils

/**
 * The period in force: the given bounds, or 2023-01-01 and the business date of the last entry
 * folded (the as-of date; `since` itself for an empty log).
 *
 * @example
 * resolvePeriod(basis, {}) // { since: '2023-01-01', until: '2026-01-31' }
 */
export const resolvePeriod = (b: ReportBasis, p: Period): { readonly since: string; readonly until: string } => {
  const since = p.since ?? LIST_SINCE
  return { since, until: p.until ?? asOfDate(b) ?? since }
}

/** The kinds that are not civil society (maatschappelijke organisaties): never on the list (rule 8). */
export const NOT_CIVIL_SOCIETY: ReadonlyArray<OrganisationKind> = ['municipality', 'public-body', 'company']

/** Whether an organisation of a kind can be on the confidential list (rule 8). @example listsKind('municipality') === false */
export const listsKind = (kind: OrganisationKind): boolean => !NOT_CIVIL_SOCIETY.includes(kind)

/**
 * The organisations a contact counts for: those it names and those of the key figures it names
 * (rule 8), each once.
 *
 * @example
 * partiesOf(basis, contact) // ['0a…', '0b…']
 */
export const partiesOf = (b: ReportBasis, c: ContactBasis): ReadonlySet<string> => {
  const out = new Set(c.organisationIds)
  for (const p of c.personIds) {
    const o = b.personOrganisation.get(p)
    if (o !== undefined) out.add(o)
  }
  return out
}

/** Whether a contact counts in the list for a period. */
export const countsInList = (c: ContactBasis, since: string, until: string): boolean =>
  c.retracted === undefined && c.category !== 'signalling' && c.occurredOn >= since && c.occurredOn <= until

// ---------------------------------------------------------------------------------------------
// folds

/**
 * The confidential contact list from a report basis.
 *
 * @example
 * confidentialListOf(basis, { since: '2023-01-01', until: '2024-12-31' }).rows.length
 */
export const confidentialListOf = (b: ReportBasis, period: Period = {}): ConfidentialList => {
  const { since, until } = resolvePeriod(b, period)
  const seen = new Map<string, { contacts: number; first: string; last: string; partnership: boolean; incidental: boolean }>()
  for (const c of b.contacts.values()) {
    if (!countsInList(c, since, until)) continue
    for (const id of partiesOf(b, c)) {
      const s = seen.get(id)
      if (s === undefined) seen.set(id, { contacts: 1, first: c.occurredOn, last: c.occurredOn, partnership: c.category === 'partnership', incidental: c.category === 'incidental' })
      else {
        s.contacts += 1
        if (c.occurredOn < s.first) s.first = c.occurredOn
        if (c.occurredOn > s.last) s.last = c.occurredOn
        if (c.category === 'partnership') s.partnership = true
        else s.incidental = true
      }
    }
  }
  const rows: ConfidentialRow[] = []
  for (const [organisationId, s] of seen) {
    const o = b.organisations.get(organisationId)
    if (o === undefined || !listsKind(o.kind)) continue
    rows.push({
      organisationId,
      name: nameOn(o, until),
      kind: o.kind,
      categories: [...(s.partnership ? (['partnership'] as const) : []), ...(s.incidental ? (['incidental'] as const) : [])],
      firstContactOn: s.first,
      lastContactOn: s.last,
      contacts: s.contacts,
    })
  }
  return { kind: 'confidential-contact-list', since, until, logSize: b.size, rows: rows.sort(byName) }
}

/**
 * The confidential contact list from the log's first `at` entries (all of `events` by default).
 *
 * @example
 * confidentialList(events, { since: '2023-01-01' }).rows
 */
export const confidentialList = (events: ReadonlyArray<StoredEvent>, params: Period & { readonly at?: number } = {}): ConfidentialList =>
  confidentialListOf(effectiveBasisOf(events, params.at), params)
