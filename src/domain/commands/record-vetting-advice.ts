/** recordVettingAdvice (rules 2, 13): a vetting officer records advice about an organisation. */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { knownOrganisation } from '../policies/known.js'
import { standingQuery } from '../policies/standing.js'
import { AdviceOutcome, AdviceSource, IsoDate, NonEmptyString, Uuid, knownUuid } from '../values.js'
import { IdInput, DateInput } from '../input.js'
import { checks, idOf, notInFuture } from '../checks.js'
import { defineCommand } from './define.js'

export const RecordVettingAdvice = closed(
  'recordVettingAdvice',
  { organisationId: IdInput, source: AdviceSource, advice: AdviceOutcome, receivedOn: DateInput, reference: NonEmptyString },
  { adviceId: IdInput },
)

/** The `recordVettingAdvice` command: issued by the vetting-officer; emits VettingAdviceRecorded; its new id is `adviceId`. */
export const recordVettingAdvice = defineCommand({
  payload: RecordVettingAdvice,
  role: 'vetting-officer',
  idField: 'adviceId',
  emits: ['VettingAdviceRecorded'],
  query: (p) => [standingQuery(p.organisationId, ['FactRecorded'])],
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
