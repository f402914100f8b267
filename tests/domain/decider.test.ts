/**
 * given / when / then for every rule of DOMAIN.md that the deciders keep, accepted and rejected,
 * checking the rejection tag.
 */
import { describe, expect, it } from 'vitest'
import { event, type DomainEvent } from '../../src/domain/events.js'
import { deciderSpec } from '../../src/testing/decider-spec.js'
import { ADVICE_1, CONTACT_1, DECISION_1, ORG_A, ORG_B, PARTNERSHIP_1, PERSON_1, TODAY, actors, cmd, confirm } from '../fixtures/domain.js'

const spec = deciderSpec({ today: TODAY })

/**
 * Rule 19: a command that is a proposal appends only ProposalMade; given that, a second vetting
 * officer's confirmation appends ProposalConfirmed and the effect, which this returns as an outcome.
 */
const proposedThenConfirmed = (history: ReadonlyArray<DomainEvent>, command: unknown) => {
  const made = spec.given(history).when(command).result
  if (made._tag === 'Left') return spec.given(history).when(command)
  expect(made.right.map((x) => x.type)).toEqual(['ProposalMade'])
  const proposal = made.right[0]! as DomainEvent & { type: 'ProposalMade' }
  const outcome = spec.given([...history, proposal]).when(confirm(proposal.data.proposalId, 'vetting-officer'))
  const result = outcome.result._tag === 'Right' ? { _tag: 'Right' as const, right: outcome.result.right.slice(1) } : outcome.result
  if (outcome.result._tag === 'Right') expect(outcome.result.right[0]!.type).toBe('ProposalConfirmed')
  return { result, then: (expected: ReadonlyArray<DomainEvent>) => expect(JSON.parse(JSON.stringify(result))).toEqual({ _tag: 'Right', right: JSON.parse(JSON.stringify(expected)) }) }
}
const ADVICE_2 = 'b2000000-0000-4000-8000-0000000000b2'
const sealed = { alg: 'A256GCM', iv: 'aXY=', ciphertext: 'Y3Q=', tag: 'dGFn' } as const
const withSealed = deciderSpec({ today: TODAY, sealed })

const e = {
  registered: (organisationId = ORG_A, name = 'Stichting Samen Verder') =>
    event('OrganisationRegistered', { organisationId, name, kind: 'self-organisation' } as never),
  endorsed: (organisationId = ORG_A) => event('ValuesEndorsed', { organisationId, endorsedOn: '2024-01-01', documentRef: 'SZW-2024-1' } as never),
  partnership: (organisationId = ORG_A, partnershipId = PARTNERSHIP_1, startedOn = '2024-01-15') =>
    event('PartnershipStarted', { partnershipId, organisationId, programme: 'actieagenda-integratie', themes: ['language'], startedOn } as never),
  advice: (advice: string, receivedOn = '2024-09-01', source = 'security-service', adviceId = ADVICE_1) =>
    event('VettingAdviceRecorded', { adviceId, organisationId: ORG_A, source, advice, receivedOn, reference: 'VD-1' } as never),
  excluded: () =>
    event('ExclusionDecided', {
      decisionId: DECISION_1,
      organisationId: ORG_A,
      decidedOn: '2025-01-10',
      grounds: [{ ground: 'opposed-integration', evidenceRefs: ['PUB-1'] }],
      rationale: 'r',
    } as never),
  lifted: () => event('ExclusionLifted', { decisionId: DECISION_1, organisationId: ORG_A, liftedOn: '2025-03-01', rationale: 'review' } as never),
  contact: (category = 'incidental') =>
    event('ContactRecorded', {
      contactId: CONTACT_1,
      organisationIds: [ORG_A],
      personIds: [],
      occurredOn: '2024-03-05',
      form: 'meeting',
      category,
      themes: ['language'],
      officials: [],
      subject: 'Overleg',
    } as never),
  person: () => event('KeyFigureRegistered', { personId: PERSON_1, personal: sealed } as never),
  erased: () => event('KeyFigureErased', { personId: PERSON_1, reason: 'verzoek' } as never),
}
const types = (events: ReadonlyArray<DomainEvent>) => events.map((x) => x.type)

