/**
 * Reading a CSV export into rows with their line numbers. csv-parse does the parsing (maintained,
 * RFC 4180: quoted cells, doubled quotes, line breaks inside cells, a byte-order mark); a record it
 * cannot parse, or one with the wrong number of cells, becomes an unreadable row naming its line
 * instead of failing the file, so a dry run can list every one.
 */
import { parse } from 'csv-parse/sync'
import type { Cells } from '../../src/import/index.js'
import { usage } from '../errors.js'

/** A data row by its first line in the file, or why it cannot be read. */
export type CsvRow = { readonly line: number; readonly cells: Cells } | { readonly line: number; readonly problem: string }

export interface CsvTable {
  readonly header: ReadonlyArray<string>
  readonly rows: ReadonlyArray<CsvRow>
}

interface Info {
  readonly lines: number
  readonly empty_lines: number
}

/**
 * Parses CSV text whose first record is the header. Fails (exit 2) only when the text has no
 * header at all; every bad record after it is a row with a problem.
 *
 * @example
 * const { header, rows } = readCsv('date,organisation\n01/02/2012,Bar Council\n', 'meetings.csv')
 */
export const readCsv = (text: string, name: string): CsvTable => {
  const skipped: Array<{ line: number; problem: string }> = []
  let lastEnd = 0
  let records: Array<{ record: string[]; info: Info }>
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_record: (record: string[], context: Info) => {
        lastEnd = context.lines
        return record
      },
      on_skip: (err) => {
        // a bad record starts on the line after the last good one ended
        if (err !== undefined) skipped.push({ line: lastEnd + 1, problem: `the CSV is malformed from here: ${err.message}` })
        return undefined
      },
    }) as unknown as Array<{ record: string[]; info: Info }>
  } catch (e) {
    throw usage(`cannot parse ${name} as CSV (${e instanceof Error ? e.message : String(e)}); check that it is a comma-separated file`)
  }
  const [first, ...rest] = records
  if (first === undefined) throw usage(`${name} holds no header row; the first line must name the columns`)
  const header = first.record.map((h) => h.trim())
  const rows: CsvRow[] = [...skipped]
  let previous = first.info
  for (const { record, info } of rest) {
    // the record starts on the line after the previous one ended, past any empty lines between
    const line = previous.lines + (info.empty_lines - previous.empty_lines) + 1
    previous = info
    if (record.length !== header.length) {
      rows.push({ line, problem: `the row has ${record.length} cells and the header ${header.length}; check its quoting and separators` })
      continue
    }
    // no prototype: a header named __proto__ or constructor is a column like any other
    const cells: Record<string, string> = Object.create(null) as Record<string, string>
    header.forEach((h, i) => (cells[h] = record[i]!))
    rows.push({ line, cells })
  }
  return { header, rows: rows.sort((a, b) => a.line - b.line) }
}
