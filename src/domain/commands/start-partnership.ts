/**
 * startPartnership (rules 2, 6, 11): a coordinator starts a partnership, judged on its start date
 * so it can be entered late: a start not in the future, an endorsement given on or before it and
 * standing on it, nothing against the organisation on it, no other partnership of the programme
 * active on it. An exclusion or a withdrawal already recorded after the start ends it in the same
 * append.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { ENDORSEMENT_EVENTS } from '../events/endorsement.js'
import { knownOrganisation } from '../policies/known.js'
import { DEFAULT_PROGRAMME, endAfterStart, endorsementOn } from '../policies/partnerships.js'
import { mayBeContacted, standingQuery } from '../policies/standing.js'
import { queryItem } from '../query.js'
import { activeOn } from '../status.js'
import { partnershipTag } from '../tags.js'
import { NonEmptyString, knownDate, knownText, knownUuid } from '../values.js'
import { SomeThemes, IdInput, DateInput } from '../input.js'
import { checks, idOf, notInFuture } from '../checks.js'
import { defineCommand } from './define.js'

export const StartPartnership = closed(
  'startPartnership',
  { organisationId: IdInput, themes: SomeThemes, startedOn: DateInput },
  { partnershipId: IdInput, programme: NonEmptyString },
)

/** The `startPartnership` command: issued by the coordinator; emits PartnershipStarted (and PartnershipEnded when entered late); its new id is `partnershipId`. */
export const startPartnership = defineCommand({
  payload: StartPartnership,
  role: 'coordinator',
  idField: 'partnershipId',
  emits: ['PartnershipStarted', 'PartnershipEnded'],
  query: (p) => [standingQuery(p.organisationId, ENDORSEMENT_EVENTS), queryItem(undefined, partnershipTag(p.partnershipId!))],
  decide: (p, s, ctx) => {
    const programme = p.programme ?? knownText(DEFAULT_PROGRAMME)
    return pipe(
      E.Do,
      E.bind('partnershipId', () => idOf(p.partnershipId, 'partnershipId')),
      E.bind('org', () => knownOrganisation(s, p.organisationId)),
      E.chainFirst(({ partnershipId }) =>
        checks(
          () => notInFuture('startedOn', p.startedOn, ctx.today),
          () =>
            s.partnerships[partnershipId] !== undefined
              ? E.left(reject('AlreadyExists', `partnership ${partnershipId} already exists`, { partnershipId }))
              : E.right(undefined),
        ),
      ),
      E.chainFirst(({ org }) => mayBeContacted(org, p.startedOn, 6)),
      E.bind('endorsement', ({ org }) => {
        const e = endorsementOn(org, p.startedOn)
        return e !== undefined
          ? E.right(e)
          : E.left(
              reject(
                'EndorsementMissing',
                `organisation ${org.name} had no standing endorsement of the Actieagenda's goals and values on ${p.startedOn}; ` +
                  `the endorsement must be given on or before the start (rule 6)`,
                { organisationId: org.organisationId },
                6,
              ),
            )
      }),
      E.chainFirst(({ org }) => {
        const other = org.partnershipIds
          .map((id) => s.partnerships[id])
          .find((x) => x !== undefined && x.programme === programme && activeOn(x, p.startedOn))
        return other === undefined
          ? E.right(undefined)
          : E.left(
              reject(
                'AlreadyExists',
                `organisation ${org.name} already has partnership ${other.partnershipId} in ${programme} active on ${p.startedOn} (rule 6)`,
                { partnershipId: other.partnershipId },
                6,
              ),
            )
      }),
      E.map(({ partnershipId, org, endorsement }) => {
        const end = endAfterStart(org, p.startedOn, endorsement)
        return [
          event('PartnershipStarted', {
            partnershipId: knownUuid(partnershipId),
            organisationId: p.organisationId,
            programme,
            themes: p.themes,
            startedOn: p.startedOn,
          }),
          ...(end === undefined
            ? []
            : [
                event('PartnershipEnded', {
                  partnershipId: knownUuid(partnershipId),
                  organisationId: p.organisationId,
                  endedOn: knownDate(end.endedOn),
                  reason: end.reason,
                  ...(end.causedBy !== undefined ? { causedBy: knownUuid(end.causedBy) } : {}),
                }),
              ]),
        ]
      }),
    )
  },
})