describe('rule 1: corrections and retractions say why, and nothing is rewritten', () => {
  it('a correction of a recorded contact is a new ContactCorrected event with its reason', () => {
    spec
      .given([e.registered(), e.contact()])
      .when({ command: 'correctContact', actor: actors.official, payload: { contactId: CONTACT_1, themes: ['work'], reason: 'typo' } })
      .then([event('ContactCorrected', { contactId: CONTACT_1, themes: ['work'], reason: 'typo' } as never)])
  })
  it('a retraction of a recorded contact is a ContactRetracted event; a second one is refused', () => {
    const retracted = event('ContactRetracted', { contactId: CONTACT_1, reason: 'dubbel' } as never)
    spec.given([e.registered(), e.contact()]).when({ command: 'retractContact', actor: actors.official, payload: { contactId: CONTACT_1, reason: 'dubbel' } }).then([retracted])
    spec.given([e.registered(), e.contact(), retracted]).when({ command: 'retractContact', actor: actors.official, payload: { contactId: CONTACT_1, reason: 'x' } }).thenRejects('NotActive')
  })
  it('correcting or retracting an unknown contact is UnknownContact', () => {
    spec.given([]).when({ command: 'retractContact', actor: actors.official, payload: { contactId: CONTACT_1, reason: 'x' } }).thenRejects('UnknownContact')
    spec.given([]).when({ command: 'correctContact', actor: actors.official, payload: { contactId: CONTACT_1, themes: [], reason: 'x' } }).thenRejects('UnknownContact')
  })
  it('a correction must change something', () => {
    spec.given([e.registered(), e.contact()]).when({ command: 'correctContact', actor: actors.official, payload: { contactId: CONTACT_1, reason: 'x' } }).thenRejects('InvalidCommand')
  })
})

describe('rule 2: no contact with an excluded or advised-against organisation', () => {
  it('records a contact with a registered organisation in good standing', () => {
    expect(types(spec.given([e.registered()]).when(cmd.contact()).then([
      event('ContactRecorded', { contactId: 'f0000000-0000-7000-8000-000000000001', organisationIds: [ORG_A], personIds: [], occurredOn: '2024-03-05', form: 'meeting', category: 'incidental', themes: ['language'], officials: [] } as never),
    ]))).toEqual(['ContactRecorded'])
  })
  it('refuses a contact of any category with an excluded organisation, naming the decision', () => {
    for (const category of ['incidental', 'signalling']) {
      const r = spec.given([e.registered(), e.excluded()]).when(cmd.contact([ORG_A], { category, occurredOn: '2025-02-01' })).thenRejects('OrganisationExcluded')
      expect(r.message).toContain(DECISION_1)
    }
  })
  it('refuses a contact while an advised-against advice is outstanding, naming the advice', () => {
    const r = spec.given([e.registered(), e.advice('advised-against')]).when(cmd.contact([ORG_A], { occurredOn: '2024-10-01' })).thenRejects('AdvisedAgainst')
    expect(r.message).toContain(ADVICE_1)
  })
  it('a later no-objection from the same source supersedes the advised-against advice', () => {
    expect(spec.given([e.registered(), e.advice('advised-against'), e.advice('no-objection', '2024-10-01', 'security-service', ADVICE_2)]).when(cmd.contact([ORG_A], { occurredOn: '2024-11-01' })).result._tag).toBe('Right')
  })
  it('a no-objection from another source does not supersede it', () => {
    spec.given([e.registered(), e.advice('advised-against'), e.advice('no-objection', '2024-10-01', 'public-sources', ADVICE_2)]).when(cmd.contact([ORG_A], { occurredOn: '2024-11-01' })).thenRejects('AdvisedAgainst')
  })
  it('an earlier-dated no-objection entered later does not supersede a later advised-against', () => {
    spec.given([e.registered(), e.advice('advised-against', '2024-09-01'), e.advice('no-objection', '2024-08-01', 'security-service', ADVICE_2)]).when(cmd.contact([ORG_A], { occurredOn: '2024-11-01' })).thenRejects('AdvisedAgainst')
  })
  it('a lifted exclusion no longer refuses contacts', () => {
    expect(spec.given([e.registered(), e.excluded(), e.lifted()]).when(cmd.contact([ORG_A], { occurredOn: '2025-03-01' })).result._tag).toBe('Right')
  })
  it('refuses a contact with an unregistered organisation', () => {
    spec.given([]).when(cmd.contact([ORG_B])).thenRejects('UnknownOrganisation')
  })
  it('refuses a correction that adds an excluded organisation to a contact', () => {
    spec
      .given([e.registered(), e.registered(ORG_B, 'B'), e.contact(), event('ExclusionDecided', { decisionId: DECISION_1, organisationId: ORG_B, decidedOn: '2025-01-10', grounds: [{ ground: 'opposed-integration', evidenceRefs: ['P'] }], rationale: 'r' } as never)])
      .when({ command: 'correctContact', actor: actors.official, payload: { contactId: CONTACT_1, organisationIds: [ORG_A, ORG_B], occurredOn: '2025-02-01', reason: 'vergeten' } })
      .thenRejects('OrganisationExcluded')
  })
})

