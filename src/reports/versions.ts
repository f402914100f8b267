/**
 * Report versions (rules 13, 22): a report's fold and its renderer are versioned together, and
 * every released version stays here, so a snapshot is checked by rendering it again with the
 * version that made it (`ReportSnapshotTaken.reportVersion`, absent meaning 1), while new
 * renderings use the newest. A change to any fold or renderer that alters a rendering's bytes is
 * a new version: add an entry, never edit a released one.
 */
import { withAuditTrail } from './audit-version.js'
import { reportFold, type ReportFold } from './basis.js'
import { reportOf, type ReportRequest } from './request.js'
import { renderReport, type AnyReport, type RenderOptions } from './render/render.js'

// ---------------------------------------------------------------------------------------------
// model

/** One version of the reports: how the log folds into a basis, the report of a request, and its rendering. */
export interface ReportVersion {
  /** The fold of the log's first `at` entries into the report basis. */
  readonly fold: (at?: number) => ReportFold
  /** The report a request asks for, from that basis. */
  readonly report: (basis: ReturnType<ReportFold['basis']>, request: ReportRequest) => AnyReport
  /** The report's rendering as text (the bytes a snapshot's content hash is of). */
  readonly render: (report: AnyReport, options: RenderOptions) => string
}

/** Every released report version, by number from 1. */
export type ReportVersions = Readonly<Record<number, ReportVersion>>

// ---------------------------------------------------------------------------------------------
// constants

const v1: ReportVersion = { fold: reportFold, report: reportOf, render: renderReport }

/**
 * The report versions of this contact-ledger: version 1 is the fold and renderer of the first
 * release; version 2 adds the auditor's view's history sections (rules 16, 17: vetting, overdue
 * reviews, breaches, reclassifications, late entries, old decisions to review), the overview and
 * the confidential list as in version 1.
 */
export const reportVersions: ReportVersions = {
  1: v1,
  2: withAuditTrail(v1),
}

// ---------------------------------------------------------------------------------------------
// utils

/**
 * The newest version in a table: the one new renderings and snapshots use.
 *
 * @example
 * newestReportVersion(reportVersions) // 1
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
