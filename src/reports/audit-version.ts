/**
 * Report version 2 (rules 13, 16, 17, 22): the same overview and confidential list as version 1,
 * and the auditor's view with its history sections (vetting, overdue reviews, breaches,
 * reclassifications, retractions, late entries, old decisions to review under the letter).
 * `withAuditTrail` wraps any version, so a later version of the other reports can carry it too.
 */
import { readAsCurrent } from '../domain/events.js'
import { auditViewOf } from './audit-view.js'
import { applyToTrail, auditTrailView, emptyTrail, type AuditTrail, type AuditViewWithTrail } from './audit-trail.js'
import { asOfDate, type FoldOptions, type ReportBasis, type ReportFold } from './basis.js'
import { renderAuditTrail } from './render/audit-trail-render.js'
import type { AnyReport, RenderOptions } from './render/render.js'
import type { ReportRequest } from './request.js'

// ---------------------------------------------------------------------------------------------
// model

export type { AuditViewWithTrail }

/** A report version's parts (the shape of `ReportVersion` in versions.ts). */
interface Version {
  readonly fold: (at?: number, options?: FoldOptions) => ReportFold
  readonly report: (basis: ReportBasis, request: ReportRequest) => AnyReport
  readonly render: (report: AnyReport, options: RenderOptions) => string
}

type WithTrail = ReportBasis & { readonly auditTrail?: AuditTrail }

// ---------------------------------------------------------------------------------------------
// utils

/**
 * The audit trail a basis was folded with. A basis folded without it (`auditTrail: false`) has
 * none, and an auditor's view from it would show empty history sections as if nothing had
 * happened: that is a programming error, so it throws rather than hide the history.
 */
const trailOf = (basis: ReportBasis): AuditTrail => {
  const trail = (basis as WithTrail).auditTrail
  if (trail === undefined)
    throw new Error('the auditor\'s view needs a basis folded with its audit trail; fold with foldOptionsFor({ kind: \'audit-view\' })')
  return trail
}

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * A report version whose auditor's view carries the history sections; every other report is the
 * wrapped version's.
 *
 * @example
 * const v2 = withAuditTrail(reportVersions[1]!)
 */
export const withAuditTrail = (inner: Version): Version => ({
  fold: (at, options) => {
    const fold = inner.fold(at, options)
    // the overview and the list never read the trail: a large register folds without it
    if (options?.auditTrail === false) return fold
    const trail = emptyTrail()
    return {
      step: (page) => {
        for (const e of page) {
          if (at === undefined || e.position < at) applyToTrail(trail, readAsCurrent(e), fold.basis())
          fold.step([e])
        }
      },
      basis: () => Object.assign(fold.basis(), { auditTrail: trail }),
    }
  },
  report: (basis, request) => {
    const report = inner.report(basis, request)
    if (report.kind !== 'audit-view') return report
    return { ...report, trail: auditTrailView(trailOf(basis), basis, asOfDate(basis)) } as AuditViewWithTrail
  },
  render: (report, options) =>
    report.kind === 'audit-view' && 'trail' in report ? renderAuditTrail(report as AuditViewWithTrail, inner.render, options) : inner.render(report, options),
})

/** The auditor's view with its history sections, from a basis folded by a version-2 fold. @example auditViewWithTrail(basis, {}) */
export const auditViewWithTrail = (basis: ReportBasis, params: Parameters<typeof auditViewOf>[1] = {}): AuditViewWithTrail => ({
  ...auditViewOf(basis, params),
  trail: auditTrailView(trailOf(basis), basis, asOfDate(basis)),
})
