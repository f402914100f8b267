/**
 * Long dates as people write them ("15 januari 2024", "15 January 2024"), from `YYYY-MM-DD`,
 * by table: no locale and no `Intl`, so a rendering's bytes are the same on every machine.
 */
import type { Language } from '../../domain/values.js'

const MONTHS: Readonly<Record<Language, ReadonlyArray<string>>> = {
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * A date `YYYY-MM-DD` written out in a language: day without a leading zero, the month's name,
 * the year. Anything that is not such a date is returned as it is.
 *
 * @example
 * longDate('2024-01-15', 'nl') // '15 januari 2024'
 * longDate('2024-03-01', 'en') // '1 March 2024'
 */
export const longDate = (date: string, language: Language): string => {
  const m = ISO_DATE.exec(date)
  if (m === null) return date
  const month = MONTHS[language][Number(m[2]) - 1]
  return month === undefined ? date : `${Number(m[3])} ${month} ${m[1]}`
}

/** Whether a text is exactly one `YYYY-MM-DD` date (a table cell to write out). @example isDateCell('2024-01-15') // true */
export const isDateCell = (text: string): boolean => ISO_DATE.test(text)
