/**
 * Rule 6, the end an exclusion gives a partnership: an exclusion ends a partnership on the
 * exclusion's date, also when the partnership was entered after the exclusion and also when an
 * end was already recorded after that date. A partnership's effective end is the earliest of its
 * recorded end and the first exclusion date inside it. Pure and import-free, so the state's
 * evolve and the report folds read the rule from one place.
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
 * A partnership's effective end (rule 6): the earliest of its recorded end and the first
 * exclusion date inside it; undefined while neither exists.
 *
 * @example
 * effectiveEnd('2023-01-01', '2024-12-31', ['2022-05-01', '2024-06-01']) // '2024-06-01'
 * effectiveEnd('2023-01-01', undefined, []) // undefined
 */
export const effectiveEnd = (startedOn: string, recordedEnd: string | undefined, exclusionDates: ReadonlyArray<string>): string | undefined =>
  exclusionDates.reduce<string | undefined>((end, on) => (exclusionEnds({ startedOn, ...(end !== undefined ? { ended: { endedOn: end } } : {}) }, on) ? on : end), recordedEnd)
