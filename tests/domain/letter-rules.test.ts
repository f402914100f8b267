/**
 * The rules as the letter draws them (issue 13, and rule 2's sentences of issue 14), given / when /
 * then: rule 2 judged on the contact's date, key figures and corrections judged too, acknowledged
 * breaches (rule 3), the two grounds (rule 4), partnerships judged on their start (rule 6),
 * reviews and retractions, and what a register written by an earlier version keeps (rule 22).
 */
import { describe, expect, it } from 'vitest'
import { event, type DomainEvent } from '../../src/domain/events.js'
import { deciderSpec } from '../../src/testing/decider-spec.js'
import { ADVICE_1, CONTACT_1, DECISION_1, ORG_A, ORG_B, PARTNERSHIP_1, PERSON_1, TODAY, actors, cmd, factIdOf } from '../fixtures/domain.js'

const spec = deciderSpec({ today: TODAY })
const ADVICE_2 = 'b2000000-0000-4000-8000-0000000000b2'
const FACT_A = factIdOf(ORG_A)
const sealed = { alg: 'A256GCM', iv: 'aXY=', ciphertext: 'Y3Q=', tag: 'dGFn' } as const

const e = {
  registered: (organisationId = ORG_A, name = 'Stichting Samen Verder') => event('OrganisationRegistered', { organisationId, name, kind: 'self-organisation' } as never),
  endorsed: (endorsedOn = '2024-01-01') => event('ValuesEndorsed', { organisationId: ORG_A, endorsedOn, documentRef: 'SZW-1' } as never),
  withdrawn: (withdrawnOn: string) => event('EndorsementWithdrawn', { organisationId: ORG_A, withdrawnOn, reason: 'r' } as never),
  partnership: (startedOn = '2024-01-15', partnershipId = PARTNERSHIP_1) =>
    event('PartnershipStarted', { partnershipId, organisationId: ORG_A, programme: 'actieagenda-integratie', themes: ['language'], startedOn } as never),
  advice: (advice: string, receivedOn: string, extra: Record<string, unknown> = {}, adviceId = ADVICE_1, organisationId = ORG_A) =>
    event('VettingAdviceRecorded', { adviceId, organisationId, source: 'security-service', advice, receivedOn, reference: 'VD-1', ...extra } as never),
  statement: (observedOn = '2024-12-01', listingRef = 'EU-terroristenlijst', kind = 'public-statement') =>
    event('FactRecorded', { factId: FACT_A, organisationId: ORG_A, kind, observedOn, source: 'website', reference: 'PUB-1', ...(listingRef ? { listingRef } : {}) } as never),
  excluded: (decidedOn = '2024-06-01', ground = 'supports-terrorist-organisation', organisationId = ORG_A) =>
    event('ExclusionDecided', { decisionId: DECISION_1, organisationId, decidedOn, grounds: [{ ground, evidenceRefs: [FACT_A] }], rationale: 'r', reviewBy: '2025-01-01' } as never),
  lifted: (liftedOn: string) => event('ExclusionLifted', { decisionId: DECISION_1, organisationId: ORG_A, liftedOn, rationale: 'review' } as never),
  contact: (occurredOn = '2024-02-01', category = 'signalling', extra: Record<string, unknown> = {}) =>
    event('ContactRecorded', { contactId: CONTACT_1, organisationIds: [ORG_A], personIds: [], occurredOn, form: 'meeting', category, themes: [], officials: [], ...extra } as never),
  person: (organisationId = ORG_A) => event('KeyFigureRegistered', { personId: PERSON_1, organisationId, personal: sealed } as never),
}
const types = (xs: ReadonlyArray<DomainEvent>) => xs.map((x) => x.type)
const correct = (payload: Record<string, unknown>) => ({ command: 'correctContact', actor: actors.official, payload: { contactId: CONTACT_1, reason: 'herstel', ...payload } })
const accepted = (r: { result: { _tag: string } }) => expect(r.result._tag).toBe('Right')

