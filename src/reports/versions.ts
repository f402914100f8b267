/**
 * Report versions (rules 13, 22): a report's fold and its renderer are versioned together, and
 * every released version stays here, so a snapshot is checked by rendering it again with the
 * version that made it (`ReportSnapshotTaken.reportVersion`, absent meaning 1), while new
 * renderings use the newest. A change to any fold or renderer that alters a rendering's bytes is
 * a new version: add an entry, never edit a released one.
 */
import { reportFold, type ReportFold } from './basis.js'
import { reportOf, type ReportRequest } from './request.js'
import { renderReport, type AnyReport, type RenderOptions } from './render/render.js'
import { publicationFold, publishedReport } from './publication.js'
import { renderPublished } from './render/published.js'

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

/**
 * The report versions of this contact-ledger: version 1 is the fold and renderer of the first
 * release; version 2 adds publication grade (rule 24: publisher, origin and the date the register
 * stood at, from the log; what the report is; long dates in Dutch; print that repeats the marking
 * in the page margin) around version 1's fold and report (`publicationFold`, `publishedReport`).
 */
export const reportVersions: ReportVersions = {
  1: { fold: reportFold, report: reportOf, render: renderReport },
  2: { fold: publicationFold(reportFold), report: publishedReport(reportOf), render: renderPublished },
}

// ---------------------------------------------------------------------------------------------
// utils

/**
 * The newest version in a table: the one new renderings and snapshots use.
 *
 * @example
 * newestReportVersion(reportVersions) // 2
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
