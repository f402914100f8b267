/**
 * Rules a contact keeps, whether recorded or corrected (rules 2 and 8): every organisation it
 * names may be contacted and every key figure is live; a partnership contact has a partner.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { reject, type DomainRejection } from '../errors.js'
import type { RegisterState } from '../state.js'
import { activeOn } from '../status.js'
import { checks } from '../checks.js'
import { distinct, knownOrganisation, livePerson } from './known.js'
import { mayBeContacted } from './standing.js'

/**
 * The organisations and key figures of a contact are each named once, known, may be contacted
 * (standing) and are live.
 *
 * @example
 * reachable(s, p.organisationIds, p.personIds ?? [])
 */
export const reachable = (s: RegisterState, organisationIds: ReadonlyArray<string>, personIds: ReadonlyArray<string>): E.Either<DomainRejection, void> =>
  checks(
    () => distinct('organisationIds', organisationIds),
    () => distinct('personIds', personIds),
    ...organisationIds.map((id) => () => pipe(knownOrganisation(s, id), E.chain((o) => mayBeContacted(o)))),
    ...personIds.map((id) => () => livePerson(s, id)),
  )

/**
 * A partnership contact needs a partner: one of its organisations with a partnership active that day.
 *
 * @example
 * partnerPresent(s, p.organisationIds, p.occurredOn)
 */
export const partnerPresent = (
  s: RegisterState,
  organisationIds: ReadonlyArray<string>,
  occurredOn: string,
): E.Either<DomainRejection, void> =>
  organisationIds.some((id) =>
    (s.organisations[id]?.partnershipIds ?? []).some((pid) => {
      const p = s.partnerships[pid]
      return p !== undefined && activeOn(p, occurredOn)
    }),
  )
    ? E.right(undefined)
    : E.left(
        reject(
          'PartnershipMissing',
          `a contact of category partnership needs an organisation with a partnership active on ${occurredOn}; record it as incidental, or start the partnership first`,
          { occurredOn },
        ),
      )
