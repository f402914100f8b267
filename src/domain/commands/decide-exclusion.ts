/** decideExclusion (rules 2, 3, 4): a vetting officer excludes an organisation on evidenced grounds. */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { Ground } from '../events/parts.js'
import { knownOrganisation } from '../policies/known.js'
import { endOpenPartnerships } from '../policies/partnerships.js'
import { standingQuery } from '../policies/standing.js'
import { queryItem } from '../query.js'
import { activeExclusion, outstandingAdvice } from '../status.js'
import { decisionTag } from '../tags.js'
import { IsoDate, NonEmptyString, Uuid, knownUuid } from '../values.js'
import { GroundList, IdInput, DateInput } from '../input.js'
import { checks, idOf, notInFuture } from '../checks.js'
import { defineCommand } from './define.js'

export const DecideExclusion = closed(
  'decideExclusion',
  { organisationId: IdInput, decidedOn: DateInput, grounds: GroundList, rationale: NonEmptyString },
  { decisionId: IdInput, reviewBy: DateInput },
)

/** The `decideExclusion` command: issued by the vetting-officer; emits ExclusionDecided, PartnershipEnded; its new id is `decisionId`. */
export const decideExclusion = defineCommand({
  payload: DecideExclusion,
  role: 'vetting-officer',
  idField: 'decisionId',
  emits: ['ExclusionDecided', 'PartnershipEnded'],
  query: (p) => [standingQuery(p.organisationId, ['FactRecorded']), queryItem(undefined, decisionTag(p.decisionId!))],
  decide: (p, s, ctx) =>
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
              : E.left(
                  reject('EvidenceMissing', `ground ${bare.ground} cites no evidence; each ground needs at least one evidence reference (rule 3)`, { ground: bare.ground }, 3),
                )
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
    ),
})
