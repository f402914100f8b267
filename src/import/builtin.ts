/**
 * The built-in mappings, for the public exports in `../shared/data/` (their licences: that
 * folder's README.txt). `contact-ledger import mapping NAME` prints one, to copy and adapt.
 */
import type { MappingJson } from './mapping.js'

/**
 * EU Integrity Watch: meetings of Members of the European Parliament with interest representatives
 * (ODbL 1.0; attribute "EU Integrity Watch / Parltrack / European Parliament"). Each name in the
 * comma-separated `lobbyists` cell becomes an organisation; the MEP is the official; the title is
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
}

/**
 * UK Integrity Watch: UK Government ministerial meetings (2012-2016, month-only dates given as the
 * 1st of the month) and Scottish Lobbying Register returns (2023-2024) (OGL v3.0 / ODbL; attribute
 * TI-UK Integrity Watch, UK departments, Scottish Parliament). Each name in the comma-separated
 * `organisation` cell becomes an organisation; the minister or member is the official; the
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
}

/** The built-in mappings by name. */
export const BUILTIN_MAPPINGS: Readonly<Record<string, MappingJson>> = {
  'eu-integritywatch-mep': euIntegrityWatchMep,
  'uk-ministerial-meetings': ukMinisterialMeetings,
}
