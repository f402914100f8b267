/**
 * Report version 1 (frozen, rules 13 and 22): the fold-to-report and renderer of the first release,
 * kept byte for byte so that snapshots it rendered re-render to their recorded hash. Never edit it;
 * a change belongs in the newest version (`src/reports/`, `versions.ts`).
 *
 * The public annual overview (rule 6): each organisation with a partnership active on any day of
 * the year, with its partnership's programme, themes and dates and the number of its partnership
 * contacts in the year. Never persons, vetting, exclusions, end reasons, incidental or signalling
 * contacts (rule 8). Pure: the same basis and year give the same rows.
 */
import type { StoredEvent } from '../../domain/events.js'
import { THEMES, type OrganisationKind, type Theme } from '../../domain/values.js'
import { basisOf, byName, inYear, partnershipActiveIn, type ContactBasis, type PartnershipBasis, type ReportBasis } from '../basis.js'

// ---------------------------------------------------------------------------------------------
// model

/** One organisation in the overview. */
export interface AnnualRowV1 {
  readonly organisationId: string
  readonly name: string
  readonly kind: OrganisationKind
  /** The programme; several, sorted and joined with "; ", when more than one partnership ran in the year. */
  readonly programme: string
  readonly themes: ReadonlyArray<Theme>
  /** The earliest start of the partnerships active in the year. */
  readonly startedOn: string
  /** The latest end of those partnerships, or null while one of them runs. */
  readonly endedOn: string | null
  /** Non-retracted contacts of category partnership in the year (as corrected). */
  readonly contacts: number
}

export interface AnnualOverviewV1 {
  readonly kind: 'annual-overview'
  readonly year: number
  /** The report is of the log's first `logSize` entries. */
  readonly logSize: number
  readonly rows: ReadonlyArray<AnnualRowV1>
}

// ---------------------------------------------------------------------------------------------
// utils

/** The partnerships of each organisation active in a year, in log order. */
const activePartnerships = (b: ReportBasis, year: number): Map<string, PartnershipBasis[]> => {
  const out = new Map<string, PartnershipBasis[]>()
  for (const p of b.partnerships.values())
    if (partnershipActiveIn(p, year)) out.set(p.organisationId, [...(out.get(p.organisationId) ?? []), p])
  return out
}

/** Whether a contact counts in the overview of a year: partnership category, not retracted, in the year. */
const countsInOverview = (c: ContactBasis, year: number): boolean =>
  c.retracted === undefined && c.category === 'partnership' && inYear(c.occurredOn, year)

// ---------------------------------------------------------------------------------------------
// folds

/**
 * The annual overview of a year from a report basis.
 *
 * @example
 * const fold = reportFold(); fold.step(events)
 * annualOverviewOf(fold.basis(), { year: 2024 }).rows.map((r) => r.name)
 */
export const annualOverviewV1Of = (b: ReportBasis, params: { readonly year: number }): AnnualOverviewV1 => {
  const { year } = params
  const active = activePartnerships(b, year)
  const counts = new Map<string, number>()
  for (const c of b.contacts.values())
    if (countsInOverview(c, year)) for (const id of new Set(c.organisationIds)) if (active.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1)
  const rows: AnnualRowV1[] = []
  for (const [organisationId, ps] of active) {
    const o = b.organisations.get(organisationId)
    if (o === undefined) continue
    const themes = new Set(ps.flatMap((p) => p.themes))
    const ends = ps.map((p) => p.ended?.endedOn ?? null)
    rows.push({
      organisationId,
      name: o.name,
      kind: o.kind,
      programme: [...new Set(ps.map((p) => p.programme))].sort().join('; '),
      themes: THEMES.filter((t) => themes.has(t)),
      startedOn: ps.map((p) => p.startedOn).sort()[0]!,
      endedOn: ends.includes(null) ? null : (ends as string[]).sort()[ends.length - 1]!,
      contacts: counts.get(organisationId) ?? 0,
    })
  }
  return { kind: 'annual-overview', year, logSize: b.size, rows: rows.sort(byName) }
}

/**
 * The annual overview of a year from the log's first `at` entries (all of `events` by default).
 *
 * @example
 * annualOverview(events, { year: 2024 }).rows
 */
export const annualOverviewV1 = (events: ReadonlyArray<StoredEvent>, params: { readonly year: number; readonly at?: number }): AnnualOverviewV1 =>
  annualOverviewV1Of(basisOf(events, params.at), params)