describe('rule 4: an exclusion is demonstrable', () => {
  it('needs at least one ground', () => {
    spec.given([e.registered()]).when(cmd.exclude([])).thenRejects('EvidenceMissing')
  })
  it('needs at least one evidence reference per ground', () => {
    const r = spec.given([e.registered(), e.advice('advised-against')]).when(cmd.exclude([{ ground: 'security-service-advice', evidenceRefs: [ADVICE_1] }, { ground: 'supports-terrorist-organisation', evidenceRefs: [] }])).thenRejects('EvidenceMissing')
    expect(r.message).toContain('supports-terrorist-organisation')
  })
  it('a security-service-advice ground needs an advised-against advice on record', () => {
    spec.given([e.registered()]).when(cmd.exclude([{ ground: 'security-service-advice', evidenceRefs: [ADVICE_1] }])).thenRejects('AdviceMissing')
    spec.given([e.registered(), e.advice('no-objection')]).when(cmd.exclude([{ ground: 'security-service-advice', evidenceRefs: [ADVICE_1] }])).thenRejects('AdviceMissing')
    // cited by its id, not by its reference
    spec.given([e.registered(), e.advice('advised-against')]).when(cmd.exclude([{ ground: 'security-service-advice', evidenceRefs: ['VD-1'] }])).thenRejects('AdviceMissing')
    expect(spec.given([e.registered(), e.advice('advised-against')]).when(cmd.exclude([{ ground: 'security-service-advice', evidenceRefs: [ADVICE_1] }])).result._tag).toBe('Right')
  })
  it('an organisation already excluded cannot be excluded again until lifted', () => {
    spec.given([e.registered(), e.excluded()]).when(cmd.exclude(undefined, ORG_A, 'e2000000-0000-4000-8000-0000000000e2')).thenRejects('AlreadyExcluded')
  })
  it('lifting names a decision of that organisation, once', () => {
    const lift = { command: 'liftExclusion', actor: actors.vetting, payload: { organisationId: ORG_A, decisionId: DECISION_1, liftedOn: '2025-03-01', rationale: 'review' } }
    spec.given([e.registered()]).when(lift).thenRejects('UnknownDecision')
    spec.given([e.registered(), e.excluded(), e.lifted()]).when(lift).thenRejects('NotActive')
    proposedThenConfirmed([e.registered(), e.excluded()], lift).then([e.lifted()])
  })
})

describe('rule 5: an exclusion ends the active partnerships in the same append', () => {
  it('appends ExclusionDecided and a PartnershipEnded for each active partnership', () => {
    const out = proposedThenConfirmed([e.registered(), e.endorsed(), e.partnership(), e.advice('advised-against')], cmd.exclude([{ ground: 'security-service-advice', evidenceRefs: [ADVICE_1] }])).result
    expect(out._tag).toBe('Right')
    if (out._tag === 'Right') {
      expect(types(out.right)).toEqual(['ExclusionDecided', 'PartnershipEnded'])
      expect(out.right[1]!.data).toMatchObject({ partnershipId: PARTNERSHIP_1, endedOn: '2025-01-10', reason: 'excluded', causedBy: DECISION_1 })
    }
  })
})

