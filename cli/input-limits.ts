/**
 * Bounds on what `exec` and `import` read (issue 14: `exec /dev/zero` grew to 4.3 GB, invalid
 * UTF-8 was stored as U+FFFD, a 1,500-deep array reached the store, a BOM gave "Unexpected
 * token"). Input is strict UTF-8 (a byte-order mark at the start is dropped; a bad sequence is
 * refused naming its line and byte offset), lines are at most `MAX_LINE_BYTES` long, the whole
 * input at most `MAX_INPUT_BYTES`, and a JSON line nests at most `MAX_JSON_DEPTH` deep, checked
 * before `JSON.parse` builds anything.
 */
import { closeSync, openSync, readSync } from 'node:fs'
import { usage } from './errors.js'

/** The longest line `exec` reads, in bytes (256 KiB: a command's texts are capped far below it). */
export const MAX_LINE_BYTES = 256 * 1024
/** The largest input `exec` or `import` reads, in bytes (512 MiB). */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024
/** The deepest nesting of arrays and objects in one command line (a command nests 4 deep). */
export const MAX_JSON_DEPTH = 32

/** Where a byte sequence stops being UTF-8: the byte offset in the input (from 0), the line and the byte in that line (both from 1). */
export interface Utf8Problem {
  readonly offset: number
  readonly line: number
  readonly column: number
}

/**
 * The first byte that is not strict UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
 * above U+10FFFF, no cut-off sequence), or undefined when all of it is.
 *
 * @example
 * utf8Problem(Buffer.from([0x7b, 0xff])) // { offset: 1, line: 1, column: 2 }
 */
export const utf8Problem = (bytes: Uint8Array): Utf8Problem | undefined => {
  let line = 1
  let lineStart = 0
  const at = (offset: number): Utf8Problem => ({ offset, line, column: offset - lineStart + 1 })
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!
    if (b < 0x80) {
      if (b === 0x0a) (line++, (lineStart = i + 1))
      i++
      continue
    }
    let need: number
    let min: number
    if (b >= 0xc2 && b <= 0xdf) (need = 1), (min = 0x80)
    else if (b >= 0xe0 && b <= 0xef) (need = 2), (min = 0x800)
    else if (b >= 0xf0 && b <= 0xf4) (need = 3), (min = 0x10000)
    else return at(i)
    let cp = b & (0x3f >> need)
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) return at(i)
      cp = (cp << 6) | (c & 0x3f)
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return at(i)
    i += need + 1
  }
  return undefined
}

/**
 * Decodes strict UTF-8, dropping a byte-order mark at the start; refuses (exit 2) input that is
 * not UTF-8, naming `name`, the line and the byte offset.
 *
 * @example
 * const text = decodeStrict(bytes, 'commands.jsonl')
 */
export const decodeStrict = (bytes: Uint8Array, name: string, fix = 'save it as UTF-8 and run again'): string => {
  const problem = utf8Problem(bytes)
  if (problem !== undefined)
    throw usage(`${name} is not UTF-8 text: line ${problem.line}, byte ${problem.column} of the line (offset ${problem.offset} in the file) starts no valid UTF-8 character; ${fix}; nothing was read from it`)
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.length - start).toString('utf8')
}

/**
 * Reads a file (or standard input for `-` or no file) in pieces, refusing (exit 2) before it is
 * all in memory a line longer than `maxLine` bytes or an input larger than `maxInput` bytes.
 *
 * @example
 * const bytes = readBounded('commands.jsonl')
 */
export const readBounded = (file: string | undefined, { maxLine = MAX_LINE_BYTES, maxInput = MAX_INPUT_BYTES } = {}): Buffer => {
  const name = file === undefined || file === '-' ? 'standard input' : file
  const failed = (e: unknown) => usage(`cannot read ${name} (${(e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e))}); check the path and its permissions`)
  let fd: number
  try {
    fd = file === undefined || file === '-' ? 0 : openSync(file, 'r')
  } catch (e) {
    throw failed(e)
  }
  const chunks: Buffer[] = []
  let total = 0
  let line = 1
  let lineBytes = 0
  try {
    const chunk = Buffer.alloc(1024 * 1024)
    for (;;) {
      let n: number
      try {
        n = readSync(fd, chunk, 0, chunk.length, null)
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue
        if ((e as NodeJS.ErrnoException).code === 'EOF') break
        throw failed(e)
      }
      if (n === 0) break
      for (let i = 0; i < n; i++) {
        if (chunk[i] === 0x0a) (line++, (lineBytes = 0))
        else if (++lineBytes > maxLine) throw usage(`${name}: line ${line} is longer than ${maxLine.toLocaleString('en')} bytes (the limit of one command); nothing was read from it`)
      }
      total += n
      if (total > maxInput) throw usage(`${name} is larger than ${maxInput.toLocaleString('en')} bytes; split it into smaller files; nothing was read from it`)
      chunks.push(Buffer.from(chunk.subarray(0, n)))
    }
  } finally {
    if (fd !== 0) closeSync(fd)
  }
  return Buffer.concat(chunks)
}

/**
 * Whether a JSON text nests arrays and objects deeper than `max`, counted without parsing it
 * (brackets inside strings do not count).
 *
 * @example
 * nestsDeeperThan('[[[1]]]', 2) // true
 */
export const nestsDeeperThan = (text: string, max: number = MAX_JSON_DEPTH): boolean => {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true
    } else if (c === 0x5d || c === 0x7d) depth--
  }
  return false
}
