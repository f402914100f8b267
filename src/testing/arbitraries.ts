/**
 * fast-check arbitraries for single commands and for stored events: each generates values that
 * decode (commands) or round-trip (events) by the register's own codecs.
 */
import fc from 'fast-check'
import { commandRoles, type CommandName } from '../domain/commands/index.js'
import {
  ADVICE_OUTCOMES,
  COUNTING_ADVICE_SOURCE,
  SECURITY_SERVICES,
  CONTACT_CATEGORIES,
  CONTACT_FORMS,
  EXCLUSION_GROUNDS,
  FACT_KINDS,
  LANGUAGES,
  ORGANISATION_KINDS,
  ROLES,
  REPORT_FORMATS,
  THEMES,
  isWellFormed,
} from '../domain/values.js'
import type { CommandJson } from './history.js'

/** A UUID. */
export const arbUuid: fc.Arbitrary<string> = fc.uuid()
/** A calendar date between 2023-01-01 and 2025-12-31. */
export const arbDate: fc.Arbitrary<string> = fc
  .integer({ min: 0, max: 1095 })
  .map((d) => new Date(Date.UTC(2023, 0, 1) + d * 86_400_000).toISOString().slice(0, 10))
/** A non-empty text, sometimes with characters renderers must escape. */
export const arbText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0 && isWellFormed(s)),
  fc.constantFrom('Stichting <b>Vet</b>', '=SUM(A1:A9)', 'Vereniging "Citaat"', 'Regel\neinde', '\u202Eomgekeerd'),
)
const arbThemes = fc.uniqueArray(fc.constantFrom(...THEMES), { maxLength: 3 })
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined })

