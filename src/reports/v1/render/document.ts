/**
 * Report version 1 (frozen, rules 13 and 22): kept byte for byte so that the snapshots it rendered
 * re-render to their recorded hash. Never edit it; change the newest renderer in `src/reports/render/`.
 *
 * What the csv, md and html renderers share: a report turned into a titled table of display
 * strings in one language, with its confidentiality marks and its trailer (log size, checkpoint).
 */
import type { Language } from '../../../domain/values.js'
import type { AnnualOverviewV1 } from '../annual-overview.js'
import type { ConfidentialListV1 } from '../confidential-list.js'
import { labelsForV1 as labelsFor, programmeLabelV1 as programmeLabel, type LabelsV1 } from './labels.js'

/** The checkpoint a rendering names: its origin and base64 root hash at the report's log size. */
import type { CheckpointRef } from '../../render/document.js'

/** A table report: the public overview or the confidential list. */
export type TableReportV1 = AnnualOverviewV1 | ConfidentialListV1

export interface TableDocumentV1 {
  readonly language: Language
  readonly labels: LabelsV1
  readonly confidential: boolean
  readonly title: string
  readonly note: string | null
  readonly caption: string
  /** Column headers; the first column names the row (the organisation). */
  readonly columns: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<string>>
  /** Organisation ids, row by row (for machine-readable formats). */
  readonly ids: ReadonlyArray<string>
  /** Label and value pairs every rendering ends with, before its content-hash line. */
  readonly trailer: ReadonlyArray<readonly [string, string]>
}

/**
 * The display table of a report.
 *
 * @example
 * tableOf(overview, 'nl', { origin, rootHash }).columns[0] // 'Organisatie'
 */
export const tableOfV1 = (report: TableReportV1, language: Language, checkpoint: CheckpointRef): TableDocumentV1 => {
  const l = labelsFor(language)
  const trailer: ReadonlyArray<readonly [string, string]> = [
    [l.logSize, String(report.logSize)],
    [l.origin, checkpoint.origin],
    [l.rootHash, checkpoint.rootHash],
  ]
  const c = l.columns
  if (report.kind === 'annual-overview')
    return {
      language,
      labels: l,
      confidential: false,
      title: l.overviewTitle(report.year),
      note: null,
      caption: l.overviewCaption(report.year, report.rows.length),
      columns: [c.name, c.kind, c.programme, c.themes, c.startedOn, c.endedOn, c.contacts],
      rows: report.rows.map((r) => [
        r.name,
        l.kinds[r.kind],
        programmeLabel(l, r.programme),
        r.themes.map((t) => l.themes[t]).join(', '),
        r.startedOn,
        r.endedOn ?? '',
        String(r.contacts),
      ]),
      ids: report.rows.map((r) => r.organisationId),
      trailer,
    }
  return {
    language,
    labels: l,
    confidential: true,
    title: l.listTitle(report.since, report.until),
    note: l.confidentialNote,
    caption: l.listCaption(report.rows.length),
    columns: [c.name, c.kind, c.contacts],
    rows: report.rows.map((r) => [r.name, l.kinds[r.kind], String(r.contacts)]),
    ids: report.rows.map((r) => r.organisationId),
    trailer,
  }
}
