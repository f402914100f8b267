/**
 * The content-hash line every rendering ends with, and how to check it from the bytes alone.
 *
 * Definition: the last line of a rendering (the bytes after the last line break but one; the
 * rendering ends with a line break) holds, as 64 lowercase hex digits, the SHA-256 of every byte
 * before that line, i.e. of the rendering up to and including the line break that precedes its
 * last line. With standard tools: `head -n -1 FILE | sha256sum`.
 * (The content hash a snapshot records is different: the SHA-256 of the whole rendering,
 * `sha256sum FILE`.)
 */
import { createHash } from 'node:crypto'

/** Hex SHA-256 of a text's UTF-8 bytes. @example sha256Hex('') // 'e3b0c442…' */
export const sha256Hex = (text: string | Uint8Array): string => createHash('sha256').update(text).digest('hex')

/**
 * Ends a rendering with its content-hash line: `body` must end with a line break; `line` makes
 * the last line from the hex hash of `body`; the result ends with `eol`.
 *
 * @example
 * withContentHash('a\n', (h) => `hash: ${h}`) // 'a\nhash: 5bb1…\n'
 */
export const withContentHash = (body: string, line: (hex: string) => string, eol = '\n'): string => {
  if (!body.endsWith('\n')) throw new TypeError('a rendering body must end with a line break before its content-hash line')
  return `${body}${line(sha256Hex(body))}${eol}`
}

/**
 * Checks a rendering's content-hash line against the bytes before it.
 *
 * @example
 * checkContentHash(readFileSync('overview.html')) // true
 */
export const checkContentHash = (bytes: Uint8Array | string): boolean => {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes)
  if (buf.length === 0 || buf[buf.length - 1] !== 0x0a) return false
  const start = buf.lastIndexOf(0x0a, buf.length - 2) + 1
  if (start === 0) return false
  const found = /\b([0-9a-f]{64})\b/.exec(buf.subarray(start).toString('utf8'))
  return found !== null && found[1] === sha256Hex(buf.subarray(0, start))
}