const payloads: { readonly [K in CommandName]: fc.Arbitrary<Record<string, unknown>> } = {
  registerOrganisation: fc.record(
    { organisationId: arbUuid, name: arbText, kind: fc.constantFrom(...ORGANISATION_KINDS), kvkNumber: fc.stringMatching(/^\d{8}$/), municipality: arbText },
    { requiredKeys: ['name', 'kind'] },
  ),
  correctOrganisation: fc.record({ organisationId: arbUuid, name: arbText, reason: arbText }),
  registerKeyFigure: fc.record({ personId: arbUuid, name: arbText, email: arbText }, { requiredKeys: ['name'] }),
  eraseKeyFigure: fc.record({ personId: arbUuid, reason: arbText }),
  endorseValues: fc.record({ organisationId: arbUuid, endorsedOn: arbDate, documentRef: arbText }),
  withdrawEndorsement: fc.record({ organisationId: arbUuid, withdrawnOn: arbDate, reason: arbText }),
  recordVettingAdvice: fc.record({
    adviceId: arbUuid,
    organisationId: arbUuid,
    source: fc.constant(COUNTING_ADVICE_SOURCE),
    service: fc.constantFrom(...SECURITY_SERVICES),
    advice: fc.constantFrom(...ADVICE_OUTCOMES),
    receivedOn: arbDate,
    reference: arbText,
  }, { requiredKeys: ['adviceId', 'organisationId', 'source', 'advice', 'receivedOn', 'reference'] }),
  recordFact: fc.record({ organisationId: arbUuid, kind: fc.constantFrom(...FACT_KINDS), observedOn: arbDate, source: arbText, reference: arbText }),
  decideExclusion: fc.record({
    organisationId: arbUuid,
    decidedOn: arbDate,
    grounds: fc.uniqueArray(fc.record({ ground: fc.constantFrom(...EXCLUSION_GROUNDS), evidenceRefs: fc.uniqueArray(arbText, { maxLength: 2 }) }), {
      maxLength: 2,
      selector: (g) => g.ground,
    }),
    rationale: arbText,
  }),
  liftExclusion: fc.record({ organisationId: arbUuid, decisionId: arbUuid, liftedOn: arbDate, rationale: arbText }),
  startPartnership: fc.record({ organisationId: arbUuid, themes: fc.uniqueArray(fc.constantFrom(...THEMES), { minLength: 1, maxLength: 3 }), startedOn: arbDate }),
  endPartnership: fc.record({ partnershipId: arbUuid, endedOn: arbDate, reason: fc.constantFrom('completed', 'withdrawn', 'other') }),
  recordContact: fc
    .record({
      organisationIds: fc.uniqueArray(arbUuid, { maxLength: 2 }),
      occurredOn: arbDate,
      form: fc.constantFrom(...CONTACT_FORMS),
      category: fc.constantFrom(...CONTACT_CATEGORIES),
      themes: arbThemes,
      subject: opt(arbText),
      breach: opt(fc.record({ reason: arbText })),
    })
    .map(({ subject, breach, ...p }) => ({
      ...(p.category === 'partnership' || subject !== undefined ? { ...p, subject: subject ?? 'Overleg' } : p),
      ...(breach !== undefined ? { breach } : {}),
    })),
  correctContact: fc.record(
    { contactId: arbUuid, themes: arbThemes, occurredOn: arbDate, category: fc.constantFrom('incidental', 'signalling'), reason: arbText },
    { requiredKeys: ['contactId', 'reason'] },
  ),
  retractContact: fc.record({ contactId: arbUuid, reason: arbText }),
  takeReportSnapshot: fc.record({
    kind: fc.constant('annual-overview'),
    year: fc.integer({ min: 2023, max: 2025 }),
    format: fc.constantFrom(...REPORT_FORMATS),
    language: fc.constantFrom(...LANGUAGES),
  }),
  publishReport: fc.record({ reportId: arbUuid, publishedOn: arbDate, channel: arbText }),
  configureRegister: fc.record(
    {
      origin: fc.constantFrom('szw.example/contact-ledger', 'register.szw.example'),
      publisher: fc.constantFrom('Ministerie van Sociale Zaken en Werkgelegenheid', 'Ministry of Social Affairs and Employment'),
      lateEntryDays: fc.integer({ min: 1, max: 366 }),
    },
    { requiredKeys: ['publisher'] },
  ),
  shareReportConfidentially: fc.record({ reportId: arbUuid, sharedOn: arbDate, recipientId: arbUuid }),
  addRecipient: fc.record({ recipientId: arbUuid, name: arbText, reason: arbText }, { requiredKeys: ['name'] }),
  removeRecipient: fc.record({ recipientId: arbUuid, reason: arbText }, { requiredKeys: ['recipientId'] }),
  renameOrganisation: fc.record({ organisationId: arbUuid, name: arbText, effectiveOn: arbDate, reason: arbText }),
  reviewBreach: fc.record({ contactId: arbUuid, reviewedOn: arbDate, note: arbText }),
  reviewExclusion: fc.record(
    { decisionId: arbUuid, reviewedOn: arbDate, outcome: fc.constant('maintained'), rationale: arbText, nextReviewBy: fc.constant('2999-01-01') },
    { requiredKeys: ['decisionId', 'reviewedOn', 'outcome', 'rationale'] },
  ),
  retractVettingAdvice: fc.record({ adviceId: arbUuid, reason: arbText }),
  redactRecord: fc.record({ recordId: arbUuid, reason: arbText }),
  grantRole: fc.record(
    { actorId: fc.constantFrom('a.jansen', 'c.desmet', 'v.bakker', 'r.dekker'), role: fc.constantFrom(...ROLES), grantedOn: arbDate, reason: arbText },
    { requiredKeys: ['actorId', 'role', 'grantedOn'] },
  ),
  revokeRole: fc.record(
    { actorId: fc.constantFrom('a.jansen', 'c.desmet', 'v.bakker', 'r.dekker'), role: fc.constantFrom(...ROLES), revokedOn: arbDate, reason: arbText },
    { requiredKeys: ['actorId', 'role', 'revokedOn'] },
  ),
  confirmProposal: fc.record({ proposalId: arbUuid }),
  withdrawProposal: fc.record({ proposalId: arbUuid, reason: arbText }),
}

/**
 * A command that decodes (its shape is valid), issued by `test.<role>` in the role allowed to
 * issue it (the actor `TEST_GRANTS` grants that role); whether the register accepts it depends on
 * the state.
 *
 * @example
 * fc.assert(fc.property(arbCommand(), (c) => E.isRight(decodeCommand(c))))
 */
export const arbCommand = (names: ReadonlyArray<CommandName> = Object.keys(payloads) as CommandName[]): fc.Arbitrary<CommandJson> =>
  fc
    .constantFrom(...names)
    .chain((name) =>
      payloads[name].map((payload) => ({ command: name, actor: { id: `test.${commandRoles[name]}`, role: commandRoles[name] }, payload }) as CommandJson),
    )

/**
 * Any JSON value, biased towards almost-valid commands (a valid command with one field broken).
 *
 * @example
 * fc.assert(fc.property(arbMalformed(), (u) => E.isLeft(decodeCommand(u)) || true))
 */
export const arbMalformed = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.jsonValue(),
    fc.tuple(arbCommand(), fc.constantFrom('command', 'actor', 'payload'), fc.jsonValue()).map(([c, key, v]) => ({ ...c, [key]: v })),
    fc
      .tuple(arbCommand(), fc.string({ maxLength: 12 }), fc.jsonValue())
      .map(([c, key, v]) => ({ ...c, payload: { ...c.payload, [key.length > 0 ? key : 'x']: v } })),
  )
