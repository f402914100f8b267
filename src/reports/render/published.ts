/**
 * The renderings of report version 2 (publication grade, rule 24): the table of version 1, with
 * the publisher, what the report is, the year and the date the register stood at; the log's
 * origin as the register recorded it (a `.local` placeholder is never printed); Dutch long dates
 * in the Dutch Markdown and HTML ("15 januari 2024"), ISO dates in CSV and JSON.
 */
import { originProblem } from '../../domain/register-settings.js'
import type { Language } from '../../domain/values.js'
import { publicationOf, type Publication } from '../publication.js'
import { renderCsv } from './csv.js'
import { tableOf, type CheckpointRef, type TableDocument, type TableReport } from './document.js'
import { renderPublicationHtml } from './html.js'
import { labelsFor } from './labels.js'
import { isDateCell, longDate } from './long-date.js'
import { renderMarkdown } from './md.js'
import { publicationLabels } from './publication-labels.js'
import { renderReport, type AnyReport, type RenderOptions } from './render.js'

/** The origin a publication names: the recorded one, else a checkpoint's that is fit to publish, else "not configured". */
const originOf = (pub: Publication, checkpoint: CheckpointRef, notConfigured: string): string =>
  pub.origin ?? (originProblem(checkpoint.origin) === undefined ? checkpoint.origin : notConfigured)

/** The table document of a publication-grade rendering; `long` writes dates out (Markdown, HTML). */
const documentOf = (report: TableReport, pub: Publication, language: Language, checkpoint: CheckpointRef, long: boolean): TableDocument => {
  const base = tableOf(report, language, checkpoint)
  const p = publicationLabels(language)
  const date = (d: string): string => (long ? longDate(d, language) : d)
  const asOf = pub.asOf === null ? p.emptyRegister : p.asOfValue(date(pub.asOf), report.logSize)
  const trailer: ReadonlyArray<readonly [string, string]> = [
    [p.publisher, pub.publisher ?? p.notConfigured],
    [p.asOf, asOf],
    ...base.trailer.map(([label, value]): readonly [string, string] => [label, label === base.labels.origin ? originOf(pub, checkpoint, p.notConfigured) : value]),
  ]
  const title = report.kind === 'confidential-contact-list' ? labelsFor(language).listTitle(date(report.since), date(report.until)) : base.title
  return { ...base, title, rows: long ? base.rows.map((r) => r.map((cell) => (isDateCell(cell) ? longDate(cell, language) : cell))) : base.rows, trailer }
}

/**
 * Renders a report as report version 2 does: publication grade where the report carries its
 * publication details (`publishedReport`), else as version 1. JSON is version 1's.
 *
 * @example
 * renderPublished(report, { format: 'html', checkpoint }) // '<!DOCTYPE html>…<p class="publisher">Ministerie …'
 */
export const renderPublished = (report: AnyReport, options: RenderOptions): string => {
  const pub = publicationOf(report)
  if (pub === undefined || report.kind === 'audit-view' || options.format === 'json') return renderReport(report, options)
  const language = options.language ?? 'nl'
  const p = publicationLabels(language)
  switch (options.format) {
    case 'csv':
      return renderCsv(documentOf(report, pub, language, options.checkpoint, false))
    case 'md':
      return renderMarkdown(documentOf(report, pub, language, options.checkpoint, true))
    case 'html': {
      const doc = documentOf(report, pub, language, options.checkpoint, true)
      const asOf = pub.asOf === null ? p.emptyRegister : p.asOfValue(longDate(pub.asOf, language), report.logSize)
      return renderPublicationHtml(
        { ...doc, trailer: doc.trailer.slice(2) },
        {
          publisher: pub.publisher,
          statement: report.kind === 'annual-overview' ? p.overviewStatement : p.listStatement,
          facts: [
            [p.publisher, pub.publisher ?? p.notConfigured],
            ...(report.kind === 'annual-overview' ? [[p.year, String(report.year)] as const] : []),
            [p.asOf, asOf],
          ],
        },
      )
    }
  }
}
