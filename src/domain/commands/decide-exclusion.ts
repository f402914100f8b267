/**
 * decideExclusion (rules 2, 4, 5): a vetting officer excludes an organisation on one or both of the
 * two grounds the letter leaves the ministry, each demonstrable: `security-service-advice` cites an
 * outstanding advised-against advice from a security service by its id; `supports-terrorist-organisation`
 * cites a recorded public-statement fact with a listing reference by its id. Any other ground is
 * `GroundNotAllowed`: SZW has no legal basis to judge organisations itself.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { closed } from '../codec.js'
import { reject, type DomainRejection } from '../errors.js'
import { event } from '../events.js'
import { knownOrganisation } from '../policies/known.js'
import { endOpenPartnerships } from '../policies/partnerships.js'
import { standingQuery } from '../policies/standing.js'
import { exclusionOn, fromSecurityService, supersedes } from '../policies/valid-time.js'
import { queryItem } from '../query.js'
import type { OrganisationState } from '../state.js'
import { activeExclusion } from '../status.js'
import { decisionTag } from '../tags.js'
import { ALLOWED_GROUNDS, NonEmptyString, isAllowedGround, knownUuid } from '../values.js'
import { GroundList, IdInput, DateInput } from '../input.js'
import { checks, idOf, notInFuture } from '../checks.js'
import { defineCommand } from './define.js'

export const DecideExclusion = closed(
  'decideExclusion',
  { organisationId: IdInput, decidedOn: DateInput, grounds: GroundList, rationale: NonEmptyString },
  { decisionId: IdInput, reviewBy: DateInput },
)

type Grounds = ReadonlyArray<{ readonly ground: string; readonly evidenceRefs: ReadonlyArray<string> }>

/** Rule 4: the grounds are the two allowed, each with evidence, each demonstrable on the decision's date. */
export const groundsHold = (org: OrganisationState, grounds: Grounds, decidedOn: string): E.Either<DomainRejection, void> =>
  checks(
    () =>
      grounds.length === 0
        ? E.left(reject('EvidenceMissing', `an exclusion decision needs at least one of the grounds ${ALLOWED_GROUNDS.join(', ')} (rule 4)`, {}, 4))
        : E.right(undefined),
    () => {
      const other = grounds.find((g) => !isAllowedGround(g.ground))
      return other === undefined
        ? E.right(undefined)
        : E.left(
            reject(
              'GroundNotAllowed',
              `ground ${other.ground} is not one the ministry may decide on: SZW has no legal basis to judge organisations itself; ` +
                `an exclusion rests on ${ALLOWED_GROUNDS.join(' or ')} (rule 4)`,
              { ground: other.ground },
              4,
            ),
          )
    },
    () => {
      const bare = grounds.find((g) => g.evidenceRefs.length === 0)
      return bare === undefined
        ? E.right(undefined)
        : E.left(reject('EvidenceMissing', `ground ${bare.ground} cites no evidence; each ground needs at least one evidence reference (rule 4)`, { ground: bare.ground }, 4))
    },
    () => {
      const g = grounds.find((x) => x.ground === 'security-service-advice')
      if (g === undefined) return E.right(undefined)
      // the advice cited by id: from a security service, advised-against, and outstanding on the decision's date
      const holds = org.advices.some(
        (a) =>
          g.evidenceRefs.includes(a.adviceId) &&
          fromSecurityService(a) &&
          a.advice === 'advised-against' &&
          a.retracted === undefined &&
          a.receivedOn <= decidedOn &&
          !org.advices.some((b) => b.receivedOn <= decidedOn && supersedes(b, a)),
      )
      if (holds) return E.right(undefined)
      return E.left(
        reject(
          'AdviceMissing',
          `ground security-service-advice must cite, by its adviceId, an advised-against advice from a security service that was outstanding for ` +
            `organisation ${org.name} on ${decidedOn}; record the advice first (rule 4)`,
          { organisationId: org.organisationId },
          4,
        ),
      )
    },
    () => {
      const g = grounds.find((x) => x.ground === 'supports-terrorist-organisation')
      if (g === undefined) return E.right(undefined)
      const fact = org.facts.find((f) => g.evidenceRefs.includes(f.factId) && f.kind === 'public-statement' && f.listingRef !== undefined && f.observedOn <= decidedOn)
      return fact !== undefined
        ? E.right(undefined)
        : E.left(
            reject(
              'EvidenceMissing',
              `ground supports-terrorist-organisation must cite, by its factId, a public-statement fact about organisation ${org.name} observed on or before ` +
                `${decidedOn} whose listingRef names the terrorist designation; record it first with recordFact (rule 4)`,
              { organisationId: org.organisationId, ground: g.ground },
              4,
            ),
          )
    },
  )

/**
 * The `decideExclusion` command: issued by the vetting-officer; a proposal (rule 19): appends
 * ProposalMade, and on confirmation by another vetting-officer ExclusionDecided, PartnershipEnded;
 * its new id is `decisionId`.
 */
export const decideExclusion = defineCommand({
  payload: DecideExclusion,
  role: 'vetting-officer',
  idField: 'decisionId',
  emits: ['ExclusionDecided', 'PartnershipEnded'],
  // rule 19: confirmed by a second vetting officer
  proposal: () => 'vetting-officer',
  query: (p) => [standingQuery(p.organisationId), queryItem(undefined, decisionTag(p.decisionId!))],
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
            const x = activeExclusion(org) ?? exclusionOn(org, p.decidedOn)
            return x === undefined
              ? E.right(undefined)
              : E.left(reject('AlreadyExcluded', `organisation ${org.name} is already excluded by decision ${x.decisionId} of ${x.decidedOn}`, { decisionId: x.decisionId }))
          },
          () => groundsHold(org, p.grounds, p.decidedOn),
          () =>
            p.reviewBy !== undefined && p.reviewBy < p.decidedOn
              ? E.left(reject('InvalidCommand', `reviewBy ${p.reviewBy} lies before decidedOn ${p.decidedOn}`))
              : E.right(undefined),
        ),
      ),
      E.map(({ decisionId }) => [
        event('ExclusionDecided', { ...p, decisionId: knownUuid(decisionId) }),
        // rule 5: an exclusion ends the organisation's active partnerships in the same append
        ...endOpenPartnerships(s, p.organisationId, p.decidedOn, 'excluded', knownUuid(decisionId)),
      ]),
    ),
})
