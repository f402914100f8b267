/** startPartnership (rules 2, 5): a coordinator starts a partnership with an endorsing organisation in good standing. */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { ENDORSEMENT_EVENTS } from '../events/endorsement.js'
import { knownOrganisation } from '../policies/known.js'
import { DEFAULT_PROGRAMME } from '../policies/partnerships.js'
import { mayBeContacted, standingQuery } from '../policies/standing.js'
import { queryItem } from '../query.js'
import { partnershipTag } from '../tags.js'
import { IsoDate, NonEmptyString, Theme, Uuid, knownText, knownUuid, nonEmptyArray } from '../values.js'
import { SomeThemes, IdInput, DateInput } from '../input.js'
import { checks, idOf } from '../checks.js'
import { defineCommand } from './define.js'

export const StartPartnership = closed(
  'startPartnership',
  { organisationId: IdInput, themes: SomeThemes, startedOn: DateInput },
  { partnershipId: IdInput, programme: NonEmptyString },
)

/** The `startPartnership` command: issued by the coordinator; emits PartnershipStarted; its new id is `partnershipId`. */
export const startPartnership = defineCommand({
  payload: StartPartnership,
  role: 'coordinator',
  idField: 'partnershipId',
  emits: ['PartnershipStarted'],
  query: (p) => [standingQuery(p.organisationId, ENDORSEMENT_EVENTS), queryItem(undefined, partnershipTag(p.partnershipId!))],
  decide: (p, s) =>
    pipe(
      E.Do,
      E.bind('partnershipId', () => idOf(p.partnershipId, 'partnershipId')),
      E.bind('org', () => knownOrganisation(s, p.organisationId)),
      E.chainFirst(({ org }) => mayBeContacted(org, 5)),
      E.chainFirst(({ org, partnershipId }) =>
        checks(
          () =>
            org.endorsement === null
              ? E.left(
                  reject(
                    'EndorsementMissing',
                    `organisation ${org.name} has no standing endorsement of the Actieagenda's goals and values; record endorseValues first (rule 5)`,
                    { organisationId: org.organisationId },
                    5,
                  ),
                )
              : E.right(undefined),
          () =>
            s.partnerships[partnershipId] !== undefined
              ? E.left(reject('AlreadyExists', `partnership ${partnershipId} already exists`, { partnershipId }))
              : E.right(undefined),
        ),
      ),
      E.map(({ partnershipId }) => [
        event('PartnershipStarted', {
          partnershipId: knownUuid(partnershipId),
          organisationId: p.organisationId,
          programme: p.programme ?? knownText(DEFAULT_PROGRAMME),
          themes: p.themes,
          startedOn: p.startedOn,
        }),
      ]),
    ),
})
