/**
 * One spreadsheet row read through a mapping: the contact it describes, left out by a filter, or
 * the reasons it cannot be read. Pure: the file itself is read by the command line.
 */
import {
  CONTACT_CATEGORIES,
  CONTACT_FORMS,
  THEMES,
  isWellFormed,
  type ContactCategory,
  type ContactForm,
  type Theme,
} from '../domain/values.js'
import * as E from 'fp-ts/lib/Either.js'
import { parseDate } from './dates.js'
import type { ResolvedMapping } from './mapping.js'
import { normaliseName, tidyName } from './normalise.js'
import { screenName, type Screening } from './screening.js'

// ---------------------------------------------------------------------------------------------
// model

/** The register's limit on every text (NonEmptyString). */
export const MAX_TEXT = 2000

/** A contact as a row describes it, before organisations are matched to the register. */
export interface ContactRow {
  readonly line: number
  readonly occurredOn: string
  /**
   * Each value of the organisation column once, by the name first written in the row and its
   * normalised key; those the screening took as persons are in `screened` too, and the plan
   * leaves them out (unless the register knows an organisation of that name).
   */
  readonly organisations: ReadonlyArray<{ readonly name: string; readonly key: string }>
  /** Each person of the persons column once, by name and normalised key (the screened values' persons are in `screened`). */
  readonly persons: ReadonlyArray<{ readonly name: string; readonly key: string }>
  /** Values of organisation columns the screening (or an override) classed as persons, for the dry run's list. */
  readonly screened: ReadonlyArray<ScreenedValue>
  readonly subject?: string
  readonly officials: ReadonlyArray<string>
  readonly form: ContactForm
  readonly category: ContactCategory
  readonly themes: ReadonlyArray<Theme>
  /** The columns whose text was cut to 2,000 characters (only with `"longText": "truncate"`). */
  readonly truncated: ReadonlyArray<string>
}

/** A value of an organisation column taken as persons, with why. */
export interface ScreenedValue {
  readonly value: string
  readonly persons: ReadonlyArray<string>
  readonly reasons: ReadonlyArray<string>
  /** The organisation column it is in. */
  readonly column: string
  /** With `"screening": "refuse"`: the row is refused unless the register knows an organisation of this name. */
  readonly refused: boolean
}

export type RowOutcome =
  | { readonly _tag: 'Row'; readonly row: ContactRow }
  | { readonly _tag: 'Filtered'; readonly line: number }
  | { readonly _tag: 'Unreadable'; readonly line: number; readonly reason: string }

/** A row's cells by column header. */
export type Cells = Readonly<Record<string, string | undefined>>

// ---------------------------------------------------------------------------------------------
// utils

// C0 controls but tab, line feed and carriage return have no place in a register (see values.ts)
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/

const lookup = <V extends string>(allowed: ReadonlyArray<V>, table: Readonly<Record<string, V>> | undefined) => {
  const map = new Map<string, V>()
  for (const v of allowed) map.set(normaliseName(v), v)
  for (const [k, v] of Object.entries(table ?? {})) map.set(normaliseName(k), v)
  return map
}

const split = (cell: string, separator: string): string[] =>
  cell
    .split(separator)
    .map(tidyName)
    .filter((s) => s !== '')

/** Cuts a text to `MAX_TEXT` characters, the last one an ellipsis, never splitting a surrogate pair. @example truncateText('x'.repeat(2500)).length // 2000 */
export const truncateText = (s: string): string => {
  if (s.length <= MAX_TEXT) return s
  let cut = s.slice(0, MAX_TEXT - 1)
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1)
  return cut + '…'
}

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * Makes the row reader of a mapping: `(cells, line) => RowOutcome`. Every problem of a row is
 * named in its reason, with the column it is in.
 *
 * @example
 * const read = rowReader(mapping)
 * read({ date: '27-10-2021', lobbyists: 'Terumo Europe', title: 'pancreatic cancer' }, 2)
 * // { _tag: 'Row', row: { line: 2, occurredOn: '2021-10-27', organisations: [{ name: 'Terumo Europe', … }], … } }
 */
