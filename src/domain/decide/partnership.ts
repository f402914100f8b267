/** Deciders for partnerships (rule 5). */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { reject } from '../errors.js'
import { event, type DomainEvent } from '../events.js'
import type { RegisterState } from '../state.js'
import { openPartnerships } from '../status.js'
import { knownDate, knownText, knownUuid, type Uuid } from '../values.js'
import { checks, idOf, type Decider } from './context.js'
import { knownOrganisation, mayBeContacted } from './guards.js'

/**
 * The PartnershipEnded events that end an organisation's open partnerships on a date (never
 * before a partnership's start): rules 4 and 5.
 */
export const endOpenPartnerships = (
  s: RegisterState,
  organisationId: Uuid,
  on: string,
  reason: 'excluded' | 'endorsement-withdrawn',
  causedBy?: Uuid,
): ReadonlyArray<DomainEvent> =>
  openPartnerships(s, organisationId).map((ps) =>
    event('PartnershipEnded', {
      partnershipId: knownUuid(ps.partnershipId),
      organisationId,
      endedOn: knownDate(on < ps.startedOn ? ps.startedOn : on),
      reason,
      ...(causedBy !== undefined ? { causedBy } : {}),
    }),
  )

/** The programme a partnership belongs to when the command names none. */
export const DEFAULT_PROGRAMME = 'actieagenda-integratie'

export const startPartnership: Decider<'startPartnership'> = (p, s) =>
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
  )

export const endPartnership: Decider<'endPartnership'> = (p, s) => {
  const ps = s.partnerships[p.partnershipId]
  if (ps === undefined) return E.left(reject('UnknownPartnership', `no partnership ${p.partnershipId}`, { partnershipId: p.partnershipId }))
  if (ps.ended !== undefined)
    return E.left(reject('NotActive', `partnership ${p.partnershipId} already ended on ${ps.ended.endedOn}`, { partnershipId: p.partnershipId }))
  if (p.endedOn < ps.startedOn)
    return E.left(reject('InvalidCommand', `endedOn ${p.endedOn} lies before the partnership's start ${ps.startedOn}`))
  return E.right([
    event('PartnershipEnded', {
      partnershipId: p.partnershipId,
      organisationId: knownUuid(ps.organisationId),
      endedOn: p.endedOn,
      reason: p.reason,
    }),
  ])
}
