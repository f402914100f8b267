/**
 * Report version 1 (frozen, rules 13 and 22): the format switch of the first release's renderer,
 * over the frozen table and JSON renderings of this folder. The auditor's view was never
 * snapshotted, so version 1 renders it with the newest renderer.
 */
import type { AnyReport, RenderOptions } from '../../render/render.js'
import { renderReport } from '../../render/render.js'
import type { TableReportV1 } from './document.js'
import { tableOfV1 } from './document.js'
import { renderCsvV1 } from './csv.js'
import { renderHtmlV1 } from './html.js'
import { renderJsonV1 } from './json.js'
import { renderMarkdownV1 } from './md.js'

/** A report version 1 can render: its own overview and list, or the auditor's view. */
export type AnyReportV1 = TableReportV1 | Extract<AnyReport, { kind: 'audit-view' }>

/**
 * Renders a version-1 report exactly as the first release did.
 *
 * @example
 * renderReportV1(annualOverviewV1Of(basis, { year: 2024 }), { format: 'html', checkpoint })
 */
export const renderReportV1 = (report: AnyReportV1, options: RenderOptions): string => {
  if (report.kind === 'audit-view') return renderReport(report, options)
  const language = options.language ?? 'nl'
  if (options.format === 'json') return renderJsonV1(report, language, options.checkpoint)
  const doc = tableOfV1(report, language, options.checkpoint)
  switch (options.format) {
    case 'csv':
      return renderCsvV1(doc)
    case 'md':
      return renderMarkdownV1(doc)
    case 'html':
      return renderHtmlV1(doc)
  }
}