describe('rule 2: judged on the contact\'s date, against the exclusion\'s and the advice\'s own dates', () => {
  it('accepts a contact dated before an exclusion that was recorded first (a late entry of the past)', () => {
    accepted(spec.given([e.registered(), e.statement(), e.excluded('2024-06-01')]).when(cmd.contact([ORG_A], { occurredOn: '2023-03-01' })))
  })
  it('accepts a contact dated before an advice, entered after it', () => {
    accepted(spec.given([e.registered(), e.advice('advised-against', '2024-09-01')]).when(cmd.contact([ORG_A], { occurredOn: '2023-05-10' })))
  })
  it('refuses a contact on the day of the exclusion or inside it, naming the decision', () => {
    for (const occurredOn of ['2024-06-01', '2024-12-31']) {
      const r = spec.given([e.registered(), e.statement(), e.excluded('2024-06-01')]).when(cmd.contact([ORG_A], { occurredOn })).thenRejects('OrganisationExcluded')
      expect(r.message).toContain(DECISION_1)
    }
  })
  it('refuses a contact dated inside an exclusion even when it is entered after the lift; accepts one on the lift\'s day', () => {
    const lifted = [e.registered(), e.statement(), e.excluded('2024-06-01'), e.lifted('2025-03-01')]
    spec.given(lifted).when(cmd.contact([ORG_A], { occurredOn: '2024-10-01' })).thenRejects('OrganisationExcluded')
    accepted(spec.given(lifted).when(cmd.contact([ORG_A], { occurredOn: '2025-03-01' })))
  })
  it('a later no-objection of the same service ends the advice from its date; one of another service does not', () => {
    const aivd = [e.registered(), e.advice('advised-against', '2024-09-01', { service: 'AIVD' })]
    const same = [...aivd, e.advice('no-objection', '2024-12-01', { service: 'AIVD' }, ADVICE_2)]
    accepted(spec.given(same).when(cmd.contact([ORG_A], { occurredOn: '2025-01-05' })))
    spec.given(same).when(cmd.contact([ORG_A], { occurredOn: '2024-10-01' })).thenRejects('AdvisedAgainst')
    spec.given([...aivd, e.advice('no-objection', '2024-12-01', { service: 'MIVD' }, ADVICE_2)]).when(cmd.contact([ORG_A], { occurredOn: '2025-01-05' })).thenRejects('AdvisedAgainst')
  })
  it('an advice naming no service is superseded by any later security-service advice', () => {
    accepted(spec.given([e.registered(), e.advice('advised-against', '2024-09-01'), e.advice('no-objection', '2024-12-01', { service: 'MIVD' }, ADVICE_2)]).when(cmd.contact([ORG_A], { occurredOn: '2025-01-05' })))
  })
  it('a fact never blocks: a public statement alone refuses nothing', () => {
    accepted(spec.given([e.registered(), e.statement('2024-01-01')]).when(cmd.contact([ORG_A], { occurredOn: '2024-06-01' })))
  })
  it('a contact with a key figure counts for the key figure\'s organisation (issue 14)', () => {
    const given = [e.registered(), e.person(), e.statement(), e.excluded('2024-06-01')]
    const r = spec.given(given).when(cmd.contact([], { personIds: [PERSON_1], occurredOn: '2024-07-01' })).thenRejects('OrganisationExcluded')
    expect(r.message).toContain(DECISION_1)
    accepted(spec.given(given).when(cmd.contact([], { personIds: [PERSON_1], occurredOn: '2024-05-01' })))
  })
})

