/**
 * The built-in mappings, for the public exports in `../shared/data/` (their licences: that
 * folder's README.txt). `contact-ledger import mapping NAME` prints one, to copy and adapt.
 */
import type { MappingJson } from './mapping.js'

/** Values of the EU file's `lobbyists` column that look like persons to the screening but are organisations. */
const EU_ORGANISATIONS_NOT_PERSONS = [
  'John Deere',
  'Frank Bold',
  'Michael Culture',
  'Philip Lee Soliticors',
  'Philip Morris',
  'Tony Chocolonely',
  'Art Athina',
  'Olof Palmecenter',
  'Intesa San Paolo',
  'WWF / Frank Bold',
  'Representatives of Frank Bold',
  'FDSEA Bas Rhin',
  'Lärare från Lars Kaggskolan',
  'Magnus Åbergsgymnasiet',
  'Minister Foreign Affairs/Business/Trade/Climate',
]

/**
 * Values of the EU file's `lobbyists` column that name a person the screening cannot tell (a title
 * of office or a single given name before the name, a surname first before an employer).
 */
const EU_PERSONS_NOT_FOUND = ['Ambassadör Tseng (Taiwan Mission)', 'Lefteris - Solidarity Now', 'Barjiji Abdelkader - Ströer', 'Khalifé Khalifé', 'Laywer Malook', 'Massay-Kosubek Zoltán (EPHA)', 'Tom (Gibson)']

/**
 * EU Integrity Watch: meetings of Members of the European Parliament with interest representatives
 * (ODbL 1.0; attribute "EU Integrity Watch / Parltrack / European Parliament"). Each name in the
 * comma-separated `lobbyists` cell becomes an organisation, or a sealed key figure when the name
 * screening finds it person-like (the file mixes people and organisations in one cell); the MEP is the official; the title is
 * the subject (at most 1,676 characters in the file, so no text is cut).
 */
export const euIntegrityWatchMep: MappingJson = {
  description:
    'EU Integrity Watch: meetings of Members of the European Parliament with interest representatives (ODbL 1.0; EU Integrity Watch / Parltrack / European Parliament)',
  columns: { occurredOn: 'date', organisations: 'lobbyists', subject: 'title', officials: 'mep' },
  dateFormat: 'DD-MM-YYYY',
  separators: { organisations: ',' },
  defaults: { category: 'incidental', form: 'meeting', themes: [] },
  organisationKind: 'other',
  longText: 'reject',
  screening: 'persons-as-key-figures',
  // checked by hand against the file (tests/fixtures/import/eu-persons.txt says how)
  screeningOverrides: {
    persons: EU_PERSONS_NOT_FOUND,
    organisations: EU_ORGANISATIONS_NOT_PERSONS,
  },
}

/**
 * UK Integrity Watch: UK Government ministerial meetings (2012-2016, month-only dates given as the
 * 1st of the month) and Scottish Lobbying Register returns (2023-2024) (OGL v3.0 / ODbL; attribute
 * TI-UK Integrity Watch, UK departments, Scottish Parliament). Each name in the comma-separated
 * `organisation` cell becomes an organisation, or a sealed key figure when the name screening finds
 * it person-like ("Lord Neuberger & Lady Hale" is two); the minister or member is the official; the
 * purpose is the subject (at most 1,454 characters in the file).
 */
export const ukMinisterialMeetings: MappingJson = {
  description:
    'UK Integrity Watch: UK Government ministerial meetings and Scottish Lobbying Register returns (OGL v3.0 / ODbL; TI-UK Integrity Watch, UK departments, Scottish Parliament)',
  columns: { occurredOn: 'date', organisations: 'organisation', subject: 'purpose', officials: 'rep_new' },
  dateFormat: 'DD/MM/YYYY',
  separators: { organisations: ',' },
  defaults: { category: 'incidental', form: 'meeting', themes: [] },
  organisationKind: 'other',
  longText: 'reject',
  screening: 'persons-as-key-figures',
  // checked by hand against the file (tests/fixtures/import/uk-persons.txt says how)
  screeningOverrides: { persons: ['Solicitors Regulation Authority CEO Paul Philip'], organisations: [] },
}

/** The built-in mappings by name. */
export const BUILTIN_MAPPINGS: Readonly<Record<string, MappingJson>> = {
  'eu-integritywatch-mep': euIntegrityWatchMep,
  'uk-ministerial-meetings': ukMinisterialMeetings,
}