export const rowReader = (m: ResolvedMapping): ((cells: Cells, line: number) => RowOutcome) => {
  const forms = lookup(CONTACT_FORMS, m.values.form)
  const categories = lookup(CONTACT_CATEGORIES, m.values.category)
  const themes = lookup(THEMES, m.values.themes)
  const filters = m.filters.map((f) => ({
    column: f.column,
    keep: f.in !== undefined ? new Set(f.in.map(normaliseName)) : undefined,
    drop: f.notIn !== undefined ? new Set(f.notIn.map(normaliseName)) : undefined,
  }))
  const forcedPersons = new Set(m.screeningOverrides.persons.map(normaliseName))
  const forcedOrganisations = new Set(m.screeningOverrides.organisations.map(normaliseName))
  const screenings = new Map<string, Screening>()
  /** The screening of an organisation column's value, overrides first; `undefined` with screening off. */
  const screen = (value: string, key: string): Screening | undefined => {
    if (forcedOrganisations.has(key)) return undefined
    if (forcedPersons.has(key)) return { kind: 'person', reasons: ['named a person in the mapping (screeningOverrides.persons)'], persons: [value] }
    if (m.screening === 'off') return undefined
    // one answer per spelling: an export names the same organisation on many rows
    let s = screenings.get(value)
    if (s === undefined) screenings.set(value, (s = screenName(value)))
    return s
  }
  const subjectColumns = m.columns.subject === undefined ? [] : typeof m.columns.subject === 'string' ? [m.columns.subject] : m.columns.subject

  return (cells, line) => {
    // own cells only: a column named __proto__ or constructor is a column, not the object's prototype
    const cell = (column: string): string => {
      const v = Object.hasOwn(cells, column) ? cells[column] : undefined
      return typeof v === 'string' ? v : ''
    }
    for (const f of filters) {
      const v = normaliseName(cell(f.column))
      if ((f.keep !== undefined && !f.keep.has(v)) || (f.drop !== undefined && f.drop.has(v))) return { _tag: 'Filtered', line }
    }
    const reasons: string[] = []
    const truncated: string[] = []

    /** A free text: checked for what the register refuses, long ones per the mapping's policy. */
    const text = (value: string, column: string): string | undefined => {
      const v = value.trim()
      if (v === '') return undefined
      if (!isWellFormed(v) || CONTROL.test(v)) {
        reasons.push(`column ${column} holds a control character or broken text; remove it from the file`)
        return undefined
      }
      if (v.length <= MAX_TEXT) return v
      if (m.longText === 'truncate') {
        truncated.push(column)
        return truncateText(v)
      }
      reasons.push(
        `column ${column} is ${v.length} characters long and the register holds at most ${MAX_TEXT}; shorten it in the file, or set "longText": "truncate" in the mapping to cut it`,
      )
      return undefined
    }
    /** A name: never cut, since two names cut to the same prefix would become one. */
    const name = (value: string, column: string): boolean => {
      if (!isWellFormed(value) || CONTROL.test(value)) {
        reasons.push(`column ${column} holds a control character or broken text; remove it from the file`)
        return false
      }
      if (value.length > MAX_TEXT) {
        reasons.push(`column ${column} names one of ${value.length} characters, over the register's ${MAX_TEXT}; is the separator right?`)
        return false
      }
      return true
    }
    const oneOf = <V extends string>(column: string | undefined, table: Map<string, V>, fallback: V, what: string): V => {
      if (column === undefined || cell(column).trim() === '') return fallback
      const v = table.get(normaliseName(cell(column)))
      if (v !== undefined) return v
      reasons.push(`${what} "${tidyName(cell(column))}" in column ${column} is not one of ${[...new Set(table.values())].join(', ')}; add it to "values.${what}" in the mapping`)
      return fallback
    }

    const date = parseDate(cell(m.columns.occurredOn), m.dateFormat)
    if (E.isLeft(date)) reasons.push(`column ${m.columns.occurredOn}: ${date.left}`)

    const organisations: Array<{ name: string; key: string }> = []
    const persons: Array<{ name: string; key: string }> = []
    const screened: ScreenedValue[] = []
    const seen = new Set<string>()
    const seenPersons = new Set<string>()
    const person = (n: string) => {
      const key = normaliseName(n)
      if (seenPersons.has(key)) return
      seenPersons.add(key)
      persons.push({ name: n, key })
    }
    for (const n of split(cell(m.columns.organisations), m.separators.organisations)) {
      const key = normaliseName(n)
      if (seen.has(key) || !name(n, m.columns.organisations)) continue
      seen.add(key)
      const s = screen(n, key)
      if (s?.kind === 'person')
        screened.push({ value: n, persons: s.persons, reasons: s.reasons, refused: m.screening === 'refuse' && !forcedPersons.has(key), column: m.columns.organisations })
      organisations.push({ name: n, key })
    }
    if (m.columns.persons !== undefined)
      for (const n of split(cell(m.columns.persons), m.separators.persons)) if (name(n, m.columns.persons)) person(n)
    if (organisations.length === 0 && persons.length === 0 && cell(m.columns.organisations).trim() === '')
      reasons.push(`column ${m.columns.organisations} names no organisation${m.columns.persons !== undefined ? ` and column ${m.columns.persons} no person` : ''}`)

    const officials = m.columns.officials === undefined ? [] : split(cell(m.columns.officials), m.separators.officials)
    for (const o of officials) name(o, m.columns.officials!)

    const parts = subjectColumns.map((c) => cell(c).trim()).filter((s) => s !== '')
    const subject = parts.length === 0 ? undefined : text(parts.join(m.subjectJoin), subjectColumns.join('+'))

    const form = oneOf(m.columns.form, forms, m.defaults.form, 'form')
    const category = oneOf(m.columns.category, categories, m.defaults.category, 'category')
    let rowThemes: ReadonlyArray<Theme> = m.defaults.themes
    if (m.columns.themes !== undefined && cell(m.columns.themes).trim() !== '') {
      const found = new Set<Theme>()
      for (const v of split(cell(m.columns.themes), m.separators.themes)) {
        const theme = themes.get(normaliseName(v))
        if (theme === undefined) reasons.push(`theme "${v}" in column ${m.columns.themes} is not one of ${THEMES.join(', ')}; add it to "values.themes" in the mapping`)
        else found.add(theme)
      }
      rowThemes = [...found]
    }
    if (category === 'partnership' && subject === undefined) reasons.push('a contact of category partnership needs a subject, and the row has none')

    if (reasons.length > 0 || E.isLeft(date)) return { _tag: 'Unreadable', line, reason: reasons.join('; ') }
    return {
      _tag: 'Row',
      row: {
        line,
        occurredOn: date.right,
        organisations,
        persons,
        screened,
        ...(subject !== undefined ? { subject } : {}),
        officials,
        form,
        category,
        themes: rowThemes,
        truncated,
      },
    }
  }
}
