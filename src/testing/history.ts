/**
 * fast-check arbitraries for whole valid histories: sequences of commands that the register
 * accepts, one by one, with the clock at `HISTORY_NOW`. Steps are generated abstractly and
 * compiled against a small model of the rules, so shrinking keeps histories valid.
 */
import fc from 'fast-check'
import { CONTACT_FORMS, ORGANISATION_KINDS, SECURITY_SERVICES, THEMES } from '../domain/values.js'
import { TEST_GRANTS } from './roles.js'

/** The instant at which generated histories are executed (all their dates lie before it). */
export const HISTORY_NOW = '2026-01-31T12:00:00.000Z'

/** A command as JSON, exactly as `exec` reads it. */
export type CommandJson = { readonly command: string; readonly actor: { id: string; role: string }; readonly payload: Record<string, unknown> } & Record<string, unknown>

/** A deterministic UUID for generated entity `n` of a kind. @example testId('a', 3) */
export const testId = (kind: 'a' | 'b' | 'c' | 'd' | 'e' | 'f', n: number): string =>
  `${kind}0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`

const DAY0 = Date.UTC(2023, 0, 1)
const dateOf = (day: number): string => new Date(DAY0 + day * 86_400_000).toISOString().slice(0, 10)
const LAST_DAY = 1095 // 2025-12-31

/** Organisation names, some of them hostile to renderers. */
export const ORGANISATION_NAMES = [
  'Stichting Samen Verder',
  'Vereniging Nieuwe Buren',
  'Moskee Al-Fath',
  'Kerkgenootschap De Hoeksteen',
  'Kennisinstituut Integratie & Samenleving',
  'Gemeente Zaanstad',
  'Koepel Migrantenorganisaties',
  'Taalhuis "De Brug"',
  '<script>alert(1)</script> Stichting',
  '=HYPERLINK("http://evil.example","klik")',
  'Stichting \u202Eetsiwrev\u202C Omkering',
  '+31 Stichting',
  '-Vereniging min',
  '@Platform Apenstaart',
  'Stichting Regel\nBreuk',
  'Fundação Ação Çidade',
] as const

type Step =
  | { readonly k: 'org'; readonly kind: number; readonly name: number }
  | { readonly k: 'endorse' | 'withdraw' | 'fact' | 'lift' | 'startP' | 'endP'; readonly org: number }
  | { readonly k: 'advice'; readonly org: number; readonly against: boolean; readonly source: number }
  | { readonly k: 'exclude'; readonly org: number; readonly viaAdvice: boolean }
  | { readonly k: 'contact'; readonly orgs: ReadonlyArray<number>; readonly persons: ReadonlyArray<number>; readonly category: number; readonly form: number; readonly back: number; readonly themes: number }
  | { readonly k: 'correct' | 'retract'; readonly contact: number; readonly change: number }
  | { readonly k: 'person'; readonly org: number; readonly tag: number }
  | { readonly k: 'erase'; readonly person: number }

const nat = (n: number) => fc.nat({ max: n })
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('org' as const), kind: nat(6), name: nat(ORGANISATION_NAMES.length - 1) }) },
  { weight: 5, arbitrary: fc.record({ k: fc.constantFrom('endorse' as const, 'startP' as const), org: nat(30) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constantFrom('withdraw' as const, 'fact' as const, 'lift' as const, 'endP' as const), org: nat(30) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('advice' as const), org: nat(30), against: fc.boolean(), source: nat(SECURITY_SERVICES.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('exclude' as const), org: nat(30), viaAdvice: fc.boolean() }) },
  {
    weight: 8,
    arbitrary: fc.record({
      k: fc.constant('contact' as const),
      orgs: fc.array(nat(30), { minLength: 1, maxLength: 3 }),
      persons: fc.array(nat(10), { maxLength: 2 }),
      category: nat(2),
      form: nat(CONTACT_FORMS.length - 1),
      back: nat(60),
      themes: nat(63),
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constantFrom('correct' as const, 'retract' as const), contact: nat(40), change: nat(3) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('person' as const), org: nat(30), tag: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('erase' as const), person: nat(10) }) },
)

