/** Business dates: the calendar date of an instant in the ministry's time zone. Pure, no clock. */

const AMSTERDAM = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/**
 * The calendar date of an instant in the ministry's time zone (Europe/Amsterdam), `YYYY-MM-DD`.
 * Independent of the process's TZ and locale.
 *
 * @example
 * businessDateOf(new Date('2024-12-31T23:30:00Z')) // '2025-01-01'
 */
export const businessDateOf = (instant: Date): string => {
  const parts = AMSTERDAM.formatToParts(instant)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')}`
}
