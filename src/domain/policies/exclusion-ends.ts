/**
 * Rule 6, the end an exclusion gives a partnership: an exclusion ends a partnership on the
 * exclusion's date, also when the partnership was entered after the exclusion and also when an
 * end was already recorded after that date. A partnership's effective end is the earliest of its
 * recorded end and the first exclusion date inside it (its start, for an exclusion dated before
 * it but recorded after it: an end never lies before a start). Pure and import-free, so the
 * state's evolve and the report folds read the rule from one place.
 */

/** What the rule needs of a partnership: its start and, if any, its end so far. */
export interface PartnershipSpan {
  readonly startedOn: string
  readonly ended?: { readonly endedOn: string }
}

/**
 * Whether an exclusion dated `on` ends a partnership there (rule 6): the date lies inside the
 * partnership (on or after its start) and before the end it has so far.
 *
 * @example
 * exclusionEnds({ startedOn: '2023-01-01', ended: { endedOn: '2024-12-31' } }, '2024-06-01') // true
 * exclusionEnds({ startedOn: '2023-01-01', ended: { endedOn: '2024-03-01' } }, '2024-06-01') // false
 */
export const exclusionEnds = (p: PartnershipSpan, on: string): boolean => p.startedOn <= on && (p.ended === undefined || p.ended.endedOn > on)

/**
 * The date an exclusion decided on `on`, recorded after the partnership, ends it (rule 6), or
 * undefined when it does not: on the exclusion's date, or on the partnership's start when the
 * exclusion is dated before it (an end never lies before a start, as `endOpenPartnerships`
 * does), and only when that is before the end the partnership has so far.
 *
 * @example
 * exclusionEndOf({ startedOn: '2023-01-01', ended: { endedOn: '2025-03-31' } }, '2024-06-01') // '2024-06-01'
 * exclusionEndOf({ startedOn: '2024-09-01', ended: { endedOn: '2025-03-31' } }, '2024-06-01') // '2024-09-01'
 * exclusionEndOf({ startedOn: '2023-01-01', ended: { endedOn: '2024-03-31' } }, '2024-06-01') // undefined
 */
export const exclusionEndOf = (p: PartnershipSpan, on: string): string | undefined => {
  const at = on < p.startedOn ? p.startedOn : on
  return p.ended === undefined || p.ended.endedOn > at ? at : undefined
}
