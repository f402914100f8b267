/** Which report, with its parameters, and the report a request asks for from a basis. */
import { annualOverviewOf } from './annual-overview.js'
import { auditViewOf } from './audit-view.js'
import type { ReportBasis } from './basis.js'
import { confidentialListOf } from './confidential-list.js'
import type { AnyReport } from './render/render.js'

/** Which report, with its parameters. */
export type ReportRequest =
  | { readonly kind: 'annual-overview'; readonly year: number }
  | { readonly kind: 'confidential-contact-list'; readonly since?: string; readonly until?: string }
  | { readonly kind: 'audit-view'; readonly organisationId?: string; readonly since?: string; readonly until?: string }

/** The report a request asks for, from a basis. @example reportOf(basis, { kind: 'annual-overview', year: 2024 }) */
export const reportOf = (basis: ReportBasis, request: ReportRequest): AnyReport => {
  switch (request.kind) {
    case 'annual-overview':
      return annualOverviewOf(basis, request)
    case 'confidential-contact-list':
      return confidentialListOf(basis, request)
    case 'audit-view':
      return auditViewOf(basis, request)
  }
}
