/**
 * Report version 1 (frozen, rules 13 and 22): kept byte for byte so that the snapshots it rendered
 * re-render to their recorded hash. Never edit it; change the newest renderer in `src/reports/render/`.
 *
 * HTML rendering: one self-contained page (no scripts, no external resources; a Content Security
 * Policy forbids them), an accessible table (caption, column and row header cells with scope),
 * print styles, and every text escaped with bidirectional controls shown and names isolated
 * (`<bdi>`). The confidential list carries `VERTROUWELIJK` at the top and, in print, on every
 * page (a fixed header that the browser repeats on each printed page, and the `@page` margin).
 */
import { withContentHash } from '../../render/content-hash.js'
import { escapeHtml } from '../../render/escape.js'
import type { TableDocumentV1 as TableDocument } from './document.js'

const STYLE = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1a1a1a; line-height: 1.4; }
h1 { font-size: 1.4rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
caption { text-align: left; font-weight: 600; padding: 0.4rem 0; }
th, td { border: 1px solid #9a9a9a; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #e8eef4; }
tbody th { font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
bdi { unicode-bidi: isolate; white-space: pre-wrap; }
footer { margin-top: 2rem; font-size: 0.85rem; color: #333; }
footer dt { font-weight: 600; }
footer dd { margin: 0 0 0.4rem 0; font-family: ui-monospace, monospace; word-break: break-all; }
.confidential { border: 3px solid #b00020; color: #b00020; font-weight: 700; text-align: center; letter-spacing: 0.2em; padding: 0.4rem; }
.print-only { display: none; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  thead { display: table-header-group; }
  tr, th, td { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`

const CONFIDENTIAL_PRINT = `
@page { margin: 2.2cm 1.5cm 1.5cm 1.5cm; @top-center { content: "VERTROUWELIJK"; color: #b00020; font-weight: 700; letter-spacing: 0.2em; } }
@media print {
  .print-only { display: block; position: fixed; top: 0; left: 0; right: 0; }
  .screen-only { display: none; }
  main { margin-top: 2.5rem; }
}
`

const PUBLIC_PRINT = `@page { margin: 1.5cm; }\n`

/**
 * Renders a table document as one self-contained HTML page.
 *
 * @example
 * renderHtml(tableOf(overview, 'nl', checkpoint)) // '<!DOCTYPE html>\n<html lang="nl">…'
 */
export const renderHtmlV1 = (doc: TableDocument): string => {
  const e = escapeHtml
  const numeric = doc.columns.map((_, i) => doc.rows.length > 0 && doc.rows.every((r) => /^\d+$/.test(r[i]!)))
  let out = '<!DOCTYPE html>\n'
  out += `<html lang="${doc.language}">\n<head>\n<meta charset="utf-8">\n`
  out += `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'">\n`
  out += `<meta name="viewport" content="width=device-width, initial-scale=1">\n`
  if (doc.confidential) out += `<meta name="robots" content="noindex, nofollow">\n`
  out += `<title>${doc.confidential ? `${e(doc.labels.confidential)}: ` : ''}${e(doc.title)}</title>\n`
  out += `<style>${STYLE}${doc.confidential ? CONFIDENTIAL_PRINT : PUBLIC_PRINT}</style>\n</head>\n<body>\n`
  if (doc.confidential) {
    out += `<div class="confidential print-only" aria-hidden="true">${e(doc.labels.confidential)}</div>\n`
    out += `<p class="confidential screen-only" role="note">${e(doc.labels.confidential)}</p>\n`
  }
  out += `<main>\n<h1>${e(doc.title)}</h1>\n`
  if (doc.note !== null) out += `<p>${e(doc.note)}</p>\n`
  out += `<table>\n<caption>${e(doc.caption)}</caption>\n<thead>\n<tr>${doc.columns.map((c) => `<th scope="col">${e(c)}</th>`).join('')}</tr>\n</thead>\n<tbody>\n`
  if (doc.rows.length === 0) out += `<tr><td colspan="${doc.columns.length}">${e(doc.labels.noRows)}</td></tr>\n`
  for (const r of doc.rows)
    out += `<tr><th scope="row"><bdi>${e(r[0]!)}</bdi></th>${r
      .slice(1)
      .map((cell, i) => `<td${numeric[i + 1] ? ' class="num"' : ''}><bdi>${e(cell)}</bdi></td>`)
      .join('')}</tr>\n`
  out += `</tbody>\n</table>\n</main>\n<footer>\n<dl>\n`
  for (const [label, value] of doc.trailer) out += `<dt>${e(label)}</dt><dd>${e(value)}</dd>\n`
  out += `</dl>\n`
  return withContentHash(out, (hex) => `<p>${e(doc.labels.contentHash)}: <code id="content-hash">${hex}</code></p></footer></body></html>`)
}
