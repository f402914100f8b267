/**
 * Publication-grade reports (report version 2, rule 24): a report carries who publishes it, the
 * log's origin and the date the register stood at, all read from the log itself (the register's
 * settings and the recording date of the last entry folded), so the same log prefix always gives
 * the same bytes and nothing depends on the clock or on a default of this installation.
 */
import type { StoredEvent } from '../domain/events.js'
import { settingsAt, type RegisterSettings } from '../domain/register-settings.js'
import { asOfDate, type ReportBasis, type ReportFold } from './basis.js'
import type { AnyReport } from './render/render.js'
import type { ReportRequest } from './request.js'

// ---------------------------------------------------------------------------------------------
// model

/** What a publication-grade rendering says about itself. */
export interface Publication {
  /** The publisher the register recorded (rule 24), or null when none was. */
  readonly publisher: string | null
  /** The log's origin the register recorded, or null when none was. */
  readonly origin: string | null
  /** The business date (Europe/Amsterdam, `YYYY-MM-DD`) of the last entry folded: the register as it stood; null for an empty log. */
  readonly asOf: string | null
}

/** A report with its publication details. */
export type Published<R extends AnyReport = AnyReport> = R & { readonly publication: Publication }

/** A basis that also holds the settings valid at its size. */
export type PublishedBasis = ReportBasis & { readonly settings?: RegisterSettings }

// ---------------------------------------------------------------------------------------------
// combinators

/**
 * A fold that also keeps the register's settings valid at `at`: wraps a version's fold.
 *
 * @example
 * const fold = publicationFold(reportFold)(120)
 */
export const publicationFold =
  (inner: (at?: number) => ReportFold) =>
  (at?: number): ReportFold => {
    const fold = inner(at)
    const configurations: StoredEvent[] = []
    return {
      step: (page) => {
        fold.step(page)
        for (const e of page) if (e.type === 'RegisterConfigured' && (at === undefined || e.position < at)) configurations.push(e)
      },
      basis: () => {
        const settings = settingsAt(configurations)
        return Object.assign(fold.basis(), settings === undefined ? {} : { settings })
      },
    }
  }

/**
 * A report function that adds the publication details to what a version's report function gives.
 *
 * @example
 * const report = publishedReport(reportOf)(basis, { kind: 'annual-overview', year: 2024 })
 * report.publication.publisher // 'Ministerie van Sociale Zaken en Werkgelegenheid'
 */
export const publishedReport =
  (inner: (basis: ReportBasis, request: ReportRequest) => AnyReport) =>
  (basis: ReportBasis, request: ReportRequest): AnyReport => {
    const report = inner(basis, request)
    const settings = (basis as PublishedBasis).settings
    const publication: Publication = { publisher: settings?.publisher ?? null, origin: settings?.origin ?? null, asOf: asOfDate(basis) }
    return { ...report, publication } as Published
  }

/** The publication details of a report, if it carries them. @example publicationOf(report)?.asOf // '2025-01-15' */
export const publicationOf = (report: AnyReport): Publication | undefined => (report as Partial<Published>).publication
