/**
 * Retention (rules 10 and 21): key figures are erased a set time after their last contact, and a
 * contact's sealed free texts are redacted a set time after the contact, per category. A pure function
 * of the state and today's date; the command line turns its answer into erasures.
 */
import type { RegisterState } from '../domain/state.js'
import { CONTACT_CATEGORIES, type ContactCategory } from '../domain/values.js'

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

/**
 * How long a contact's sealed free texts (subject, officials, reasons) are kept, in whole years
 * after the contact's date, per category (rule 21). The register itself keeps the contact (who,
 * when, which organisation): only the texts that may name people are redacted.
 */
export interface TextRetentionPolicy {
  readonly years: Readonly<Record<ContactCategory, number>>
}

/**
 * The default: signalling contacts' texts 2 years after the contact (they are never reported and
 * serve current signals only), incidental 5 years (as key figures), partnership 7 years (a
 * partnership's accountability runs past its end; the annual overview needs no text). Chosen for
 * this register, not taken from a selection list: a ministry sets its own from its Archiefwet
 * selection list (README).
 */
export const DEFAULT_TEXT_RETENTION: TextRetentionPolicy = { years: { signalling: 2, incidental: 5, partnership: 7 } }

/** A contact whose sealed texts are past the policy, with the date they became due. */
export interface TextRetentionDue {
  readonly recordId: string
  readonly category: ContactCategory
  readonly occurredOn: string
  readonly dueOn: string
}

/**
 * The contacts whose sealed texts the policy says must be redacted on `today`: texts sealed (plaintext
 * history cannot be redacted), not redacted yet, and the contact's date (as corrected) lies the
 * category's years or more before today.
 *
 * @example
 * dueForRedaction(state, '2031-01-01').map((d) => d.recordId)
 */
export const dueForRedaction = (state: RegisterState, today: string, policy: TextRetentionPolicy = DEFAULT_TEXT_RETENTION): ReadonlyArray<TextRetentionDue> => {
  const sealed = state.sealedTexts ?? {}
  return Object.values(state.contacts)
    .filter((c) => sealed[c.contactId] !== undefined && sealed[c.contactId]!.redacted === undefined)
    .map((c) => ({ recordId: c.contactId, category: c.category, occurredOn: c.occurredOn, dueOn: addYears(c.occurredOn, policy.years[c.category]) }))
    .filter((d) => d.dueOn <= today)
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.recordId < b.recordId ? -1 : 1))
}

/**
 * Reads a text retention policy from `category=years` pairs, the categories left out keeping the default.
 *
 * @example
 * parseTextRetention('partnership=10,signalling=1') // { ok: { years: { signalling: 1, incidental: 5, partnership: 10 } } }
 */
export const parseTextRetention = (spec: string): { readonly ok: TextRetentionPolicy } | { readonly error: string } => {
  const years: Record<ContactCategory, number> = { ...DEFAULT_TEXT_RETENTION.years }
  for (const part of spec.split(',')) {
    const m = /^\s*([a-z]+)\s*=\s*(\d{1,3})\s*$/.exec(part)
    if (m === null || !(CONTACT_CATEGORIES as ReadonlyArray<string>).includes(m[1]!))
      return { error: `"${part}" is not category=years (categories: ${CONTACT_CATEGORIES.join(', ')}; years 0 to 200)` }
    const n = Number(m[2])
    if (n > 200) return { error: `"${part}": years must be 0 to 200` }
    years[m[1] as ContactCategory] = n
  }
  return { ok: { years } }
}
