/**
 * What the csv, md and html renderers share: a report turned into a titled table of display
 * strings in one language, with its confidentiality marks and its trailer (log size, checkpoint).
 */
import type { Language } from '../../domain/values.js'
import type { AnnualOverview } from '../annual-overview.js'
import type { ConfidentialList } from '../confidential-list.js'
import { labelsFor, programmeLabel, type Labels } from './labels.js'

/** The checkpoint a rendering names: its origin and base64 root hash at the report's log size. */
export interface CheckpointRef {
  readonly origin: string
  readonly rootHash: string
}

/** A table report: the public overview or the confidential list. */
export type TableReport = AnnualOverview | ConfidentialList

export interface TableDocument {
  readonly language: Language
  readonly labels: Labels
  readonly confidential: boolean
  readonly title: string
  readonly note: string | null
  readonly caption: string
  /** Column headers; the first column names the row (the organisation). */
  readonly columns: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<string>>
  /**
   * Organisation ids, row by row, for the machine-readable formats of the confidential list; null
   * for the public overview, which shows no internal ids (rule 7).
   */
  readonly ids: ReadonlyArray<string> | null
  /** Label and value pairs every rendering ends with, before its content-hash line. */
  readonly trailer: ReadonlyArray<readonly [string, string]>
}

/**
 * The display table of a report.
 *
 * @example
 * tableOf(overview, 'nl', { origin, rootHash }).columns[0] // 'Organisatie'
 */
export const tableOf = (report: TableReport, language: Language, checkpoint: CheckpointRef): TableDocument => {
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
      columns: [c.name, c.kind, c.kvkNumber, c.programme, c.themes, c.startedOn, c.endedOn],
      rows: report.rows.map((r) => [
        r.name,
        l.kinds[r.kind],
        r.kvkNumber ?? '',
        programmeLabel(l, r.programme),
        r.themes.map((t) => l.themes[t]).join(', '),
        r.startedOn,
        r.endedOn ?? '',
      ]),
      ids: null,
      trailer,
    }
  return {
    language,
    labels: l,
    confidential: true,
    title: l.listTitle(report.since, report.until),
    note: l.confidentialNote,
    caption: l.listCaption(report.rows.length),
    columns: [c.name, c.kind, c.categories, c.firstContactOn, c.lastContactOn, c.contacts],
    rows: report.rows.map((r) => [r.name, l.kinds[r.kind], r.categories.map((k) => l.categories[k]).join(', '), r.firstContactOn, r.lastContactOn, String(r.contacts)]),
    ids: report.rows.map((r) => r.organisationId),
    trailer,
  }
}
