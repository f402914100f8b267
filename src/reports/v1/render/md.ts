/**
 * Report version 1 (frozen, rules 13 and 22): kept byte for byte so that the snapshots it rendered
 * re-render to their recorded hash. Never edit it; change the newest renderer in `src/reports/render/`.
 *
 * Markdown rendering of the overview and the confidential list: a title, the confidentiality
 * heading where it applies, one table, the trailer and the content-hash line.
 */
import { withContentHash } from '../../render/content-hash.js'
import { escapeMarkdown } from '../../render/escape.js'
import type { TableDocumentV1 as TableDocument } from './document.js'

/** The trailer and content-hash line every Markdown rendering ends with. */
const markdownTrailer = (body: string, trailer: ReadonlyArray<readonly [string, string]>, hashLabel: string): string =>
  withContentHash(
    body + '\n---\n\n' + trailer.map(([label, value]) => `- ${escapeMarkdown(label)}: ${escapeMarkdown(value)}\n`).join('') + '\n',
    (hex) => `${escapeMarkdown(hashLabel)}: \`${hex}\``,
  )

/** A Markdown table row. */
const markdownRow = (cells: ReadonlyArray<string>): string => `| ${cells.map(escapeMarkdown).join(' | ')} |\n`

/**
 * Renders a table document as Markdown.
 *
 * @example
 * renderMarkdown(tableOf(list, 'nl', checkpoint)).startsWith('# VERTROUWELIJK') // true
 */
export const renderMarkdownV1 = (doc: TableDocument): string => {
  let out = ''
  if (doc.confidential) out += `# ${doc.labels.confidential}\n\n`
  out += `${doc.confidential ? '##' : '#'} ${escapeMarkdown(doc.title)}\n\n`
  if (doc.note !== null) out += `${escapeMarkdown(doc.note)}\n\n`
  out += `${escapeMarkdown(doc.caption)}\n\n`
  if (doc.rows.length === 0) out += `${escapeMarkdown(doc.labels.noRows)}\n`
  else {
    out += markdownRow(doc.columns)
    out += `|${doc.columns.map((_, i) => (i === doc.columns.length - 1 && doc.rows.every((r) => /^\d+$/.test(r[i]!)) ? ' ---: ' : ' --- ')).join('|')}|\n`
    for (const r of doc.rows) out += markdownRow(r)
  }
  return markdownTrailer(out, doc.trailer, doc.labels.contentHash)
}