describe('rule 2 for corrections: a correction of date, parties or category is judged again (issue 14)', () => {
  const given = [e.registered(), e.registered(ORG_B, 'B'), e.contact('2024-02-01'), e.statement(), e.excluded('2024-06-01')]
  it('refuses moving a contact\'s date into an exclusion', () => {
    spec.given(given).when(correct({ occurredOn: '2025-01-01' })).thenRejects('OrganisationExcluded')
  })
  it('refuses reclassifying a contact that lies inside a period found afterwards', () => {
    const inside = [e.registered(), e.contact('2024-07-01'), e.statement(), e.excluded('2024-06-01')]
    spec.given(inside).when(correct({ category: 'incidental' })).thenRejects('OrganisationExcluded')
  })
  it('refuses moving a contact to an excluded organisation or a key figure of one', () => {
    const other = [e.registered(), e.registered(ORG_B, 'B'), event('ContactRecorded', { contactId: CONTACT_1, organisationIds: [ORG_B], personIds: [], occurredOn: '2024-08-01', form: 'meeting', category: 'incidental', themes: [], officials: [] } as never), e.statement(), e.excluded('2024-06-01'), e.person()]
    spec.given(other).when(correct({ organisationIds: [ORG_A] })).thenRejects('OrganisationExcluded')
    spec.given(other).when(correct({ personIds: [PERSON_1] })).thenRejects('OrganisationExcluded')
  })
  it('accepts a correction of the subject or themes of such a contact, and a date still before the period', () => {
    accepted(spec.given(given).when(correct({ themes: ['work'] })))
    accepted(spec.given(given).when(correct({ occurredOn: '2024-05-31' })))
  })
  it('accepts the move only as an acknowledged breach, with the BreachAcknowledged event in the same append', () => {
    const out = spec.given(given).when(correct({ occurredOn: '2025-01-01', breach: { reason: 'de datum was echt 1 januari' } })).result
    expect(out._tag === 'Right' && types(out.right)).toEqual(['ContactCorrected', 'BreachAcknowledged'])
    expect(out._tag === 'Right' && out.right[1]!.data).toMatchObject({ contactId: CONTACT_1, organisationIds: [ORG_A], decisionIds: [DECISION_1], adviceIds: [] })
  })
})

describe('rule 3: a refused contact is entered only as an acknowledged breach, recorded at once and reviewed', () => {
  const given = [e.registered(), e.advice('advised-against', '2024-09-01', { service: 'AIVD' })]
  it('records the contact and the breach in one append, naming the advice', () => {
    const out = spec.given(given).when(cmd.contact([ORG_A], { occurredOn: '2024-10-01', breach: { reason: 'toevallig ontmoet op een congres' } })).result
    expect(out._tag === 'Right' && types(out.right)).toEqual(['ContactRecorded', 'BreachAcknowledged'])
    expect(out._tag === 'Right' && out.right[1]!.data).toMatchObject({ organisationIds: [ORG_A], adviceIds: [ADVICE_1], decisionIds: [], reason: 'toevallig ontmoet op een congres' })
  })
  it('refuses a breach acknowledgement for a contact nothing blocks (no false breaches in the auditor\'s view)', () => {
    spec.given(given).when(cmd.contact([ORG_A], { occurredOn: '2024-08-01', breach: { reason: 'x' } })).thenRejects('InvalidCommand')
  })
  it('a breach needs a reason: an empty one is a DecodeError naming payload.breach.reason', () => {
    const r = spec.given(given).when(cmd.contact([ORG_A], { occurredOn: '2024-10-01', breach: { reason: ' ' } })).thenRejects('DecodeError')
    expect(r.message).toContain('payload.breach.reason')
  })
  it('a coordinator reviews a breach; a contact that was no breach, or an official, cannot be reviewed so', () => {
    const breached = [...given, e.contact('2024-10-01', 'incidental'), event('BreachAcknowledged', { contactId: CONTACT_1, organisationIds: [ORG_A], occurredOn: '2024-10-01', reason: 'congres', decisionIds: [], adviceIds: [ADVICE_1] } as never)]
    const review = { command: 'reviewBreach', actor: actors.coordinator, payload: { contactId: CONTACT_1, reviewedOn: '2024-10-15', note: 'besproken' } }
    spec.given(breached).when(review).then([event('BreachReviewed', review.payload as never)])
    spec.given([e.registered(), e.contact()]).when(review).thenRejects('NotActive')
    spec.given(breached).when({ ...review, actor: actors.official }).thenRejects('Unauthorized')
  })
})