interface OrgModel {
  readonly id: string
  endorsed: boolean
  excludedBy: string | null
  /** Exclusion periods: from the decision's date until the lift's (exclusive). */
  readonly exclusions: Array<{ from: string; to?: string }>
  /** Security-service advice in log order (their dates never decrease). */
  readonly advice: Array<{ id: string; service: string; against: boolean; on: string }>
  readonly open: Array<{ id: string; startedOn: string }>
}

/** Rule 2 in the model: whether anything blocked contact with the organisation on a date. */
const blockedOn = (o: OrgModel, d: string): boolean => {
  if (o.exclusions.some((x) => x.from <= d && (x.to === undefined || x.to > d))) return true
  const latest = new Map<string, { id: string; against: boolean }>()
  for (const a of o.advice) if (a.on <= d) latest.set(a.service, a)
  return [...latest.values()].some((a) => a.against)
}

/** The advised-against advice outstanding on a date, if any (to cite as the ground of an exclusion). */
const outstandingOn = (o: OrgModel, d: string): string | undefined => {
  const latest = new Map<string, { id: string; against: boolean }>()
  for (const a of o.advice) if (a.on <= d) latest.set(a.service, a)
  return [...latest.values()].find((a) => a.against)?.id
}

const actor = (role: string) => ({ id: `test.${role}`, role })


/** How a history is compiled: `grants: false` leaves out the opening grants (`TEST_GRANTS`), for a register opened otherwise. */
export interface HistoryOptions {
  readonly grants?: boolean
}

/**
 * Compiles abstract steps into commands the register accepts, skipping steps the rules forbid.
 * The history starts with `TEST_GRANTS` (rule 18: a register without grants takes no other write),
 * unless `grants: false`: then the register must be opened, and `test.<role>` and `test2.<role>`
 * granted, before it runs. Exposed so a test can compile its own steps.
 *
 * @example
 * compileHistory(steps)[0] // the opening grant of test.administrator
 */
