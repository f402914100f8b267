/** Deciders for vetting advice, sourced facts and exclusion decisions (rules 2, 3, 4, 13). */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { knownUuid } from '../values.js'
import { activeExclusion, outstandingAdvice } from '../status.js'
import { checks, idOf, notInFuture, type Decider } from './context.js'
import { knownOrganisation } from './guards.js'
import { endOpenPartnerships } from './partnership.js'

export const recordVettingAdvice: Decider<'recordVettingAdvice'> = (p, s, ctx) =>
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
  )

export const recordFact: Decider<'recordFact'> = (p, s, ctx) =>
  pipe(
    E.Do,
    E.bind('factId', () => idOf(p.factId, 'factId')),
    E.bind('org', () => knownOrganisation(s, p.organisationId)),
    E.chainFirst(({ org, factId }) =>
      checks(
        () => notInFuture('observedOn', p.observedOn, ctx.today),
        () =>
          org.facts.some((f) => f.factId === factId)
            ? E.left(reject('AlreadyExists', `fact ${factId} is already recorded`, { factId }))
            : E.right(undefined),
      ),
    ),
    E.map(({ factId }) => [event('FactRecorded', { ...p, factId: knownUuid(factId) })]),
  )

export const decideExclusion: Decider<'decideExclusion'> = (p, s, ctx) =>
  pipe(
    E.Do,
    E.bind('decisionId', () => idOf(p.decisionId, 'decisionId')),
    E.bind('org', () => knownOrganisation(s, p.organisationId)),
    E.chainFirst(({ org, decisionId }) =>
      checks(
        () => notInFuture('decidedOn', p.decidedOn, ctx.today),
        () =>
          s.decisions[decisionId] !== undefined
            ? E.left(reject('AlreadyExists', `decision ${decisionId} is already recorded`, { decisionId }))
            : E.right(undefined),
        () => {
          const x = activeExclusion(org)
          return x === undefined
            ? E.right(undefined)
            : E.left(reject('AlreadyExcluded', `organisation ${org.name} is already excluded by decision ${x.decisionId}`, { decisionId: x.decisionId }))
        },
        () =>
          p.grounds.length === 0
            ? E.left(reject('EvidenceMissing', 'an exclusion decision needs at least one ground (rule 3)', {}, 3))
            : E.right(undefined),
        () => {
          const bare = p.grounds.find((g) => g.evidenceRefs.length === 0)
          return bare === undefined
            ? E.right(undefined)
            : E.left(reject('EvidenceMissing', `ground ${bare.ground} cites no evidence; each ground needs at least one evidence reference (rule 3)`, { ground: bare.ground }, 3))
        },
        () =>
          p.grounds.some((g) => g.ground === 'security-service-advice') && outstandingAdvice(org) === undefined
            ? E.left(
                reject(
                  'AdviceMissing',
                  `ground security-service-advice needs an advised-against advice on record for organisation ${org.name}; record the advice first (rule 3)`,
                  { organisationId: org.organisationId },
                  3,
                ),
              )
            : E.right(undefined),
        () =>
          p.reviewBy !== undefined && p.reviewBy < p.decidedOn
            ? E.left(reject('InvalidCommand', `reviewBy ${p.reviewBy} lies before decidedOn ${p.decidedOn}`))
            : E.right(undefined),
      ),
    ),
    E.map(({ decisionId }) => [
      event('ExclusionDecided', { ...p, decisionId: knownUuid(decisionId) }),
      // rule 4: an exclusion ends the organisation's active partnerships in the same append
      ...endOpenPartnerships(s, p.organisationId, p.decidedOn, 'excluded', knownUuid(decisionId)),
    ]),
  )

export const liftExclusion: Decider<'liftExclusion'> = (p, s, ctx) =>
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
  )
