/**
 * The mapping format: how the columns of a spreadsheet export become the register's contacts.
 * A mapping is a JSON file (or a built-in name); this codec is the one source of its type, so a
 * bad mapping is refused with a message that names the field and what was expected.
 *
 * ```json
 * {
 *   "description": "UK ministerial meetings",
 *   "columns": { "occurredOn": "date", "organisations": "organisation", "subject": "purpose", "officials": "rep_new" },
 *   "dateFormat": "DD/MM/YYYY",
 *   "separators": { "organisations": "," },
 *   "defaults": { "category": "incidental", "form": "meeting", "themes": [] },
 *   "organisationKind": "other",
 *   "filters": [{ "column": "portal_source", "in": ["UK Government"] }],
 *   "longText": "reject",
 *   "screening": "persons-as-key-figures",
 *   "screeningOverrides": { "persons": ["Solicitors Regulation Authority CEO Paul Philip"], "organisations": ["John Deere"] }
 * }
 * ```
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { closed, describeProblems, problemsOf } from '../domain/codec.js'
import { ContactCategory, ContactForm, NonEmptyString, OrganisationKind, Theme, nonEmptyArray } from '../domain/values.js'
import { DATE_FORMATS, type DateFormat } from './dates.js'

// ---------------------------------------------------------------------------------------------
// model

const keys = <K extends string>(name: string, values: readonly K[]) =>
  t.keyof(Object.fromEntries(values.map((v) => [v, null])) as Record<K, null>, name)

/** A column of the file, by its header text. */
const Column = NonEmptyString
/** A separator between the values of a multi-valued cell, such as `,` or `;`. */
const Separator = t.refinement(t.string, (s) => s.length > 0 && s.length <= 10, 'Separator')

export const MappingColumns = closed(
  'columns',
  { occurredOn: Column, organisations: Column },
  {
    /** One column, or several joined with `subjectJoin` (empty cells left out). */
    subject: t.union([Column, nonEmptyArray(Column)]),
    officials: Column,
    /** A column whose values are persons: each becomes a sealed key figure, never an organisation. */
    persons: Column,
    form: Column,
    themes: Column,
    category: Column,
  },
)

export const MappingSeparators = closed('separators', {}, { organisations: Separator, officials: Separator, themes: Separator, persons: Separator })

export const MappingDefaults = closed(
  'defaults',
  {},
  { category: ContactCategory, form: ContactForm, themes: t.readonlyArray(Theme) },
)

/** Cell texts translated to the register's values; matched case- and accent-insensitively. */
export const MappingValues = closed(
  'values',
  {},
  { form: t.record(t.string, ContactForm), category: t.record(t.string, ContactCategory), themes: t.record(t.string, Theme) },
)

/** Keeps a row only when its cell is one of `in` / none of `notIn` (compared case- and accent-insensitively). */
export const MappingFilter = closed('filter', { column: Column }, { in: nonEmptyArray(t.string), notIn: nonEmptyArray(t.string) })

/**
 * What the import does with a value of an organisation column that the name screening finds
 * person-like: register it as key figures (sealed), refuse the row, or take it as an organisation.
 */
export const SCREENING_POLICIES = ['persons-as-key-figures', 'refuse', 'off'] as const
export type ScreeningPolicy = (typeof SCREENING_POLICIES)[number]

/** Values of organisation columns the screening gets wrong, named by hand (matched as names are). */
export const MappingScreeningOverrides = closed('screeningOverrides', {}, { persons: t.readonlyArray(t.string), organisations: t.readonlyArray(t.string) })

/** What to do with a text longer than the register's 2,000 characters. */
export const LONG_TEXT_POLICIES = ['reject', 'truncate'] as const
export type LongTextPolicy = (typeof LONG_TEXT_POLICIES)[number]

