/**
 * Making untrusted text inert in each output format: organisation names and programmes come from
 * users and may hold markup, spreadsheet formulas, line breaks or bidirectional controls.
 */

/** Bidirectional controls (and Arabic letter mark): they can make text read differently than it is stored. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g

const codePoint = (ch: string): string => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`

/**
 * Shows bidirectional controls as their code point in brackets, so they cannot reorder the text.
 *
 * @example
 * visibleBidi('a\u202Eb') // 'a[U+202E]b'
 */
export const visibleBidi = (s: string): string => s.replace(BIDI, (ch) => `[${codePoint(ch)}]`)

/**
 * Escapes text for HTML element content and attribute values; bidi controls made visible.
 *
 * @example
 * escapeHtml('<script>') // '&lt;script&gt;'
 */
export const escapeHtml = (s: string): string =>
  visibleBidi(s).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

/**
 * Escapes text for a Markdown table cell: line breaks become spaces, every punctuation
 * character that starts markup inside a line (emphasis, code, links, images, HTML, entities,
 * table cells, math) is backslash-escaped, bidi controls are made visible.
 *
 * @example
 * escapeMarkdown('a|b <i>') // 'a\\|b \\<i\\>'
 */
export const escapeMarkdown = (s: string): string =>
  visibleBidi(s)
    .replace(/\r\n|[\r\n\u2028\u2029\u0085]/g, ' ')
    .replace(/[\\`*_{}[\]<>&!|~$#^]/g, (ch) => `\\${ch}`)

/** Characters a spreadsheet reads as the start of a formula (ASCII and full-width), and tab/CR. */
const FORMULA_START = /^[\s]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/

/**
 * Makes a CSV cell inert for spreadsheets: a cell that begins with `=`, `+`, `-`, `@`, a tab or
 * a carriage return (after any leading spaces) gets a leading `'` (OWASP, "CSV injection").
 *
 * @example
 * inertCell('=HYPERLINK("x")') // "'=HYPERLINK(\"x\")"
 */
export const inertCell = (s: string): string => (FORMULA_START.test(s) ? `'${s}` : s)

/**
 * Quotes a CSV field as RFC 4180 says: fields with a quote, comma, CR or LF are enclosed in
 * double quotes, and quotes inside are doubled.
 *
 * @example
 * quoteCsv('a "b", c') // '"a ""b"", c"'
 */
export const quoteCsv = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)

/** A CSV cell: visible bidi controls, made inert, quoted. @example csvCell('=1+1') // "'=1+1" */
export const csvCell = (s: string): string => quoteCsv(inertCell(visibleBidi(s)))

/**
 * JSON text with bidi controls and line/paragraph separators written as `\uXXXX` escapes: the
 * same values, but a terminal or editor shows them for what they are.
 *
 * @example
 * jsonInert('"a\u202Eb"') // '"a\\u202eb"'
 */
export const jsonInert = (json: string): string =>
  json.replace(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