describe('rule 6: partnerships need a registered, endorsing organisation in good standing', () => {
  it('starts a partnership with the default programme', () => {
    spec.given([e.registered(), e.endorsed()]).when(cmd.startPartnership()).then([e.partnership()])
  })
  it('refuses without a standing endorsement', () => {
    spec.given([e.registered()]).when(cmd.startPartnership()).thenRejects('EndorsementMissing')
    spec
      .given([e.registered(), e.endorsed(), event('EndorsementWithdrawn', { organisationId: ORG_A, withdrawnOn: '2024-02-01', reason: 'r' } as never)])
      .when(cmd.startPartnership(ORG_A, '2024-03-01'))
      .thenRejects('EndorsementMissing')
  })
  it('refuses for an unknown, excluded or advised-against organisation', () => {
    spec.given([]).when(cmd.startPartnership()).thenRejects('UnknownOrganisation')
    spec.given([e.registered(), e.endorsed(), e.excluded()]).when(cmd.startPartnership(ORG_A, '2025-02-01')).thenRejects('OrganisationExcluded')
    spec.given([e.registered(), e.endorsed(), e.advice('advised-against')]).when(cmd.startPartnership(ORG_A, '2024-10-01')).thenRejects('AdvisedAgainst')
  })
  it('withdrawing the endorsement ends the partnership', () => {
    const out = spec
      .given([e.registered(), e.endorsed(), e.partnership()])
      .when({ command: 'withdrawEndorsement', actor: actors.coordinator, payload: { organisationId: ORG_A, withdrawnOn: '2025-02-01', reason: 'r' } }).result
    expect(out._tag === 'Right' && out.right.map((x) => [x.type, (x.data as { reason?: string }).reason])).toEqual([
      ['EndorsementWithdrawn', 'r'],
      ['PartnershipEnded', 'endorsement-withdrawn'],
    ])
  })
  it('a partnership ends once, not before it started', () => {
    const end = (endedOn: string) => ({ command: 'endPartnership', actor: actors.coordinator, payload: { partnershipId: PARTNERSHIP_1, endedOn, reason: 'completed' } })
    spec.given([e.registered(), e.endorsed()]).when(end('2025-01-01')).thenRejects('UnknownPartnership')
    spec.given([e.registered(), e.endorsed(), e.partnership()]).when(end('2023-01-01')).thenRejects('InvalidCommand')
    spec.given([e.registered(), e.endorsed(), e.partnership(), event('PartnershipEnded', { partnershipId: PARTNERSHIP_1, organisationId: ORG_A, endedOn: '2024-06-01', reason: 'completed' } as never)]).when(end('2025-01-01')).thenRejects('NotActive')
  })
  it('a partnership contact needs a partnership active that day', () => {
    spec.given([e.registered()]).when(cmd.contact([ORG_A], { category: 'partnership', subject: 'S' })).thenRejects('PartnershipMissing')
    spec.given([e.registered(), e.endorsed(), e.partnership()]).when(cmd.contact([ORG_A], { category: 'partnership', subject: 'S', occurredOn: '2024-01-14' })).thenRejects('PartnershipMissing')
    expect(spec.given([e.registered(), e.endorsed(), e.partnership()]).when(cmd.contact([ORG_A], { category: 'partnership', subject: 'S' })).result._tag).toBe('Right')
  })
})

describe('rule 11: dates cannot lie in the future of the moment of recording', () => {
  it('refuses a contact dated tomorrow and accepts one dated today', () => {
    spec.given([e.registered()]).when(cmd.contact([ORG_A], { occurredOn: '2025-06-02' })).thenRejects('FutureDate')
    expect(spec.given([e.registered()]).when(cmd.contact([ORG_A], { occurredOn: TODAY })).result._tag).toBe('Right')
  })
  it('refuses future advice, decisions and endorsements', () => {
    spec.given([e.registered()]).when(cmd.advice('advised-against', '2025-07-01')).thenRejects('FutureDate')
    spec.given([e.registered()]).when(cmd.endorse(ORG_A, '2025-12-01')).thenRejects('FutureDate')
    spec.given([e.registered()]).when({ ...cmd.exclude(), payload: { ...cmd.exclude().payload, decidedOn: '2026-01-01' } }).thenRejects('FutureDate')
  })
})

