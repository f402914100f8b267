/**
 * Report version 1 (frozen, rules 13 and 22): kept byte for byte so that the snapshots it rendered
 * re-render to their recorded hash. Never edit it; change the newest renderer in `src/reports/render/`.
 *
 * CSV rendering: UTF-8, CRLF line ends, RFC 4180 quoting, every cell made inert for spreadsheets.
 * The confidential list's first row is the `VERTROUWELIJK` marker; the header row follows. The
 * trailer rows and the content-hash row end it (see `content-hash.ts`).
 * Written by hand: the maintained `csv-stringify` is not a dependency of this package, and
 * RFC 4180 quoting is a few lines; tests check it against `csv-parse`.
 */
import { withContentHash } from '../../render/content-hash.js'
import { csvCell } from '../../render/escape.js'
import type { TableDocumentV1 as TableDocument } from './document.js'

const EOL = '\r\n'

/**
 * Renders a table document as CSV.
 *
 * @example
 * renderCsv(tableOf(overview, 'nl', checkpoint)).split('\r\n')[0] // 'Id,Organisatie,Soort,…'
 */
export const renderCsvV1 = (doc: TableDocument): string => {
  const width = doc.columns.length + 1
  const row = (cells: ReadonlyArray<string>) => [...cells, ...Array<string>(Math.max(0, width - cells.length)).fill('')].map(csvCell).join(',') + EOL
  let out = ''
  if (doc.confidential) out += row([doc.labels.confidential])
  out += row(['Id', ...doc.columns])
  doc.rows.forEach((r, i) => (out += row([doc.ids[i]!, ...r])))
  for (const [label, value] of doc.trailer) out += row([`# ${label}`, value])
  return withContentHash(out, (hex) => row([`# ${doc.labels.contentHash}`, hex]).slice(0, -EOL.length), EOL)
}
