/**
 * recordVettingAdvice (rules 2, 4, 14): a vetting officer records a security service's advice about
 * an organisation (outcome, the service, an opaque reference). Only a security service's advice
 * counts: what other sources say is a fact (`recordFact`), so any other source is refused.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { knownOrganisation } from '../policies/known.js'
import { standingQuery } from '../policies/standing.js'
import { AdviceOutcome, AdviceSource, COUNTING_ADVICE_SOURCE, NonEmptyString, SecurityService, knownUuid } from '../values.js'
import { IdInput, DateInput } from '../input.js'
import { checks, idOf, notInFuture } from '../checks.js'
import { defineCommand } from './define.js'

export const RecordVettingAdvice = closed(
  'recordVettingAdvice',
  { organisationId: IdInput, source: AdviceSource, advice: AdviceOutcome, receivedOn: DateInput, reference: NonEmptyString },
  { adviceId: IdInput, service: SecurityService },
)

/** The `recordVettingAdvice` command: issued by the vetting-officer; emits VettingAdviceRecorded; its new id is `adviceId`. */
export const recordVettingAdvice = defineCommand({
  payload: RecordVettingAdvice,
  role: 'vetting-officer',
  idField: 'adviceId',
  emits: ['VettingAdviceRecorded'],
  // the letter draws the line at advice of the security services; other sources are recorded as facts
  refine: (p) =>
    p.source === COUNTING_ADVICE_SOURCE
      ? []
      : [{ path: 'source', expected: `${COUNTING_ADVICE_SOURCE} (only a security service's advice counts; record what other sources say as a fact with recordFact, rule 4)` }],
  query: (p) => [standingQuery(p.organisationId)],
  decide: (p, s, ctx) =>
    pipe(
      E.Do,
      E.bind('adviceId', () => idOf(p.adviceId, 'adviceId')),
      E.bind('org', () => knownOrganisation(s, p.organisationId)),
      E.chainFirst(({ org, adviceId }) =>
        checks(
          () => notInFuture('receivedOn', p.receivedOn, ctx.today),
          () =>
            org.advices.some((a) => a.adviceId === adviceId)
              ? E.left(reject('AlreadyExists', `advice ${adviceId} is already recorded`, { adviceId }))
              : E.right(undefined),
        ),
      ),
      E.map(({ adviceId }) => [event('VettingAdviceRecorded', { ...p, adviceId: knownUuid(adviceId) })]),
    ),
})
