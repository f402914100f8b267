/** The annual overview as a plain-text table for a terminal. */
import { type AnnualOverview, labelsFor, programmeLabel, type Language } from '../src/index.js'

// control characters and bidi controls would garble a terminal
const printable = (s: string): string => s.replace(/[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, ' ')

/**
 * Renders the overview's rows as an aligned text table (for people, not for checking: the
 * checkable renderings are json, csv, md and html).
 *
 * @example
 * console.log(overviewTable(annualOverviewOf(basis, { year: 2024 })))
 */
export const overviewTable = (report: AnnualOverview, language: Language = 'nl'): string => {
  const l = labelsFor(language)
  const c = l.columns
  // the columns of the public overview (rule 7): no internal ids, no contact counts
  const header = [c.name, c.kind, c.kvkNumber, c.programme, c.themes, c.startedOn, c.endedOn]
  const rows = report.rows.map((r) =>
    [r.name, l.kinds[r.kind], r.kvkNumber ?? '-', programmeLabel(l, r.programme), r.themes.map((t) => l.themes[t]).join(', '), r.startedOn, r.endedOn ?? '-'].map(printable),
  )
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: ReadonlyArray<string>) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()
  return [l.overviewTitle(report.year), '', line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), ''].join('\n')
}
