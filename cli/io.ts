/** Reading input files and writing output for the command line. */
import { usage } from './errors.js'

/** Writes a line to standard output. */
export const println = (line: string): void => {
  process.stdout.write(line + '\n')
}

/**
 * Parses a whole number option, at most `max` (default: the largest exact integer, 2^53 - 1);
 * anything else is a usage error naming the option.
 *
 * @example
 * program.option('--years <n>', 'years', wholeNumber('--years', 200))
 */
export const wholeNumber = (option: string, max = Number.MAX_SAFE_INTEGER) => (value: string): number => {
  if (!/^\d+$/.test(value)) throw usage(`${option} takes a whole number, got "${value}"`)
  const n = Number(value)
  if (n > max) throw usage(`${option} takes a whole number up to ${max}, got ${value.length > 30 ? `${value.slice(0, 30)}…` : value}`)
  return n
}
