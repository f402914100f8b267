/**
 * Retention (rule 9): key figures are erased a set time after their last contact. A pure function
 * of the state and today's date; the command line turns its answer into erasures.
 */
import type { RegisterState } from '../domain/state.js'

/** How long a key figure's data is kept after the last contact with them. */
export interface RetentionPolicy {
  readonly years: number
}

/** The default policy: five years after the last contact. */
export const DEFAULT_RETENTION: RetentionPolicy = { years: 5 }

/** A key figure past the policy, with the date it became due. */
export interface RetentionDue {
  readonly personId: string
  /** The last contact with them, or the date they were registered when there was none. */
  readonly lastActivityOn: string
  readonly dueOn: string
}

const addYears = (date: string, years: number): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  // 29 February plus whole years falls on 28 February in a common year
  const target = new Date(Date.UTC(y + years, m - 1, d))
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0)
  return target.toISOString().slice(0, 10)
}

/**
 * The key figures whose data the policy says must be erased on `today`: not erased yet, and the
 * last contact with them (or their registration) lies `years` or more before today.
 *
 * @example
 * dueForErasure(state, '2031-01-01', DEFAULT_RETENTION).map((d) => d.personId)
 */
export const dueForErasure = (state: RegisterState, today: string, policy: RetentionPolicy = DEFAULT_RETENTION): ReadonlyArray<RetentionDue> =>
  Object.values(state.persons)
    .filter((p) => p.erased === undefined)
    .map((p) => {
      const lastActivityOn = p.lastContactOn ?? p.recordedAt.slice(0, 10)
      return { personId: p.personId, lastActivityOn, dueOn: addYears(lastActivityOn, policy.years) }
    })
    .filter((d) => d.dueOn <= today)
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.personId < b.personId ? -1 : 1))
