/** Business dates: the calendar date of an instant in the ministry's time zone. Pure, no clock. */

const AMSTERDAM = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** The last minute asked for and its date (see `businessDateOf`). */
let last = { minute: Number.NaN, date: '' }

/**
 * The calendar date of an instant in the ministry's time zone (Europe/Amsterdam), `YYYY-MM-DD`.
 * Independent of the process's TZ and locale.
 *
 * @example
 * businessDateOf(new Date('2024-12-31T23:30:00Z')) // '2025-01-01'
 */
export const businessDateOf = (instant: Date): string => {
  // a calendar date in a zone whose offsets are whole minutes changes only on a minute boundary,
  // so the last minute's answer holds for every instant in it (formatting costs microseconds)
  const minute = Math.floor(instant.getTime() / 60_000)
  if (minute === last.minute) return last.date
  const parts = AMSTERDAM.formatToParts(instant)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  const date = `${get('year')}-${get('month')}-${get('day')}`
  last = { minute, date }
  return date
}
