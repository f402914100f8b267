/**
 * The auditor's view (rule 15; restricted, never public): for every organisation in the log, each
 * report (the annual overview of every year the log covers, and the confidential list) and
 * whether the organisation is in or out of it, by which rule, with the positions of the events
 * behind that. Key figures appear as ids with their state (sealed or erased), never their data.
 * Contacts recorded long after they happened are flagged (rule 14). Pure.
 */
import type { StoredEvent } from '../domain/events.js'
import type { OrganisationKind } from '../domain/values.js'
import { activePartnerships, countsInOverview } from './annual-overview.js'
import { businessDateOf } from '../ports/clock.js'
import { effectiveBasisOf } from './exclusion-ends.js'
import { asOfDate, byName, inYear, type ContactBasis, type OrganisationBasis, type ReportBasis } from './basis.js'
import { countsInList, resolvePeriod, type Period } from './confidential-list.js'

// ---------------------------------------------------------------------------------------------
// model

/** Why an organisation is in or out of a report. */
export type AuditReason =
  | 'partnership-active-in-year'
  | 'partnership-not-active-in-year'
  | 'no-partnership'
  | 'contact-in-period'
  | 'contacts-retracted'
  | 'only-signalling-contacts'
  | 'no-contact-in-period'

export interface AuditDecision {
  readonly report: 'annual-overview' | 'confidential-contact-list'
  /** For the annual overview. */
  readonly year?: number
  readonly included: boolean
  /** The DOMAIN.md rule that decides it. */
  readonly rule: 6 | 7 | 8
  readonly reason: AuditReason
  /** The events behind the decision, by log position, ascending. */
  readonly positions: ReadonlyArray<number>
}

export interface AuditKeyFigure {
  readonly personId: string
  readonly status: 'sealed' | 'erased'
}

export interface LateEntry {
  readonly position: number
  readonly occurredOn: string
  readonly recordedOn: string
  readonly days: number
}

export interface AuditOrganisation {
  readonly organisationId: string
  readonly name: string
  readonly kind: OrganisationKind
  /** Registration and corrections. */
  readonly positions: ReadonlyArray<number>
  readonly keyFigures: ReadonlyArray<AuditKeyFigure>
  readonly lateEntries: ReadonlyArray<LateEntry>
  readonly reports: ReadonlyArray<AuditDecision>
}

export interface AuditView {
  readonly kind: 'audit-view'
  readonly logSize: number
  /** Business date of the last entry folded, or null for an empty log. */
  readonly asOf: string | null
  /** The years whose annual overview is explained. */
  readonly years: ReadonlyArray<number>
  /** The confidential list's period. */
  readonly since: string
  readonly until: string
  readonly organisations: ReadonlyArray<AuditOrganisation>
}

/** A contact recorded more than this many days after it happened is flagged as late (rule 14). */
export const LATE_AFTER_DAYS = 14

// ---------------------------------------------------------------------------------------------
// utils

const yearOf = (date: string): number => Number(date.slice(0, 4))

/** The years the log covers: from the first to the last year of any contact, partnership or overview snapshot. */
export const yearsCovered = (b: ReportBasis): ReadonlyArray<number> => {
  const ys: number[] = []
  for (const c of b.contacts.values()) ys.push(yearOf(c.occurredOn))
  let open = false
  for (const p of b.partnerships.values()) {
    ys.push(yearOf(p.startedOn))
    if (p.ended) ys.push(yearOf(p.ended.endedOn))
    else open = true
  }
  for (const s of b.snapshots) if (s.year !== undefined) ys.push(s.year)
  const asOf = asOfDate(b)
  if (open && asOf !== null) ys.push(yearOf(asOf))
  if (ys.length === 0) return []
  const [lo, hi] = [Math.min(...ys), Math.max(...ys)]
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i)
}

const daysBetween = (from: string, to: string): number => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000

const positionsOf = (cs: ReadonlyArray<ContactBasis>, withRetraction = false): number[] =>
  cs.flatMap((c) => [c.position, ...c.corrections, ...(withRetraction && c.retracted !== undefined ? [c.retracted] : [])])

const ascending = (xs: ReadonlyArray<number>): number[] => [...new Set(xs)].sort((a, b) => a - b)