describe('rule 4: exactly two grounds, each demonstrable', () => {
  it('refuses the ministry\'s own judgements with GroundNotAllowed, whatever their evidence', () => {
    for (const ground of ['opposed-integration', 'foreign-influence-agenda']) {
      const r = spec.given([e.registered(), e.statement()]).when(cmd.exclude([{ ground, evidenceRefs: ['krantenartikel'] }])).thenRejects('GroundNotAllowed')
      expect(r.message).toContain('no legal basis')
    }
    spec.given([e.registered(), e.statement()]).when(cmd.exclude([{ ground: 'supports-terrorist-organisation', evidenceRefs: [FACT_A] }, { ground: 'opposed-integration', evidenceRefs: ['P'] }])).thenRejects('GroundNotAllowed')
  })
  it('supports-terrorist-organisation cites a public-statement fact with a listing reference, observed by the decision\'s date', () => {
    accepted(spec.given([e.registered(), e.statement()]).when(cmd.exclude()))
    spec.given([e.registered(), e.statement('2024-12-01', '')]).when(cmd.exclude()).thenRejects('EvidenceMissing')
    spec.given([e.registered(), e.statement('2024-12-01', 'EU', 'third-country-funding')]).when(cmd.exclude()).thenRejects('EvidenceMissing')
    spec.given([e.registered(), e.statement('2025-02-01')]).when(cmd.exclude()).thenRejects('EvidenceMissing')
    spec.given([e.registered()]).when(cmd.exclude([{ ground: 'supports-terrorist-organisation', evidenceRefs: ['PUB-1'] }])).thenRejects('EvidenceMissing')
  })
  it('security-service-advice cites, by id, a security service\'s advised-against advice outstanding on the decision\'s date', () => {
    const ground = [{ ground: 'security-service-advice', evidenceRefs: [ADVICE_1] }]
    accepted(spec.given([e.registered(), e.advice('advised-against', '2024-09-01', { service: 'AIVD' })]).when(cmd.exclude(ground)))
    // a public source's advice an earlier version recorded: the record would falsely say a security service advised against
    spec.given([e.registered(), e.advice('advised-against', '2024-09-01', { source: 'public-sources' })]).when(cmd.exclude(ground)).thenRejects('AdviceMissing')
    // superseded before the decision's date
    spec.given([e.registered(), e.advice('advised-against', '2024-09-01', { service: 'AIVD' }), e.advice('no-objection', '2024-12-01', { service: 'AIVD' }, ADVICE_2)]).when(cmd.exclude(ground)).thenRejects('AdviceMissing')
    // retracted
    spec.given([e.registered(), e.advice('advised-against', '2024-09-01'), event('VettingAdviceRetracted', { adviceId: ADVICE_1, organisationId: ORG_A, reason: 'fout' } as never)]).when(cmd.exclude(ground)).thenRejects('AdviceMissing')
  })
  it('new advice comes only from a security service, optionally naming AIVD or MIVD; other sources are facts', () => {
    const r = spec.given([e.registered()]).when(cmd.advice('advised-against', '2024-09-01', 'public-sources')).thenRejects('DecodeError')
    expect(r.message).toContain('payload.source')
    expect(r.message).toContain('recordFact')
    const aivd = { ...cmd.advice('advised-against', '2024-09-01', 'security-service', ORG_A, ADVICE_1), payload: { ...cmd.advice('advised-against', '2024-09-01', 'security-service', ORG_A, ADVICE_1).payload, service: 'AIVD' } }
    spec.given([e.registered()]).when(aivd).then([e.advice('advised-against', '2024-09-01', { service: 'AIVD', reference: 'VD-2024-1' })])
    spec.given([e.registered()]).when({ ...aivd, payload: { ...aivd.payload, service: 'NCTV' } }).thenRejects('DecodeError')
  })
  it('a listing reference belongs only to a public statement', () => {
    const fact = { command: 'recordFact', actor: actors.vetting, payload: { organisationId: ORG_A, kind: 'third-country-funding', observedOn: '2024-05-01', source: 'jaarrekening', reference: 'FIN-1', listingRef: 'EU' } }
    spec.given([e.registered()]).when(fact).thenRejects('DecodeError')
  })
})

