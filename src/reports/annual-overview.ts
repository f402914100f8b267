/**
 * The public annual overview (rule 7): each organisation with a partnership active on any day of
 * the year, with its name as valid at the end of the year, its kind and KvK number (where known),
 * and its partnerships' programme, themes, start and (when in the year) end. Never persons,
 * vetting, exclusions, end reasons, contacts of any kind or their number, internal ids, or
 * anything dated after the year (rule 7). Pure: the same basis and year give the same rows.
 * (Report version 2; version 1, with ids and contact counts, is kept in `v1/`.)
 */
import type { StoredEvent } from '../domain/events.js'
import { THEMES, type OrganisationKind, type Theme } from '../domain/values.js'
import { effectiveBasisOf } from './exclusion-ends.js'
import { byName, inYear, nameOn, partnershipActiveIn, type ContactBasis, type PartnershipBasis, type ReportBasis } from './basis.js'

// ---------------------------------------------------------------------------------------------
// model

/** One organisation in the overview. */
export interface AnnualRow {
  /** The name valid on the last day of the year (a later rename does not show; a correction does). */
  readonly name: string
  readonly kind: OrganisationKind
  /** The KvK number, where the register knows it. */
  readonly kvkNumber?: string
  /** The programme; several, sorted and joined with "; ", when more than one partnership ran in the year. */
  readonly programme: string
  readonly themes: ReadonlyArray<Theme>
  /** The earliest start of the partnerships active in the year. */
  readonly startedOn: string
  /** The latest end of those partnerships when all of them ended in or before the year; absent otherwise (nothing dated after the year). */
  readonly endedOn?: string
}

export interface AnnualOverview {
  readonly kind: 'annual-overview'
  readonly year: number
  /** The report is of the log's first `logSize` entries. */
  readonly logSize: number
  readonly rows: ReadonlyArray<AnnualRow>
}

// ---------------------------------------------------------------------------------------------
// utils

/** The partnerships of each organisation active in a year, in log order. */
export const activePartnerships = (b: ReportBasis, year: number): Map<string, PartnershipBasis[]> => {
  const out = new Map<string, PartnershipBasis[]>()
  for (const p of b.partnerships.values())
    if (partnershipActiveIn(p, year)) out.set(p.organisationId, [...(out.get(p.organisationId) ?? []), p])
  return out
}

/**
 * Whether a contact is a partnership contact of a year (the overview shows no contacts since
 * report version 2; the auditor's view still explains with it).
 */
export const countsInOverview = (c: ContactBasis, year: number): boolean =>
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
export const annualOverviewOf = (b: ReportBasis, params: { readonly year: number }): AnnualOverview => {
  const { year } = params
  const yearEnd = `${year}-12-31`
  const rows: Array<AnnualRow & { readonly organisationId: string }> = []
  for (const [organisationId, ps] of activePartnerships(b, year)) {
    const o = b.organisations.get(organisationId)
    if (o === undefined) continue
    const themes = new Set(ps.flatMap((p) => p.themes))
    const ends = ps.map((p) => p.ended?.endedOn ?? null)
    const lastEnd = ends.includes(null) ? null : (ends as string[]).sort()[ends.length - 1]!
    rows.push({
      organisationId,
      name: nameOn(o, yearEnd),
      kind: o.kind,
      ...(o.kvkNumber !== undefined ? { kvkNumber: o.kvkNumber } : {}),
      programme: [...new Set(ps.map((p) => p.programme))].sort().join('; '),
      themes: THEMES.filter((t) => themes.has(t)),
      startedOn: ps.map((p) => p.startedOn).sort()[0]!,
      ...(lastEnd !== null && lastEnd <= yearEnd ? { endedOn: lastEnd } : {}),
    })
  }
  // sorted by name (the id only breaks ties), then the id dropped: the overview shows none (rule 7)
  return { kind: 'annual-overview', year, logSize: b.size, rows: rows.sort(byName).map(({ organisationId: _id, ...row }) => row) }
}

/**
 * The annual overview of a year from the log's first `at` entries (all of `events` by default).
 *
 * @example
 * annualOverview(events, { year: 2024 }).rows
 */
export const annualOverview = (events: ReadonlyArray<StoredEvent>, params: { readonly year: number; readonly at?: number }): AnnualOverview =>
  annualOverviewOf(effectiveBasisOf(events, params.at), params)
