/**
 * Report versions (rules 13, 22): a report's fold and its renderer are versioned together, and
 * every released version stays here, so a snapshot is checked by rendering it again with the
 * version that made it (`ReportSnapshotTaken.reportVersion`, absent meaning 1), while new
 * renderings use the newest. A change to any fold or renderer that alters a rendering's bytes is
 * a new version: add an entry, never edit a released one.
 */
import { withAuditTrail } from './audit-version.js'
import { reportFold, type FoldOptions, type ReportFold } from './basis.js'
import { reportOf, type ReportRequest } from './request.js'
import { type AnyReport, type RenderOptions } from './render/render.js'
import { publicationFold, publishedReport } from './publication.js'
import { exclusionEndsFold } from './exclusion-ends.js'
import { renderPublished } from './render/published.js'
import { reportOfV1 } from './v1/request.js'
import { renderReportV1 } from './v1/render/render.js'

// ---------------------------------------------------------------------------------------------
// model

/**
 * One version of the reports: how the log folds into a basis, the report of a request, and its
 * rendering. `R` is the version's own report shape (version 1's rows have ids and counts, later
 * ones do not); only the version's own `render` reads it.
 */
export interface ReportVersion<R = any> {
  /** The fold of the log's first `at` entries into the report basis (with what `options` asks kept beside it). */
  readonly fold: (at?: number, options?: FoldOptions) => ReportFold
  /** The report a request asks for, from that basis. */
  readonly report: (basis: ReturnType<ReportFold['basis']>, request: ReportRequest) => R
  /** The report's rendering as text (the bytes a snapshot's content hash is of). */
  readonly render: (report: R, options: RenderOptions) => string
}

/** Every released report version, by number from 1. */
export type ReportVersions = Readonly<Record<number, ReportVersion>>

// ---------------------------------------------------------------------------------------------
// constants

/**
 * The report versions of this contact-ledger.
 * - 1: the first release (frozen in `v1/`): the overview with internal ids and partnership
 *   contact counts; the list of every kind of organisation with a count.
 * - 2 (issue 13, DOMAIN.md rules 7 and 8; issue 16, rule 24): the overview shows the name valid
 *   at the end of the year and the KvK number where known, no internal ids, no counts, nothing
 *   dated after the year; the list leaves out municipalities, public bodies and companies, shows
 *   the categories and the first and last contact date, counts a contact with a key figure for
 *   the key figure's organisation and shows the name valid at the end of the period. Both are
 *   publication grade (`publicationFold`, `publishedReport`, `renderPublished`): publisher,
 *   origin and the date the register stood at, from the log; what the report is; long dates in
 *   Dutch; print that repeats the marking in the page margin. The auditor's view gains its history
 *   sections (`withAuditTrail`; rules 16, 17: vetting, overdue reviews, breaches,
 *   reclassifications, retractions, late entries, old decisions to review under the letter).
 * - 3 (issue 13, rule 6): as 2, but an exclusion ends a partnership on the exclusion's date also
 *   when the partnership's recorded end lies later (an exclusion entered late) or the partnership
 *   was entered after the exclusion (`exclusionEndsFold`): the overview's years and end dates and
 *   the auditor's view read the effective end, as the state does.
 */
export const reportVersions: ReportVersions = {
  1: { fold: reportFold, report: reportOfV1, render: renderReportV1 },
  2: withAuditTrail({ fold: publicationFold(reportFold), report: publishedReport(reportOf), render: renderPublished }),
  3: withAuditTrail({ fold: publicationFold(exclusionEndsFold(reportFold)), report: publishedReport(reportOf), render: renderPublished }),
}

// ---------------------------------------------------------------------------------------------
// utils

/**
 * The newest version in a table: the one new renderings and snapshots use.
 *
 * @example
 * newestReportVersion(reportVersions) // 3
 */
export const newestReportVersion = (versions: ReportVersions = reportVersions): number => Math.max(...Object.keys(versions).map(Number))

/**
 * The version a snapshot names (absent: 1), or undefined when the table does not have it.
 *
 * @example
 * reportVersionOf({ reportVersion: undefined }) // reportVersions[1]
 */
export const reportVersionOf = (snapshot: { readonly reportVersion?: number }, versions: ReportVersions = reportVersions): ReportVersion | undefined =>
  Object.hasOwn(versions, snapshot.reportVersion ?? 1) ? versions[snapshot.reportVersion ?? 1] : undefined