describe('rule 22: what a register written by an earlier version keeps', () => {
  const legacyExclusion = [e.registered(), e.excluded('2024-06-01', 'opposed-integration')]
  const legacyAdvice = [e.registered(), e.advice('advised-against', '2024-09-01', { source: 'public-sources' })]
  it('an old exclusion on opposed-integration keeps blocking until a vetting officer lifts it', () => {
    spec.given(legacyExclusion).when(cmd.contact([ORG_A], { occurredOn: '2024-07-01' })).thenRejects('OrganisationExcluded')
    accepted(spec.given([...legacyExclusion, e.lifted('2025-02-01')]).when(cmd.contact([ORG_A], { occurredOn: '2025-02-01' })))
  })
  it('an old advised-against from public sources keeps blocking, also after a security service\'s no-objection, until it is retracted', () => {
    spec.given(legacyAdvice).when(cmd.contact([ORG_A], { occurredOn: '2024-10-01' })).thenRejects('AdvisedAgainst')
    spec.given([...legacyAdvice, e.advice('no-objection', '2024-12-01', { service: 'AIVD' }, ADVICE_2)]).when(cmd.contact([ORG_A], { occurredOn: '2025-01-01' })).thenRejects('AdvisedAgainst')
    const retract = { command: 'retractVettingAdvice', actor: actors.vetting, payload: { adviceId: ADVICE_1, reason: 'openbare bronnen zijn geen advies van een veiligheidsdienst' } }
    spec.given(legacyAdvice).when(retract).then([event('VettingAdviceRetracted', { adviceId: ADVICE_1, organisationId: ORG_A, reason: retract.payload.reason } as never)])
    const retracted = [...legacyAdvice, event('VettingAdviceRetracted', { adviceId: ADVICE_1, organisationId: ORG_A, reason: 'r' } as never)]
    accepted(spec.given(retracted).when(cmd.contact([ORG_A], { occurredOn: '2024-10-01' })))
    spec.given(retracted).when(retract).thenRejects('NotActive')
    spec.given([e.registered()]).when(retract).thenRejects('UnknownAdvice')
    spec.given(legacyAdvice).when({ ...retract, actor: actors.official }).thenRejects('Unauthorized')
  })
})

describe('rule 17: an exclusion is reviewed', () => {
  const review = (payload: Record<string, unknown> = {}) => ({
    command: 'reviewExclusion',
    actor: actors.vetting,
    payload: { decisionId: DECISION_1, reviewedOn: '2025-01-05', outcome: 'maintained', rationale: 'steunbetuiging staat nog online', nextReviewBy: '2026-01-05', ...payload },
  })
  it('records a review that maintains the exclusion, with its next review date', () => {
    spec.given([e.registered(), e.statement(), e.excluded()]).when(review()).then([event('ExclusionReviewed', { ...review().payload, organisationId: ORG_A } as never)])
  })
  it('refuses a review of an unknown or lifted decision, before the decision, in the future, or with a next date not after it', () => {
    spec.given([e.registered()]).when(review()).thenRejects('UnknownDecision')
    spec.given([e.registered(), e.statement(), e.excluded(), e.lifted('2024-12-01')]).when(review()).thenRejects('NotActive')
    spec.given([e.registered(), e.statement(), e.excluded()]).when(review({ reviewedOn: '2024-05-01' })).thenRejects('InvalidCommand')
    spec.given([e.registered(), e.statement(), e.excluded()]).when(review({ reviewedOn: '2025-07-01' })).thenRejects('FutureDate')
    spec.given([e.registered(), e.statement(), e.excluded()]).when(review({ nextReviewBy: '2025-01-05' })).thenRejects('InvalidCommand')
    spec.given([e.registered(), e.statement(), e.excluded()]).when(review({ outcome: 'lifted' })).thenRejects('DecodeError')
  })
})