export const compileHistory = (steps: ReadonlyArray<Step>, options: HistoryOptions = {}): ReadonlyArray<CommandJson> => {
  const out: CommandJson[] = options.grants === false ? [] : [...TEST_GRANTS]
  const orgs: OrgModel[] = []
  const persons: Array<{ id: string; erased: boolean; org?: OrgModel }> = []
  const contacts: Array<{ id: string; retracted: boolean; category: string }> = []
  let n = 0
  const pick = <A>(xs: ReadonlyArray<A>, i: number): A | undefined => (xs.length === 0 ? undefined : xs[i % xs.length])
  const contactable = (o: OrgModel, d: string) => !blockedOn(o, d)
  steps.forEach((step, i) => {
    const day = Math.floor(((i + 1) * LAST_DAY) / (steps.length + 1))
    const on = dateOf(day)
    const emit = (role: string, command: string, payload: Record<string, unknown>) => out.push({ command, actor: actor(role), payload })
    // rule 19: a proposal, named in advance, confirmed by a second actor of the role
    const propose = (role: string, command: string, payload: Record<string, unknown>) => {
      const proposalId = testId('d', ++n)
      out.push({ command, actor: actor(role), proposalId, payload })
      out.push({ command: 'confirmProposal', actor: { id: `test2.${role}`, role }, payload: { proposalId } })
    }
    switch (step.k) {
      case 'org': {
        const id = testId('a', ++n)
        orgs.push({ id, endorsed: false, excludedBy: null, exclusions: [], advice: [], open: [] })
        emit('coordinator', 'registerOrganisation', {
          organisationId: id,
          name: `${ORGANISATION_NAMES[step.name]} ${orgs.length}`,
          kind: ORGANISATION_KINDS[step.kind],
          ...(step.kind % 2 === 0 ? { kvkNumber: String(10_000_000 + orgs.length * 7919) } : {}),
        })
        return
      }
      case 'endorse': {
        const o = pick(orgs, step.org)
        if (!o) return
        o.endorsed = true
        emit('coordinator', 'endorseValues', { organisationId: o.id, endorsedOn: on, documentRef: `ENDORSE-${i}` })
        return
      }
      case 'withdraw': {
        const o = pick(orgs, step.org)
        if (!o || !o.endorsed) return
        o.endorsed = false
        o.open.length = 0
        emit('coordinator', 'withdrawEndorsement', { organisationId: o.id, withdrawnOn: on, reason: 'no longer endorses the goals' })
        return
      }
      case 'fact': {
        const o = pick(orgs, step.org)
        if (!o) return
        emit('vetting-officer', 'recordFact', { organisationId: o.id, kind: 'third-country-funding', observedOn: on, source: 'annual accounts', reference: `FACT-${i}` })
        return
      }
      case 'advice': {
        const o = pick(orgs, step.org)
        if (!o) return
        const service = SECURITY_SERVICES[step.source]!
        const adviceId = testId('b', ++n)
        o.advice.push({ id: adviceId, service, against: step.against, on })
        emit('vetting-officer', 'recordVettingAdvice', {
          adviceId,
          organisationId: o.id,
          source: 'security-service',
          service,
          advice: step.against ? 'advised-against' : 'no-objection',
          receivedOn: on,
          reference: `REF-${i}`,
        })
        return
      }
      case 'exclude': {
        const o = pick(orgs, step.org)
        if (!o || o.excludedBy !== null) return
        if (o.exclusions.some((x) => x.to !== undefined && x.to > on)) return
        const advice = step.viaAdvice ? outstandingOn(o, on) : undefined
        const decisionId = testId('c', ++n)
        let ground: { ground: string; evidenceRefs: string[] }
        if (advice !== undefined) ground = { ground: 'security-service-advice', evidenceRefs: [advice] }
        else {
          // a public statement of support for a listed terrorist organisation, recorded as a fact first
          const factId = testId('b', ++n)
          emit('vetting-officer', 'recordFact', {
            factId,
            organisationId: o.id,
            kind: 'public-statement',
            observedOn: on,
            source: 'website',
            reference: `STATEMENT-${i}`,
            listingRef: 'EU terrorist list',
          })
          ground = { ground: 'supports-terrorist-organisation', evidenceRefs: [factId] }
        }
        o.excludedBy = decisionId
        o.exclusions.push({ from: on })
        o.open.length = 0
        propose('vetting-officer', 'decideExclusion', {
          decisionId,
          organisationId: o.id,
          decidedOn: on,
          grounds: [ground],
          rationale: 'demonstrable on the cited evidence',
        })
        return
      }
      case 'lift': {
        const o = pick(orgs, step.org)
        if (!o || o.excludedBy === null) return
        propose('vetting-officer', 'liftExclusion', { organisationId: o.id, decisionId: o.excludedBy, liftedOn: on, rationale: 'review' })
        o.exclusions[o.exclusions.length - 1]!.to = on
        o.excludedBy = null
        return
      }
      case 'startP': {
        const o = pick(orgs, step.org)
        if (!o || !contactable(o, on) || o.open.length > 0) return
        if (!o.endorsed) {
          o.endorsed = true
          emit('coordinator', 'endorseValues', { organisationId: o.id, endorsedOn: on, documentRef: `ENDORSE-${i}` })
        }
        const partnershipId = testId('d', ++n)
        o.open.push({ id: partnershipId, startedOn: on })
        emit('coordinator', 'startPartnership', { partnershipId, organisationId: o.id, themes: [THEMES[i % THEMES.length]], startedOn: on })
        return
      }
      case 'endP': {
        const o = pick(orgs, step.org)
        const p = o?.open.shift()
        if (!p) return
        emit('coordinator', 'endPartnership', { partnershipId: p.id, endedOn: on, reason: 'completed' })
        return
      }
      case 'contact': {
        let category = (['partnership', 'incidental', 'signalling'] as const)[step.category]!
        const partnerOf = (o: OrgModel) => o.open.length > 0
        if (category === 'partnership' && !step.orgs.some((x) => { const o = pick(orgs, x); return o !== undefined && partnerOf(o) && contactable(o, on) })) category = 'incidental'
        const occurredOn = category === 'partnership' ? on : dateOf(Math.max(0, day - step.back))
        // rule 2 on the contact's date: the organisations named and those of the key figures
        const chosen = [...new Set(step.orgs.map((x) => pick(orgs, x)).filter((o): o is OrgModel => o !== undefined && contactable(o, occurredOn)))]
        const people = [...new Set(step.persons.map((x) => pick(persons, x)).filter((p) => p !== undefined && !p.erased && (p.org === undefined || contactable(p.org, occurredOn))))]
        if (chosen.length + people.length === 0) return
        if (category === 'partnership' && !chosen.some(partnerOf)) category = 'incidental'
        const contactId = testId('e', ++n)
        contacts.push({ id: contactId, retracted: false, category })
        emit('official', 'recordContact', {
          contactId,
          organisationIds: chosen.map((o) => o.id),
          personIds: people.map((p) => p!.id),
          occurredOn,
          form: CONTACT_FORMS[step.form],
          category,
          themes: THEMES.filter((_, b) => (step.themes >> b) & 1),
          ...(category === 'partnership' || step.form % 2 === 0 ? { subject: `Overleg ${i}` } : {}),
          officials: ['a.jansen'],
        })
        return
      }
      case 'correct': {
        const c = pick(contacts, step.contact)
        if (!c || c.retracted) return
        const change = [{ themes: ['work'] }, { subject: `Gecorrigeerd ${i}` }, { form: 'call' }, { themes: [] }][step.change]!
        emit('official', 'correctContact', { contactId: c.id, ...change, reason: 'typo' })
        return
      }
      case 'retract': {
        const c = pick(contacts, step.contact)
        if (!c || c.retracted) return
        c.retracted = true
        emit('official', 'retractContact', { contactId: c.id, reason: 'entered twice' })
        return
      }
      case 'person': {
        const o = pick(orgs, step.org)
        const personId = testId('f', ++n)
        const org = o && step.tag % 3 !== 0 ? o : undefined
        persons.push({ id: personId, erased: false, ...(org ? { org } : {}) })
        emit('official', 'registerKeyFigure', {
          personId,
          ...(org ? { organisationId: org.id } : {}),
          name: `Persoon ${step.tag.toString(36)}x${n}`,
          email: `p${n}.${step.tag}@voorbeeld.nl`,
          phone: `+31 6 ${String(10_000_000 + step.tag).slice(0, 8)}`,
        })
        return
      }
      case 'erase': {
        const p = pick(persons, step.person)
        if (!p || p.erased) return
        p.erased = true
        emit('privacy-officer', 'eraseKeyFigure', { personId: p.id, reason: 'retention period passed' })
        return
      }
    }
  })
  return out
}

/**
 * Whole valid histories: every command is accepted when executed in order at `HISTORY_NOW` on an
 * empty register; they start with the grants that open it (`TEST_GRANTS`), unless `grants: false`.
 *
 * @example
 * fc.assert(fc.asyncProperty(arbHistory(), async (commands) => {
 *   const ledger = createLedger({ store: memoryEventStore(), keys: memoryKeyStore(), clock: fixedClock(HISTORY_NOW) })
 *   for (const c of commands) expect(E.isRight(await ledger.execute(c))).toBe(true)
 * }))
 */
export const arbHistory = (options: { readonly minSteps?: number; readonly maxSteps?: number } & HistoryOptions = {}): fc.Arbitrary<ReadonlyArray<CommandJson>> => {
  const maxLength = options.maxSteps ?? 80
  const minLength = Math.min(options.minSteps ?? 20, maxLength)
  return fc.array(stepArb, { minLength, maxLength, size: 'max' }).map((steps) => compileHistory(steps, options))
}
