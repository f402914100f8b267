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

/** The business date of an instant: a pure function, defined in `src/domain/dates.ts`. */
export { businessDateOf } from '../domain/dates.js'
