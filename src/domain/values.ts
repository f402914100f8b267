/**
 * Value codecs shared by commands and events: dates, ids, enumerations.
 * Each codec is the single source of its type (`t.TypeOf<typeof X>`).
 */
import * as t from 'io-ts'
import { validate as isUuid } from 'uuid'

// ---------------------------------------------------------------------------------------------
// model

/** A calendar date `YYYY-MM-DD` that exists (no 2024-02-30). */
export interface IsoDateBrand {
  readonly IsoDate: unique symbol
}
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Whether `s` is a real calendar date in `YYYY-MM-DD` form. */
export const isIsoDate = (s: string): boolean => {
  const m = DATE_RE.exec(s)
  if (m === null) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (mo < 1 || mo > 12 || d < 1) return false
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate()
  return d <= days
}

/** Codec for a `YYYY-MM-DD` calendar date. */
export const IsoDate = t.brand(t.string, (s): s is t.Branded<string, IsoDateBrand> => isIsoDate(s), 'IsoDate')
export type IsoDate = t.TypeOf<typeof IsoDate>

export interface UuidBrand {
  readonly Uuid: unique symbol
}
/** Codec for a UUID in its canonical 8-4-4-4-12 hex form (any version). */
export const Uuid = t.brand(t.string, (s): s is t.Branded<string, UuidBrand> => isUuid(s), 'Uuid')
export type Uuid = t.TypeOf<typeof Uuid>

export interface NonEmptyStringBrand {
  readonly NonEmptyString: unique symbol
}
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Whether a string is well-formed UTF-16 (no lone surrogates, which have no UTF-8 encoding). */
export const isWellFormed = (s: string): boolean => !LONE_SURROGATE.test(s)

// NUL and the other C0 controls but tab, line feed and carriage return have no place in a register
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/

/** A well-formed string with at least one non-space character, no control characters, at most 2,000 characters. */
export const NonEmptyString = t.brand(
  t.string,
  (s): s is t.Branded<string, NonEmptyStringBrand> =>
    s.trim().length > 0 && s.length <= 2000 && isWellFormed(s) && !CONTROL.test(s),
  'NonEmptyString',
)
export type NonEmptyString = t.TypeOf<typeof NonEmptyString>

export interface KvkNumberBrand {
  readonly KvkNumber: unique symbol
}
/** A Dutch Chamber of Commerce number: exactly 8 digits. */
export const KvkNumber = t.brand(t.string, (s): s is t.Branded<string, KvkNumberBrand> => /^\d{8}$/.test(s), 'KvkNumber')
export type KvkNumber = t.TypeOf<typeof KvkNumber>

const enumOf = <K extends string>(name: string, values: readonly K[]) =>
  t.keyof(Object.fromEntries(values.map((v) => [v, null])) as Record<K, null>, name)

export const ORGANISATION_KINDS = [
  'religious-community',
  'self-organisation',
  'knowledge-institute',
  'municipality',
  'umbrella-organisation',
  'civil-society-organisation',
  'other',
  // contacts the register keeps that are not with civil society: never on the confidential list (rule 8)
  'public-body',
  'company',
] as const
export const OrganisationKind = enumOf('OrganisationKind', ORGANISATION_KINDS)
export type OrganisationKind = t.TypeOf<typeof OrganisationKind>

export const THEMES = ['language', 'work', 'open-free-society', 'social-cohesion', 'equal-opportunities', 'other'] as const
export const Theme = enumOf('Theme', THEMES)
export type Theme = t.TypeOf<typeof Theme>

export const CONTACT_FORMS = ['meeting', 'call', 'work-visit', 'conference', 'correspondence', 'other'] as const
export const ContactForm = enumOf('ContactForm', CONTACT_FORMS)
export type ContactForm = t.TypeOf<typeof ContactForm>

export const CONTACT_CATEGORIES = ['partnership', 'incidental', 'signalling'] as const
export const ContactCategory = enumOf('ContactCategory', CONTACT_CATEGORIES)
export type ContactCategory = t.TypeOf<typeof ContactCategory>

export const ADVICE_SOURCES = [
  'security-service',
  'counter-terrorism-coordinator',
  'sanctions-list',
  'public-sources',
  'other',
] as const
export const AdviceSource = enumOf('AdviceSource', ADVICE_SOURCES)
export type AdviceSource = t.TypeOf<typeof AdviceSource>
/**
 * The one source whose advice counts (rule 4, the Terms): a security service. The other sources
 * stay readable because registers written by an earlier version hold them; no new advice may cite one.
 */
export const COUNTING_ADVICE_SOURCE = 'security-service' as const

