/**
 * The demo register's history: a realistic, fictional year-by-year account of a ministry's
 * contacts from 2023 to 2025. Organisation names are invented. Each step is a command as JSON, in
 * the order an official would have entered it; some are meant to be refused.
 */
import type { CommandJson } from '../../src/testing/index.js'

/** A fixed id for demo entity `n`, so every demo run builds the same register. */
const id = (n: number): string => `de000000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`

const coordinator = { id: 'c.desmet', role: 'coordinator' }
const official = { id: 'a.jansen', role: 'official' }
const vetting = { id: 'v.bakker', role: 'vetting-officer' }
/** The second vetting officer, who confirms v.bakker's proposals (four eyes, rule 19). */
const vetting2 = { id: 'v.smit', role: 'vetting-officer' }
const privacy = { id: 'p.visser', role: 'privacy-officer' }

/** The demo's organisations: name, kind, municipality. */
export const DEMO_ORGANISATIONS = [
  ['Stichting Samen Verder', 'self-organisation', 'Rotterdam'],
  ['Vereniging Nieuwe Buren', 'self-organisation', 'Utrecht'],
  ['Stichting Taal Verbindt', 'civil-society-organisation', 'Amsterdam'],
  ['Moskeeënkoepel Nederland-Midden', 'umbrella-organisation', 'Amersfoort'],
  ['Platform Eritrese Nederlanders', 'self-organisation', 'Den Haag'],
  ['Kerkgenootschap De Hoeksteen', 'religious-community', 'Zwolle'],
  ['Islamitische Gemeenschap Al-Nour', 'religious-community', 'Eindhoven'],
  ['Hindoe Mandir Sanatan Dharm', 'religious-community', 'Den Haag'],
  ['Joodse Gemeente Noord', 'religious-community', 'Groningen'],
  ['Kennisplatform Integratie & Samenleving', 'knowledge-institute', 'Utrecht'],
  ['Instituut voor Migratieonderzoek', 'knowledge-institute', 'Amsterdam'],
  ['Verwey-Instituut voor Sociale Cohesie', 'knowledge-institute', 'Leiden'],
  ['Gemeente Rotterdam', 'municipality', 'Rotterdam'],
  ['Gemeente Zaanstad', 'municipality', 'Zaanstad'],
  ['Gemeente Arnhem', 'municipality', 'Arnhem'],
  ['Gemeente Tilburg', 'municipality', 'Tilburg'],
  ['Landelijk Overleg Zelforganisaties', 'umbrella-organisation', 'Utrecht'],
  ['Federatie Syrische Nederlanders', 'umbrella-organisation', 'Nijmegen'],
  ['VluchtelingenWerk Regio Oost', 'civil-society-organisation', 'Enschede'],
  ['Stichting Werk Als Sleutel', 'civil-society-organisation', 'Almere'],
  ['Vrouwennetwerk Kracht', 'self-organisation', 'Rotterdam'],
  ['Jongerenplatform Verbonden', 'civil-society-organisation', 'Amsterdam'],
  ['Stichting Dialoog Oost-West', 'civil-society-organisation', 'Haarlem'],
  ['Culturele Vereniging Anatolia', 'self-organisation', 'Deventer'],
  ['Stichting Buitenlandse Steun Europa', 'other', 'Den Haag'],
  ['Stichting Gelijke Kansen Noord', 'civil-society-organisation', 'Leeuwarden'],
  ['Wijkcentrum De Kruising', 'other', 'Breda'],
  ['Centrum voor Nieuwkomers Limburg', 'civil-society-organisation', 'Maastricht'],
] as const

const org = (i: number) => id(100 + i)

