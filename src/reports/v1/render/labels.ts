/**
 * Report version 1 (frozen, rules 13 and 22): kept byte for byte so that the snapshots it rendered
 * re-render to their recorded hash. Never edit it; change the newest renderer in `src/reports/render/`.
 *
 * The words of every rendering, in Dutch (the default: the overview goes to the House of
 * Representatives) and in English. Codes (kinds, themes, reasons) are translated here; JSON keeps
 * the codes.
 */
import type { Language, OrganisationKind, Theme } from '../../../domain/values.js'

export interface LabelsV1 {
  readonly overviewTitle: (year: number) => string
  readonly listTitle: (since: string, until: string) => string
  readonly auditTitle: string
  readonly confidential: string
  readonly confidentialNote: string
  readonly restrictedNote: string
  readonly columns: {
    readonly name: string
    readonly kind: string
    readonly programme: string
    readonly themes: string
    readonly startedOn: string
    readonly endedOn: string
    readonly contacts: string
  }
  readonly overviewCaption: (year: number, rows: number) => string
  readonly listCaption: (rows: number) => string
  readonly noRows: string
  readonly logSize: string
  readonly origin: string
  readonly rootHash: string
  readonly contentHash: string
  readonly kinds: Readonly<Record<OrganisationKind, string>>
  readonly themes: Readonly<Record<Theme, string>>
  readonly programmes: Readonly<Record<string, string>>
  readonly audit: {
    readonly asOf: string
    readonly report: string
    readonly included: string
    readonly yes: string
    readonly no: string
    readonly rule: string
    readonly reason: string
    readonly positions: string
    readonly keyFigures: string
    readonly lateEntries: string
    readonly overview: (year: number) => string
    readonly list: (since: string, until: string) => string
    readonly reasons: Readonly<Record<string, (year: number | undefined) => string>>
    readonly status: { readonly sealed: string; readonly erased: string }
    readonly late: (occurredOn: string, recordedOn: string, days: number) => string
  }
}

const nl: LabelsV1 = {
  overviewTitle: (y) => `Overzicht structurele contacten met maatschappelijke partners in het kader van integratie en samenleven ${y}`,
  listTitle: (since, until) => `Lijst van maatschappelijke organisaties waarmee SZW contact heeft gehad, ${since} tot en met ${until}`,
  auditTitle: 'Verantwoording per organisatie: opname in de rapportages (alleen voor auditors)',
  confidential: 'VERTROUWELIJK',
  confidentialNote: 'Vertrouwelijk gedeeld: openbaarmaking maakt deze organisaties kwetsbaar voor kwaadwillenden, waaronder statelijke actoren.',
  restrictedNote: 'Beperkt toegankelijk: alleen voor auditors, nooit openbaar.',
  columns: {
    name: 'Organisatie',
    kind: 'Soort',
    programme: 'Programma',
    themes: "Thema's",
    startedOn: 'Begonnen op',
    endedOn: 'Beëindigd op',
    contacts: 'Aantal contacten',
  },
  overviewCaption: (y, n) => `Maatschappelijke partners met een samenwerking in ${y} (${n})`,
  listCaption: (n) => `Organisaties met contact in de periode (${n})`,
  noRows: 'Geen organisaties.',
  logSize: 'Omvang van het register (aantal gebeurtenissen)',
  origin: 'Checkpoint-herkomst',
  rootHash: 'Checkpoint-roothash (base64)',
  contentHash: 'Inhoudshash (SHA-256 van alle bytes vóór deze regel)',
  kinds: {
    'religious-community': 'religieuze gemeenschap',
    'self-organisation': 'zelforganisatie',
    'knowledge-institute': 'kennisinstituut',
    municipality: 'gemeente',
    'umbrella-organisation': 'koepelorganisatie',
    'civil-society-organisation': 'maatschappelijke organisatie',
    other: 'overig',
    'public-body': 'overheidsorgaan',
    company: 'bedrijf',
  },
  themes: {
    language: 'taal',
    work: 'werk',
    'open-free-society': 'open en vrije samenleving',
    'social-cohesion': 'maatschappelijke samenhang',
    'equal-opportunities': 'gelijke kansen',
    other: 'overig',
  },
  programmes: { 'actieagenda-integratie': 'Actieagenda Integratie' },
  audit: {
    asOf: 'Stand per',
    report: 'Rapportage',
    included: 'Opgenomen',
    yes: 'ja',
    no: 'nee',
    rule: 'Regel',
    reason: 'Reden',
    positions: 'Posities',
    keyFigures: 'Sleutelfiguren (alleen id)',
    lateEntries: 'Laat ingevoerd (regel 14)',
    overview: (y) => `jaaroverzicht ${y}`,
    list: (since, until) => `vertrouwelijke lijst ${since} t/m ${until}`,
    reasons: {
      'partnership-active-in-year': (y) => `samenwerking actief in ${y}`,
      'partnership-not-active-in-year': (y) => `samenwerking niet actief in ${y}`,
      'no-partnership': (y) => `geen samenwerking in ${y}`,
      'contact-in-period': () => 'contact in de periode',
      'contacts-retracted': () => 'contact ingetrokken',
      'only-signalling-contacts': () => 'alleen signaleringscontacten (regel 8)',
      'no-contact-in-period': () => 'geen contact in de periode',
    },
    status: { sealed: 'verzegeld', erased: 'gewist' },
    late: (o, r, d) => `plaatsgevonden ${o}, ingevoerd ${r} (${d} dagen later)`,
  },
}