export const Mapping = closed(
  'Mapping',
  { columns: MappingColumns, dateFormat: keys('DateFormat', DATE_FORMATS) },
  {
    description: t.string,
    separators: MappingSeparators,
    subjectJoin: t.string,
    defaults: MappingDefaults,
    values: MappingValues,
    organisationKind: OrganisationKind,
    filters: t.readonlyArray(MappingFilter),
    longText: keys('LongTextPolicy', LONG_TEXT_POLICIES),
    screening: keys('ScreeningPolicy', SCREENING_POLICIES),
    screeningOverrides: MappingScreeningOverrides,
  },
)
export type Mapping = t.TypeOf<typeof Mapping>
/** A mapping as JSON, as a file holds it. */
export type MappingJson = t.OutputOf<typeof Mapping>

/** A mapping with every default filled in: what the import works from. */
export interface ResolvedMapping {
  readonly columns: Mapping['columns']
  readonly dateFormat: DateFormat
  readonly separators: { readonly organisations: string; readonly officials: string; readonly themes: string; readonly persons: string }
  readonly subjectJoin: string
  readonly defaults: { readonly category: t.TypeOf<typeof ContactCategory>; readonly form: t.TypeOf<typeof ContactForm>; readonly themes: ReadonlyArray<t.TypeOf<typeof Theme>> }
  readonly values: NonNullable<Mapping['values']>
  readonly organisationKind: t.TypeOf<typeof OrganisationKind>
  readonly filters: NonNullable<Mapping['filters']>
  readonly longText: LongTextPolicy
  readonly screening: ScreeningPolicy
  readonly screeningOverrides: { readonly persons: ReadonlyArray<string>; readonly organisations: ReadonlyArray<string> }
}

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * Decodes a mapping from parsed JSON and fills in its defaults: category `incidental`, form
 * `meeting`, no themes, separators `,` (officials `;`), organisation kind `other`, long texts
 * refused, person-like values in organisation columns refused (`"screening": "refuse"`). A bad mapping is a Left whose message names each field and what was expected.
 *
 * @example
 * const m = decodeMapping(JSON.parse(text))
 * if (E.isLeft(m)) console.error(m.left) // "columns.occurredOn: expected a non-empty string"
 */
export const decodeMapping = (u: unknown): E.Either<string, ResolvedMapping> => {
  const decoded = Mapping.decode(u)
  if (E.isLeft(decoded)) return E.left(describeProblems(problemsOf(decoded.left)))
  const m = decoded.right
  const badFilter = (m.filters ?? []).findIndex((f) => (f.in === undefined) === (f.notIn === undefined))
  if (badFilter >= 0) return E.left(`filters.${badFilter}: expected exactly one of "in" or "notIn"`)
  return E.right({
    columns: m.columns,
    dateFormat: m.dateFormat,
    separators: { organisations: ',', officials: ';', themes: ',', persons: ';', ...m.separators },
    subjectJoin: m.subjectJoin ?? ' | ',
    defaults: { category: 'incidental', form: 'meeting', themes: [], ...m.defaults },
    values: m.values ?? {},
    organisationKind: m.organisationKind ?? 'other',
    filters: m.filters ?? [],
    longText: m.longText ?? 'reject',
    screening: m.screening ?? 'refuse',
    screeningOverrides: { persons: [], organisations: [], ...m.screeningOverrides },
  })
}

/**
 * Every column a mapping reads, with the mapping field that names it (to check against a header).
 *
 * @example
 * columnsOf(mapping) // [['columns.occurredOn', 'date'], ['columns.organisations', 'lobbyists'], …]
 */
export const columnsOf = (m: ResolvedMapping): ReadonlyArray<readonly [field: string, column: string]> => {
  const out: Array<readonly [string, string]> = []
  for (const [field, value] of Object.entries(m.columns)) {
    if (value === undefined) continue
    if (typeof value === 'string') out.push([`columns.${field}`, value])
    else (value as ReadonlyArray<string>).forEach((c, i) => out.push([`columns.${field}.${i}`, c]))
  }
  m.filters.forEach((f, i) => out.push([`filters.${i}.column`, f.column]))
  return out
}