/** The demo's partners: organisation index, themes, start. */
const PARTNERS: ReadonlyArray<readonly [number, ReadonlyArray<string>, string]> = [
  [0, ['language', 'work'], '2024-01-15'],
  [2, ['language'], '2024-02-01'],
  [3, ['social-cohesion', 'open-free-society'], '2024-03-01'],
  [9, ['open-free-society'], '2024-01-10'],
  [16, ['social-cohesion'], '2024-04-01'],
  [19, ['work', 'equal-opportunities'], '2024-05-15'],
  [20, ['equal-opportunities'], '2024-06-01'],
  [23, ['social-cohesion'], '2024-02-15'],
  [25, ['equal-opportunities', 'work'], '2025-01-20'],
]

const contactsIn = (year: number, months: ReadonlyArray<number>, day: number) =>
  months.map((m) => `${year}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`)

/**
 * The demo history as commands, in the order they are entered.
 *
 * @example
 * for (const c of demoHistory()) await ledger.execute(c)
 */
export const demoHistory = (): ReadonlyArray<CommandJson> => {
  const out: CommandJson[] = []
  const push = (actor: { id: string; role: string }, command: string, payload: Record<string, unknown>) =>
    out.push({ command, actor, payload })
  let n = 0
  const next = () => id(1000 + ++n)

  DEMO_ORGANISATIONS.forEach(([name, kind, municipality], i) =>
    push(coordinator, 'registerOrganisation', {
      organisationId: org(i),
      name,
      kind,
      municipality,
      ...(kind !== 'municipality' ? { kvkNumber: String(40_000_000 + i * 1_234_567).slice(0, 8) } : {}),
    }),
  )

  // 2023: the broad contacts the confidential list reaches back to
  for (const [i, date] of [[12, '2023-02-14'], [10, '2023-03-08'], [4, '2023-04-20'], [6, '2023-05-11'], [17, '2023-06-06'], [0, '2023-09-12'], [21, '2023-10-03'], [18, '2023-11-21']] as const)
    push(official, 'recordContact', {
      contactId: next(),
      organisationIds: [org(i)],
      occurredOn: date,
      form: 'meeting',
      category: 'incidental',
      themes: ['social-cohesion'],
      subject: 'Kennismaking en verkenning',
      officials: ['a.jansen'],
    })
  for (const [i, date] of [[13, '2023-03-30'], [14, '2023-08-17'], [15, '2023-12-05']] as const)
    push(official, 'recordContact', {
      contactId: next(),
      organisationIds: [org(i)],
      occurredOn: date,
      form: 'call',
      category: 'signalling',
      themes: ['social-cohesion'],
      officials: ['a.jansen'],
    })

  // values endorsements and partnerships under the Actieagenda Integratie
  for (const [i, themes, startedOn] of PARTNERS) {
    const endorsedOn = `${startedOn.slice(0, 8)}01`
    push(coordinator, 'endorseValues', { organisationId: org(i), endorsedOn, documentRef: `SZW-ONDERSCHR-${startedOn.slice(0, 4)}-${i}` })
    push(coordinator, 'startPartnership', { partnershipId: id(200 + i), organisationId: org(i), themes, startedOn })
  }
  // a partnership refused: no endorsement on record
  push(coordinator, 'startPartnership', { partnershipId: id(299), organisationId: org(5), themes: ['social-cohesion'], startedOn: '2024-03-01' })

  // partnership contacts, quarterly, until the partnership ends (see the end of the history)
  const until: Readonly<Record<number, string>> = { 23: '2025-04-13', 16: '2025-08-31', 20: '2025-06-30' }
  for (const [i, themes, startedOn] of PARTNERS)
    for (const year of [2024, 2025])
      for (const date of contactsIn(year, [3, 6, 9, 11], 12))
        if (date >= startedOn && date <= (until[i] ?? '9999'))
          push(official, 'recordContact', {
            contactId: next(),
            organisationIds: [org(i)],
            occurredOn: date,
            form: date.endsWith('-06-12') ? 'work-visit' : 'meeting',
            category: 'partnership',
            themes,
            subject: `Voortgangsoverleg Actieagenda ${date.slice(0, 7)}`,
            officials: ['a.jansen', 'm.yilmaz'],
          })

  // 2024-2025: incidental and signalling contacts
  for (const [i, date, category] of [
    [5, '2024-02-20', 'incidental'], [7, '2024-03-14', 'incidental'], [8, '2024-04-09', 'incidental'], [11, '2024-05-22', 'incidental'],
    [1, '2024-06-18', 'incidental'], [22, '2024-07-02', 'incidental'], [26, '2024-09-24', 'incidental'], [27, '2024-10-15', 'incidental'],
    [12, '2024-01-30', 'signalling'], [13, '2024-04-25', 'signalling'], [14, '2024-08-29', 'signalling'], [15, '2024-11-07', 'signalling'],
    [6, '2025-02-11', 'incidental'], [4, '2025-03-19', 'incidental'], [10, '2025-05-06', 'incidental'], [12, '2025-06-24', 'signalling'],
    [15, '2025-09-16', 'signalling'], [21, '2025-10-21', 'incidental'],
  ] as const)
    push(official, 'recordContact', {
      contactId: next(),
      organisationIds: [org(i)],
      occurredOn: date,
      form: category === 'signalling' ? 'call' : 'meeting',
      category,
      themes: ['social-cohesion'],
      ...(category === 'incidental' ? { subject: 'Gesprek over signalen en samenwerking' } : {}),
      officials: ['m.yilmaz'],
    })

  // a key figure (personal data sealed), met with a religious community
  const keyFigure = id(300)
  push(official, 'registerKeyFigure', { personId: keyFigure, organisationId: org(7), name: 'R. Ramdin', role: 'voorzitter', email: 'voorzitter@mandir.example', phone: '+31 70 123 4567' })
  push(official, 'recordContact', { contactId: next(), organisationIds: [org(7)], personIds: [keyFigure], occurredOn: '2024-11-19', form: 'meeting', category: 'incidental', themes: ['social-cohesion'], subject: 'Kennismaking bestuur', officials: ['a.jansen'] })

  // vetting: a security service's advice against an organisation, a contact refused because of it (rule 2)
  push(vetting, 'recordFact', { organisationId: org(24), kind: 'third-country-funding', observedOn: '2024-08-01', source: 'jaarrekening 2023', reference: 'FIN-2024-017' })
  push(vetting, 'recordVettingAdvice', { adviceId: id(400), organisationId: org(24), source: 'security-service', service: 'AIVD', advice: 'advised-against', receivedOn: '2024-09-03', reference: 'VD-2024-0193' })
  push(official, 'recordContact', { contactId: next(), organisationIds: [org(24)], occurredOn: '2024-09-30', form: 'meeting', category: 'incidental', themes: ['open-free-society'], subject: 'Verzoek om kennismaking', officials: ['a.jansen'] })
  // an acknowledged breach (rule 3): met at a conference despite the advice; recorded at once, reviewed by a coordinator
  const breached = next()
  push(official, 'recordContact', {
    contactId: breached,
    organisationIds: [org(24)],
    occurredOn: '2024-10-08',
    form: 'conference',
    category: 'incidental',
    themes: ['open-free-society'],
    subject: 'Paneldiscussie congres samenleven',
    officials: ['m.yilmaz'],
    breach: { reason: 'onaangekondigd mede-panellid op een congres; gesprek niet vermeden' },
  })
  push(coordinator, 'reviewBreach', { contactId: breached, reviewedOn: '2024-10-15', note: 'besproken met de ambtenaar; congresdeelnemers voortaan vooraf nagaan' })

  // an exclusion on a ground the letter leaves the ministry (rule 4): a public statement of support
  // for an organisation on the EU terrorist list, recorded as a fact first; it ends a partnership
  push(vetting, 'recordFact', {
    factId: id(450),
    organisationId: org(23),
    kind: 'public-statement',
    observedOn: '2025-04-02',
    source: 'eigen website van de organisatie',
    reference: 'PUB-2025-031',
    listingRef: 'EU-terroristenlijst (Verordening 2580/2001)',
  })
  // four eyes (rule 19): the exclusion is a proposal; its proposer cannot confirm it (SelfConfirmation),
  // a second vetting officer does the next day, and only then does it take effect
  out.push({
    command: 'decideExclusion',
    actor: vetting,
    proposalId: id(501),
    payload: {
      decisionId: id(500),
      organisationId: org(23),
      decidedOn: '2025-04-14',
      grounds: [{ ground: 'supports-terrorist-organisation', evidenceRefs: [id(450)] }],
      rationale: 'Openlijke steunbetuiging aan een organisatie op de EU-terroristenlijst, aantoonbaar op de eigen website.',
      reviewBy: '2026-04-14',
    },
  })
  out.push({ command: 'confirmProposal', actor: vetting, payload: { proposalId: id(501) }, enteredOn: '2025-04-14' })
  out.push({ command: 'confirmProposal', actor: vetting2, payload: { proposalId: id(501) }, enteredOn: '2025-04-15' })
  push(official, 'recordContact', { contactId: next(), organisationIds: [org(23)], occurredOn: '2025-06-12', form: 'meeting', category: 'partnership', themes: ['social-cohesion'], subject: 'Voortgangsoverleg', officials: ['a.jansen'] })
  // a late entry (rule 2 judged on the contact's date): a 2023 meeting with the organisation excluded
  // later, entered after the exclusion; accepted, and on the confidential list that reaches back to 2023
  out.push({
    command: 'recordContact',
    actor: official,
    payload: { contactId: next(), organisationIds: [org(23)], occurredOn: '2023-06-20', form: 'meeting', category: 'incidental', themes: ['social-cohesion'], subject: 'Kennismaking buurtproject', officials: ['m.yilmaz'] },
    enteredOn: '2025-05-06',
  })
  // the ministry's own judgement is no ground (GroundNotAllowed): SZW has no legal basis for it
  push(vetting, 'decideExclusion', {
    organisationId: org(22),
    decidedOn: '2025-05-20',
    grounds: [{ ground: 'opposed-integration', evidenceRefs: ['PUB-2025-044'] }],
    rationale: 'eigen oordeel',
  })

  // a correction and a retraction
  const corrected = id(1000 + 3)
  push(official, 'correctContact', { contactId: corrected, occurredOn: '2023-04-21', reason: 'datum verkeerd overgenomen uit de agenda' })
  const retracted = id(1000 + 5)
  push(official, 'retractContact', { contactId: retracted, reason: 'dubbel ingevoerd' })

  // a rename with an effective date: the 2024 overview keeps the old name, the 2025 overview shows the new one
  push(coordinator, 'renameOrganisation', { organisationId: org(2), name: 'Stichting Taal Verbindt Amsterdam', effectiveOn: '2025-03-01', reason: 'statutaire naamswijziging' })

  // a partnership ends as planned, another when the endorsement is withdrawn
  push(coordinator, 'endPartnership', { partnershipId: id(200 + 20), endedOn: '2025-06-30', reason: 'completed' })
  push(coordinator, 'withdrawEndorsement', { organisationId: org(16), withdrawnOn: '2025-09-01', reason: 'bestuur onderschrijft de doelen niet langer' })

  // a role may do only its own work: an official cannot decide an exclusion
  push(official, 'decideExclusion', { organisationId: org(1), decidedOn: '2025-10-01', grounds: [{ ground: 'security-service-advice', evidenceRefs: ['X'] }], rationale: 'probeersel' })

  // the privacy officer erases a key figure's data at the end of its purpose
  push(privacy, 'eraseKeyFigure', { personId: keyFigure, reason: 'doel van verwerking vervallen' })
  return out
}