describe('rule 12: roles limit who may do what', () => {
  const cases: Array<[string, unknown]> = [
    ['an official may not register organisations', { ...cmd.registerOrganisation(), actor: actors.official }],
    ['a coordinator may not record contacts', { ...cmd.contact(), actor: actors.coordinator }],
    ['an official may not decide exclusions', { ...cmd.exclude(), actor: actors.official }],
    ['a vetting officer may not start partnerships', { ...cmd.startPartnership(), actor: actors.vetting }],
    ['an auditor may issue no command', { ...cmd.registerOrganisation(), actor: actors.auditor }],
    ['a reporting officer may not erase key figures', { command: 'eraseKeyFigure', actor: actors.reporting, payload: { personId: PERSON_1, reason: 'x' } }],
  ]
  it.each(cases)('%s', (_name, command) => {
    spec.given([e.registered()]).when(command).thenRejects('Unauthorized')
  })
})

describe('rule 10 in the decider: key figures', () => {
  it('registers a key figure with sealed data only', () => {
    const out = withSealed.given([]).when({ command: 'registerKeyFigure', actor: actors.official, payload: { personId: PERSON_1, name: 'Jan' } }).result
    expect(out._tag === 'Right' && out.right[0]!.data).toEqual({ personId: PERSON_1, personal: sealed })
  })
  it('erasing twice is PersonErased; erasing an unknown person is UnknownPerson', () => {
    const erase = { command: 'eraseKeyFigure', actor: actors.privacy, payload: { personId: PERSON_1, reason: 'verzoek' } }
    spec.given([]).when(erase).thenRejects('UnknownPerson')
    spec.given([e.person()]).when(erase).then([e.erased()])
    spec.given([e.person(), e.erased()]).when(erase).thenRejects('PersonErased')
  })
  it('a contact with an erased person is refused', () => {
    spec.given([e.registered(), e.person(), e.erased()]).when(cmd.contact([ORG_A], { personIds: [PERSON_1] })).thenRejects('PersonErased')
  })
})

describe('rule 14: facts are sourced, apart from decisions', () => {
  it('records a fact with its date, source and reference', () => {
    const fact = { command: 'recordFact', actor: actors.vetting, payload: { factId: 'fa000000-0000-4000-8000-0000000000fa', organisationId: ORG_A, kind: 'third-country-funding', observedOn: '2024-05-01', source: 'jaarrekening', reference: 'FIN-1' } }
    spec.given([e.registered()]).when(fact).then([event('FactRecorded', fact.payload as never)])
  })
})

describe('reports in the decider', () => {
  it('a confidential list can never be published', () => {
    const snap = event('ReportSnapshotTaken', {
      reportId: 'ab000000-0000-4000-8000-0000000000ab',
      kind: 'confidential-contact-list',
      parameters: { format: 'csv', language: 'nl', since: '2023-01-01', until: '2025-06-01' },
      logSize: 3,
      checkpoint: 'note',
      contentHash: 'ff',
    } as never)
    spec.given([snap]).when({ command: 'publishReport', actor: actors.reporting, payload: { reportId: 'ab000000-0000-4000-8000-0000000000ab', publishedOn: '2025-06-01', channel: 'Tweede Kamer' } }).thenRejects('ConfidentialReport')
    const committee = event('RecipientAdded', { recipientId: 'ac000000-0000-4000-8000-0000000000ac', name: 'vaste commissie SZW' } as never)
    const share = { command: 'shareReportConfidentially', actor: actors.reporting, payload: { reportId: 'ab000000-0000-4000-8000-0000000000ab', sharedOn: '2025-06-01', recipientId: 'ac000000-0000-4000-8000-0000000000ac' } }
    expect(spec.given([snap, committee]).when(share).result._tag).toBe('Right')
    spec.given([snap]).when(share).thenRejects('NotARecipient')
  })
})