describe('rule 6: a partnership is judged on its start date', () => {
  it('accepts a partnership entered late, started while the endorsement stood and before the exclusion, and ends it on the exclusion\'s date in the same append', () => {
    const out = spec.given([e.registered(), e.endorsed('2023-01-10'), e.statement(), e.excluded('2024-06-01')]).when(cmd.startPartnership(ORG_A, '2023-02-01')).result
    expect(out._tag === 'Right' && out.right.map((x) => [x.type, (x.data as { endedOn?: string; reason?: string }).endedOn, (x.data as { reason?: string }).reason])).toEqual([
      ['PartnershipStarted', undefined, undefined],
      ['PartnershipEnded', '2024-06-01', 'excluded'],
    ])
  })
  it('refuses an endorsement dated after the start (EndorsementMissing) and a start in the future (FutureDate)', () => {
    spec.given([e.registered(), e.endorsed('2025-03-01')]).when(cmd.startPartnership(ORG_A, '2023-02-01')).thenRejects('EndorsementMissing')
    spec.given([e.registered(), e.endorsed('2024-01-01')]).when(cmd.startPartnership(ORG_A, '2025-06-02')).thenRejects('FutureDate')
  })
  it('accepts a start while the endorsement stood, ending the partnership on its later withdrawal', () => {
    const out = spec.given([e.registered(), e.endorsed('2024-01-01'), e.withdrawn('2024-09-01')]).when(cmd.startPartnership(ORG_A, '2024-02-01')).result
    expect(out._tag === 'Right' && out.right.map((x) => (x.data as { reason?: string }).reason ?? x.type)).toEqual(['PartnershipStarted', 'endorsement-withdrawn'])
  })
  it('refuses a start inside an advice\'s period, and a second partnership of the programme active on the start', () => {
    spec.given([e.registered(), e.endorsed(), e.advice('advised-against', '2024-09-01')]).when(cmd.startPartnership(ORG_A, '2024-10-01')).thenRejects('AdvisedAgainst')
    const r = spec.given([e.registered(), e.endorsed(), e.partnership('2024-01-15')]).when(cmd.startPartnership(ORG_A, '2024-03-01', 'd2000000-0000-4000-8000-0000000000d2')).thenRejects('AlreadyExists')
    expect(r.message).toContain(PARTNERSHIP_1)
  })
})

describe('rule 2 through the ledger: a key figure\'s organisation is read also in a batch (issue 14)', () => {
  it('refuses, in a batch, a contact with only a key figure of an organisation excluded on the contact\'s date', async () => {
    const { openedLedger, run } = await import('../fixtures/domain.js')
    const E = await import('fp-ts/lib/Either.js')
    const ledger = await openedLedger()
    await run(ledger, cmd.registerOrganisation(), cmd.statement(), cmd.exclude(), { command: 'registerKeyFigure', actor: actors.official, payload: { personId: PERSON_1, organisationId: ORG_A, name: 'J. de Vries' } })
    const r = await ledger.executeBatch([cmd.registerOrganisation(ORG_B, 'B'), cmd.contact([], { personIds: [PERSON_1], occurredOn: '2025-02-01' })])
    expect(E.isLeft(r) && [r.left.index, r.left.rejection._tag]).toEqual([1, 'OrganisationExcluded'])
    const alone = await ledger.execute(cmd.contact([], { personIds: [PERSON_1], occurredOn: '2025-02-01' }))
    expect(E.isLeft(alone) && alone.left._tag).toBe('OrganisationExcluded')
  })
})
