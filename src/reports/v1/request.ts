/**
 * Report version 1 (frozen, rules 13 and 22): the report a request asked for in the first release.
 * The auditor's view is not a snapshotted report, so it comes from the newest fold.
 */
import type { ReportBasis } from '../basis.js'
import { auditViewOf } from '../audit-view.js'
import type { ReportRequest } from '../request.js'
import { annualOverviewV1Of } from './annual-overview.js'
import { confidentialListV1Of } from './confidential-list.js'
import type { AnyReportV1 } from './render/render.js'

/** The version-1 report a request asks for. @example reportOfV1(basis, { kind: 'annual-overview', year: 2024 }) */
export const reportOfV1 = (basis: ReportBasis, request: ReportRequest): AnyReportV1 => {
  switch (request.kind) {
    case 'annual-overview':
      return annualOverviewV1Of(basis, request)
    case 'confidential-contact-list':
      return confidentialListV1Of(basis, request)
    case 'audit-view':
      return auditViewOf(basis, request)
  }
}