const annualDecision = (
  o: OrganisationBasis,
  year: number,
  active: ReadonlyMap<string, ReadonlyArray<{ position: number; ended?: { position: number } }>>,
  all: ReadonlyArray<{ position: number; ended?: { position: number } }>,
  contacts: ReadonlyArray<ContactBasis>,
): AuditDecision => {
  const ps = active.get(o.organisationId)
  const partnershipPositions = (xs: ReadonlyArray<{ position: number; ended?: { position: number } }>) =>
    xs.flatMap((p) => [p.position, ...(p.ended ? [p.ended.position] : [])])
  if (ps !== undefined)
    return {
      report: 'annual-overview',
      year,
      included: true,
      rule: 6,
      reason: 'partnership-active-in-year',
      positions: ascending([...partnershipPositions(ps), ...positionsOf(contacts.filter((c) => countsInOverview(c, year)))]),
    }
  const inThisYear = contacts.filter((c) => inYear(c.occurredOn, year))
  return {
    report: 'annual-overview',
    year,
    included: false,
    rule: 6,
    reason: all.length > 0 ? 'partnership-not-active-in-year' : 'no-partnership',
    positions: ascending([...partnershipPositions(all), ...positionsOf(inThisYear, true)]),
  }
}

const listDecision = (contacts: ReadonlyArray<ContactBasis>, since: string, until: string): AuditDecision => {
  const base = { report: 'confidential-contact-list' as const }
  const counted = contacts.filter((c) => countsInList(c, since, until))
  if (counted.length > 0) return { ...base, included: true, rule: 7, reason: 'contact-in-period', positions: ascending(positionsOf(counted)) }
  const inPeriod = contacts.filter((c) => c.occurredOn >= since && c.occurredOn <= until)
  const retracted = inPeriod.filter((c) => c.retracted !== undefined && c.category !== 'signalling')
  if (retracted.length > 0)
    return { ...base, included: false, rule: 7, reason: 'contacts-retracted', positions: ascending(positionsOf(retracted, true)) }
  const signalling = inPeriod.filter((c) => c.category === 'signalling')
  if (signalling.length > 0)
    return { ...base, included: false, rule: 8, reason: 'only-signalling-contacts', positions: ascending(positionsOf(signalling, true)) }
  return { ...base, included: false, rule: 7, reason: 'no-contact-in-period', positions: ascending(positionsOf(contacts, true)) }
}

// ---------------------------------------------------------------------------------------------
// folds

/**
 * The auditor's view from a report basis, for every organisation or for one.
 *
 * @example
 * const view = auditViewOf(basis, {})
 * view.organisations[0]?.reports.find((r) => r.year === 2024)?.reason // 'partnership-active-in-year'
 */
export const auditViewOf = (b: ReportBasis, params: Period & { readonly organisationId?: string } = {}): AuditView => {
  const { since, until } = resolvePeriod(b, params)
  const years = yearsCovered(b)
  const activeByYear = new Map(years.map((y) => [y, activePartnerships(b, y)]))
  const contactsOf = new Map<string, ContactBasis[]>()
  for (const c of b.contacts.values()) for (const id of new Set(c.organisationIds)) contactsOf.set(id, [...(contactsOf.get(id) ?? []), c])
  const partnershipsOf = new Map<string, Array<{ position: number; ended?: { position: number } }>>()
  for (const p of b.partnerships.values()) partnershipsOf.set(p.organisationId, [...(partnershipsOf.get(p.organisationId) ?? []), p])

  const organisations: AuditOrganisation[] = []
  for (const o of b.organisations.values()) {
    if (params.organisationId !== undefined && o.organisationId !== params.organisationId) continue
    const contacts = contactsOf.get(o.organisationId) ?? []
    const persons = new Set([...o.personIds, ...contacts.flatMap((c) => c.personIds)])
    organisations.push({
      organisationId: o.organisationId,
      name: o.name,
      kind: o.kind,
      positions: [o.position, ...o.corrections],
      keyFigures: [...persons]
        .sort()
        .map((personId) => ({ personId, status: b.persons.get(personId) == null ? ('sealed' as const) : ('erased' as const) })),
      lateEntries: contacts
        .map((c) => {
          const recordedOn = businessDateOf(new Date(c.recordedAt))
          return { position: c.position, occurredOn: c.occurredOn, recordedOn, days: daysBetween(c.occurredOn, recordedOn) }
        })
        .filter((l) => l.days > ((b as ReportBasis & { readonly settings?: { readonly lateEntryDays?: number } }).settings?.lateEntryDays ?? LATE_AFTER_DAYS)),
      reports: [
        ...years.map((y) => annualDecision(o, y, activeByYear.get(y)!, partnershipsOf.get(o.organisationId) ?? [], contacts)),
        listDecision(contacts, since, until),
      ],
    })
  }
  return { kind: 'audit-view', logSize: b.size, asOf: asOfDate(b), years, since, until, organisations: organisations.sort(byName) }
}

/**
 * The auditor's view from the log's first `at` entries (all of `events` by default).
 *
 * @example
 * auditView(events, { organisationId }).organisations[0]?.reports
 */
export const auditView = (events: ReadonlyArray<StoredEvent>, params: Period & { readonly organisationId?: string; readonly at?: number } = {}): AuditView =>
  auditViewOf(effectiveBasisOf(events, params.at), params)