/** The security services (*veiligheidsdiensten*) whose advice counts. */
export const SECURITY_SERVICES = ['AIVD', 'MIVD'] as const
export const SecurityService = enumOf('SecurityService', SECURITY_SERVICES)
export type SecurityService = t.TypeOf<typeof SecurityService>

export const ADVICE_OUTCOMES = ['advised-against', 'no-objection'] as const
export const AdviceOutcome = enumOf('AdviceOutcome', ADVICE_OUTCOMES)
export type AdviceOutcome = t.TypeOf<typeof AdviceOutcome>

export const FACT_KINDS = ['third-country-funding', 'third-country-representation', 'public-statement', 'other'] as const
export const FactKind = enumOf('FactKind', FACT_KINDS)
export type FactKind = t.TypeOf<typeof FactKind>

export const EXCLUSION_GROUNDS = [
  'security-service-advice',
  'supports-terrorist-organisation',
  'opposed-integration',
  'foreign-influence-agenda',
] as const
export const ExclusionGround = enumOf('ExclusionGround', EXCLUSION_GROUNDS)
export type ExclusionGround = t.TypeOf<typeof ExclusionGround>
/**
 * The two grounds a new exclusion may rest on (rule 4): the letter gives SZW no legal basis to
 * judge organisations itself. The others stay readable as history of earlier versions.
 */
export const ALLOWED_GROUNDS = ['security-service-advice', 'supports-terrorist-organisation'] as const
export type AllowedGround = (typeof ALLOWED_GROUNDS)[number]
/** Whether a ground may be cited by a new exclusion. @example isAllowedGround('opposed-integration') === false */
export const isAllowedGround = (g: string): g is AllowedGround => (ALLOWED_GROUNDS as ReadonlyArray<string>).includes(g)

/** Why a partnership ended: the three a coordinator may give, and the two the register gives itself. */
export const PARTNERSHIP_END_REASONS = ['completed', 'withdrawn', 'other', 'excluded', 'endorsement-withdrawn'] as const
export const PartnershipEndReason = enumOf('PartnershipEndReason', PARTNERSHIP_END_REASONS)
export type PartnershipEndReason = t.TypeOf<typeof PartnershipEndReason>
export const CoordinatorEndReason = enumOf('CoordinatorEndReason', ['completed', 'withdrawn', 'other'] as const)

export const REPORT_KINDS = ['annual-overview', 'confidential-contact-list'] as const
export const ReportKind = enumOf('ReportKind', REPORT_KINDS)
export type ReportKind = t.TypeOf<typeof ReportKind>

export const REPORT_FORMATS = ['json', 'csv', 'md', 'html'] as const
export const ReportFormat = enumOf('ReportFormat', REPORT_FORMATS)
export type ReportFormat = t.TypeOf<typeof ReportFormat>

export const LANGUAGES = ['nl', 'en'] as const
export const Language = enumOf('Language', LANGUAGES)
export type Language = t.TypeOf<typeof Language>

export const ROLES = [
  // roles themselves and the recipient list (rules 8, 18); holds no other role
  'administrator',
  'official',
  'coordinator',
  'vetting-officer',
  'reporting-officer',
  'privacy-officer',
  'auditor',
] as const
export const Role = enumOf('Role', ROLES)
export type Role = t.TypeOf<typeof Role>

export interface YearBrand {
  readonly Year: unique symbol
}
/** A calendar year between 1900 and 2999. */
export const Year = t.brand(t.number, (n): n is t.Branded<number, YearBrand> => Number.isInteger(n) && n >= 1900 && n <= 2999, 'Year')
export type Year = t.TypeOf<typeof Year>

/** The actor who issues a command: an id (an official's account name) and a role. */
export const Actor = t.type({ id: NonEmptyString, role: Role }, 'Actor')
export type Actor = t.TypeOf<typeof Actor>

/** A list with at least one element. */
export const nonEmptyArray = <C extends t.Mixed>(item: C, name = `NonEmptyArray<${item.name}>`) =>
  t.refinement(t.readonlyArray(item), (xs) => xs.length > 0, name)

// ---------------------------------------------------------------------------------------------
// utils

/** Re-brands an id read back from state (it was decoded when it entered the log). */
export const knownUuid = (s: string): Uuid => s as Uuid
/** Re-brands a date read back from state (it was decoded when it entered the log). */
export const knownDate = (s: string): IsoDate => s as IsoDate
/** Re-brands a text read back from state, or a constant known to be non-empty. */
export const knownText = (s: string): NonEmptyString => s as NonEmptyString