const en: LabelsV1 = {
  overviewTitle: (y) => `Overview of structural contacts with civil-society partners on integration and living together ${y}`,
  listTitle: (since, until) => `Civil-society organisations SZW had contact with, ${since} to ${until}`,
  auditTitle: 'Account per organisation: inclusion in the reports (auditors only)',
  confidential: 'VERTROUWELIJK',
  confidentialNote: 'Confidential (VERTROUWELIJK): publishing it exposes these organisations to malicious and state actors.',
  restrictedNote: 'Restricted: for auditors only, never public.',
  columns: {
    name: 'Organisation',
    kind: 'Kind',
    programme: 'Programme',
    themes: 'Themes',
    startedOn: 'Started on',
    endedOn: 'Ended on',
    contacts: 'Contacts',
  },
  overviewCaption: (y, n) => `Civil-society partners with a partnership in ${y} (${n})`,
  listCaption: (n) => `Organisations contacted in the period (${n})`,
  noRows: 'No organisations.',
  logSize: 'Register size (number of events)',
  origin: 'Checkpoint origin',
  rootHash: 'Checkpoint root hash (base64)',
  contentHash: 'Content hash (SHA-256 of every byte before this line)',
  kinds: {
    'religious-community': 'religious community',
    'self-organisation': 'self-organisation',
    'knowledge-institute': 'knowledge institute',
    municipality: 'municipality',
    'umbrella-organisation': 'umbrella organisation',
    'civil-society-organisation': 'civil-society organisation',
    other: 'other',
    'public-body': 'public body',
    company: 'company',
  },
  themes: {
    language: 'language',
    work: 'work',
    'open-free-society': 'open and free society',
    'social-cohesion': 'social cohesion',
    'equal-opportunities': 'equal opportunities',
    other: 'other',
  },
  programmes: { 'actieagenda-integratie': 'Actieagenda Integratie (integration action agenda)' },
  audit: {
    asOf: 'As of',
    report: 'Report',
    included: 'Included',
    yes: 'yes',
    no: 'no',
    rule: 'Rule',
    reason: 'Reason',
    positions: 'Positions',
    keyFigures: 'Key figures (ids only)',
    lateEntries: 'Entered late (rule 14)',
    overview: (y) => `annual overview ${y}`,
    list: (since, until) => `confidential list ${since} to ${until}`,
    reasons: {
      'partnership-active-in-year': (y) => `partnership active in ${y}`,
      'partnership-not-active-in-year': (y) => `partnership not active in ${y}`,
      'no-partnership': (y) => `no partnership in ${y}`,
      'contact-in-period': () => 'contact in the period',
      'contacts-retracted': () => 'contact retracted',
      'only-signalling-contacts': () => 'only signalling contacts (rule 8)',
      'no-contact-in-period': () => 'no contact in the period',
    },
    status: { sealed: 'sealed', erased: 'erased' },
    late: (o, r, d) => `happened ${o}, entered ${r} (${d} days later)`,
  },
}

/** The labels of a language. @example labelsFor('en').columns.name // 'Organisation' */
export const labelsForV1 = (language: Language): LabelsV1 => (language === 'en' ? en : nl)

/** A programme's label: known programmes by name, others as recorded. */
export const programmeLabelV1 = (l: LabelsV1, programme: string): string =>
  programme
    .split('; ')
    .map((p) => l.programmes[p] ?? p)
    .join('; ')
