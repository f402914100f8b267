/** Dates as spreadsheets write them, read into the register's `YYYY-MM-DD`. */
import * as E from 'fp-ts/lib/Either.js'
import { isIsoDate } from '../domain/values.js'

/** The date formats a mapping may name. */
export const DATE_FORMATS = ['DD-MM-YYYY', 'DD/MM/YYYY', 'DD.MM.YYYY', 'YYYY-MM-DD', 'YYYY/MM/DD', 'MM/DD/YYYY'] as const
export type DateFormat = (typeof DATE_FORMATS)[number]

const patterns: Record<DateFormat, { readonly re: RegExp; readonly order: readonly ['d' | 'm' | 'y', 'd' | 'm' | 'y', 'd' | 'm' | 'y'] }> = {
  'DD-MM-YYYY': { re: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, order: ['d', 'm', 'y'] },
  'DD/MM/YYYY': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['d', 'm', 'y'] },
  'DD.MM.YYYY': { re: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: ['d', 'm', 'y'] },
  'YYYY-MM-DD': { re: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, order: ['y', 'm', 'd'] },
  'YYYY/MM/DD': { re: /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, order: ['y', 'm', 'd'] },
  'MM/DD/YYYY': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['m', 'd', 'y'] },
}

/**
 * Reads a date cell in the given format; a one-digit day or month is accepted. The answer is a
 * real calendar date or a reason that quotes the cell.
 *
 * @example
 * parseDate('27-10-2021', 'DD-MM-YYYY') // Right('2021-10-27')
 * parseDate('31/02/2012', 'DD/MM/YYYY') // Left('"31/02/2012" is not a real date (format DD/MM/YYYY)')
 */
export const parseDate = (cell: string, format: DateFormat): E.Either<string, string> => {
  const { re, order } = patterns[format]
  const m = re.exec(cell.trim())
  if (m === null) return E.left(cell.trim() === '' ? `the date is empty (format ${format})` : `"${cell.trim()}" is not a date in format ${format}`)
  const parts: Record<string, string> = {}
  order.forEach((k, i) => (parts[k] = m[i + 1]!))
  const iso = `${parts['y']}-${parts['m']!.padStart(2, '0')}-${parts['d']!.padStart(2, '0')}`
  return isIsoDate(iso) ? E.right(iso) : E.left(`"${cell.trim()}" is not a real date (format ${format})`)
}
