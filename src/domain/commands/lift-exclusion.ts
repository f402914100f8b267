/** liftExclusion (rule 2): a vetting officer lifts an exclusion decision. */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { knownOrganisation } from '../policies/known.js'
import { standingQuery } from '../policies/standing.js'
import { IsoDate, NonEmptyString, Uuid } from '../values.js'
import { IdInput, DateInput } from '../input.js'
import { notInFuture } from '../checks.js'
import { defineCommand } from './define.js'

export const LiftExclusion = closed('liftExclusion', {
  organisationId: IdInput,
  decisionId: IdInput,
  liftedOn: DateInput,
  rationale: NonEmptyString,
})

/** The `liftExclusion` command: issued by the vetting-officer; a proposal (rule 19): ExclusionLifted is appended when another vetting-officer confirms it. */
export const liftExclusion = defineCommand({
  payload: LiftExclusion,
  role: 'vetting-officer',
  emits: ['ExclusionLifted'],
  // rule 19: confirmed by a second vetting officer
  proposal: () => 'vetting-officer',
  query: (p) => [standingQuery(p.organisationId)],
  decide: (p, s, ctx) =>
    pipe(
      knownOrganisation(s, p.organisationId),
      E.chain((org) => {
        const x = org.exclusions.find((d) => d.decisionId === p.decisionId)
        if (x === undefined)
          return E.left(reject('UnknownDecision', `organisation ${org.name} has no exclusion decision ${p.decisionId}`, { decisionId: p.decisionId }))
        if (x.lifted !== undefined)
          return E.left(reject('NotActive', `decision ${p.decisionId} was already lifted on ${x.lifted.liftedOn}`, { decisionId: p.decisionId }))
        if (p.liftedOn < x.decidedOn)
          return E.left(reject('InvalidCommand', `liftedOn ${p.liftedOn} lies before the decision's date ${x.decidedOn}`))
        return E.right(x)
      }),
      E.chainFirst(() => notInFuture('liftedOn', p.liftedOn, ctx.today)),
      E.map(() => [event('ExclusionLifted', p)]),
    ),
})
