/** The Clock port: the only way the register learns the time. Tests inject a fixed one. */

/** Gives the current instant. */
export interface Clock {
  readonly now: () => Date
}

/** The machine's clock. @example createLedger({ store, clock: systemClock }) */
export const systemClock: Clock = { now: () => new Date() }

/**
 * A clock that stands still at `iso` (or moves only when told), for tests and replays.
 *
 * @example
 * const clock = fixedClock('2025-06-01T10:00:00Z'); clock.set('2025-06-02T10:00:00Z')
 */
export const fixedClock = (iso: string): Clock & { readonly set: (iso: string) => void } => {
  let at = new Date(iso)
  return { now: () => new Date(at.getTime()), set: (next) => void (at = new Date(next)) }
}

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
