/** Option parsing shared by `report` and `snapshot`: years, dates, formats and languages, checked. */
import type { Command } from 'commander'
import { isIsoDate, LANGUAGES, REPORT_FORMATS, type Language, type ReportFormat } from '../../src/index.js'
import { usage } from '../errors.js'

/** Parses `--year`: a whole year between 1900 and 2999. */
export const yearOption = (value: string): number => {
  if (!/^\d{4}$/.test(value) || Number(value) < 1900 || Number(value) > 2999) throw usage(`--year takes a year such as 2024, got "${value}"`)
  return Number(value)
}

/** Parses a date option (`--since`, `--until`): `YYYY-MM-DD`, a real calendar date. */
export const dateOption = (option: string) => (value: string): string => {
  if (!isIsoDate(value)) throw usage(`${option} takes a date as YYYY-MM-DD, got "${value}"`)
  return value
}

/** Parses `--format` against the formats a report comes in. */
export const formatOption =
  (formats: ReadonlyArray<ReportFormat> = REPORT_FORMATS) =>
  (value: string): ReportFormat => {
    if (!(formats as ReadonlyArray<string>).includes(value)) throw usage(`--format takes ${formats.join(', ')}; got "${value}"`)
    return value as ReportFormat
  }

/** Parses `--language`. */
export const languageOption = (value: string): Language => {
  if (!(LANGUAGES as ReadonlyArray<string>).includes(value)) throw usage(`--language takes ${LANGUAGES.join(' or ')}; got "${value}"`)
  return value as Language
}

/** Adds `--format` and `--language` to a command. */
export const withRendering = (cmd: Command, formats: ReadonlyArray<ReportFormat> = REPORT_FORMATS): Command =>
  cmd
    .option('--format <format>', `${formats.join(', ')} (default json)`, formatOption(formats))
    .option('--language <language>', 'nl (default) or en', languageOption)

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

/** Adds what a report from an exported bundle takes: the folder, the day, the pinned keys. */
export const withBundle = (cmd: Command): Command =>
  cmd
    .option('--bundle <dir>', 'render from a bundle written by export --out DIR (verified first) instead of the store; a restricted report from it needs --actor, checked against the bundle\'s grants, and is in no access log (a bundle is a copy)')
    .option('--as-of <date>', 'with --bundle: as the register stood at the end of DATE (Europe/Amsterdam): the entries recorded by then', dateOption('--as-of'))
    .option('--vkey <file|line>', 'with --bundle: the pinned verifier key the bundle is checked against; repeat for more (env CONTACT_LEDGER_VKEY)', collect)
    .option('--no-signatures', 'with --bundle: render even when no signature is checked against a pinned key')

/** Refuses a period whose start lies after its end. */
export const checkPeriod = (since: string | undefined, until: string | undefined): void => {
  if (since !== undefined && until !== undefined && since > until) throw usage(`--since ${since} lies after --until ${until}; give a period that runs forward`)
}

/** What refusing the confidential list without `--confidential` says (rule 7). */
export const CONFIDENTIAL_REFUSAL =
  'the confidential contact list is produced only on the explicit confidential path: add --confidential (DOMAIN.md rule 7); every rendering of it is marked VERTROUWELIJK'
