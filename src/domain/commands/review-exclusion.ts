/** reviewExclusion (rule 17): a vetting officer reviews an exclusion and maintains it, with its next review date. */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { VETTING_EVENTS } from '../events/vetting.js'
import { organisationQuery } from '../policies/known.js'
import { queryItem } from '../query.js'
import { decisionTag } from '../tags.js'
import { NonEmptyString, knownUuid } from '../values.js'
import { DateInput, IdInput } from '../input.js'
import { checks, notInFuture } from '../checks.js'
import { defineCommand } from './define.js'

export const ReviewExclusion = closed(
  'reviewExclusion',
  { decisionId: IdInput, reviewedOn: DateInput, outcome: t.literal('maintained'), rationale: NonEmptyString },
  { nextReviewBy: DateInput },
)

/** The `reviewExclusion` command: issued by the vetting-officer; emits ExclusionReviewed. To end an exclusion, lift it (liftExclusion). */
export const reviewExclusion = defineCommand({
  payload: ReviewExclusion,
  role: 'vetting-officer',
  emits: ['ExclusionReviewed'],
  query: (p, state) => {
    const org = state?.decisions[p.decisionId]
    return [queryItem(VETTING_EVENTS, decisionTag(p.decisionId)), ...(org !== undefined ? [organisationQuery(org)] : [])]
  },
  decide: (p, s, ctx) => {
    const organisationId = s.decisions[p.decisionId]
    const x = organisationId === undefined ? undefined : s.organisations[organisationId]?.exclusions.find((d) => d.decisionId === p.decisionId)
    if (organisationId === undefined || x === undefined)
      return E.left(reject('UnknownDecision', `no exclusion decision ${p.decisionId} is recorded`, { decisionId: p.decisionId }))
    return pipe(
      checks(
        () =>
          x.lifted !== undefined
            ? E.left(reject('NotActive', `decision ${p.decisionId} was lifted on ${x.lifted.liftedOn}; a lifted exclusion needs no review`, { decisionId: p.decisionId }))
            : E.right(undefined),
        () => notInFuture('reviewedOn', p.reviewedOn, ctx.today),
        () =>
          p.reviewedOn < x.decidedOn
            ? E.left(reject('InvalidCommand', `reviewedOn ${p.reviewedOn} lies before the decision's date ${x.decidedOn}`))
            : E.right(undefined),
        () =>
          p.nextReviewBy !== undefined && p.nextReviewBy <= p.reviewedOn
            ? E.left(reject('InvalidCommand', `nextReviewBy ${p.nextReviewBy} must lie after reviewedOn ${p.reviewedOn}`))
            : E.right(undefined),
      ),
      E.map(() => [event('ExclusionReviewed', { ...p, organisationId: knownUuid(organisationId) })]),
    )
  },
})
