/**
 * Rendering a report to text: the one entry point that picks the format. Same report, options
 * and checkpoint give the same bytes on every machine, whatever its time zone or locale.
 */
import type { Language, ReportFormat } from '../../domain/values.js'
import type { AuditView } from '../audit-view.js'
import { renderAuditMarkdown } from './audit-md.js'
import { renderCsv } from './csv.js'
import { tableOf, type CheckpointRef, type TableReport } from './document.js'
import { renderHtml } from './html.js'
import { renderJson } from './json.js'
import { renderMarkdown } from './md.js'

export interface RenderOptions {
  readonly format: ReportFormat
  /** Dutch by default. */
  readonly language?: Language
  /** The checkpoint at the report's log size: its origin and base64 root hash. */
  readonly checkpoint: CheckpointRef
}

/** A report that can be rendered. */
export type AnyReport = TableReport | AuditView

/** The formats the auditor's view comes in. */
export const AUDIT_FORMATS: ReadonlyArray<ReportFormat> = ['json', 'md']

/**
 * Renders a report in a format and language; the text ends with its content-hash line.
 * The auditor's view comes in json and md only (a TypeError otherwise: a programming error,
 * the command line checks the format first).
 *
 * @example
 * const text = renderReport(annualOverviewOf(basis, { year: 2024 }), { format: 'html', checkpoint })
 * writeFileSync('overview-2024.html', text)
 */
export const renderReport = (report: AnyReport, options: RenderOptions): string => {
  const language = options.language ?? 'nl'
  if (options.format === 'json') return renderJson(report, language, options.checkpoint)
  if (report.kind === 'audit-view') {
    if (options.format === 'md') return renderAuditMarkdown(report, language, options.checkpoint)
    throw new TypeError(`the auditor's view comes in ${AUDIT_FORMATS.join(' and ')}, not ${options.format}`)
  }
  const doc = tableOf(report, language, options.checkpoint)
  switch (options.format) {
    case 'csv':
      return renderCsv(doc)
    case 'md':
      return renderMarkdown(doc)
    case 'html':
      return renderHtml(doc)
  }
}
