/** Deciders for contacts (rules 2, 8, 10) and their corrections and retractions (rule 1). */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { reject, type DomainRejection } from '../errors.js'
import { event } from '../events.js'
import { knownUuid } from '../values.js'
import type { RegisterState } from '../state.js'
import { activeOn } from '../status.js'
import { checks, idOf, notInFuture, type Decider } from './context.js'
import { distinct, knownOrganisation, livePerson, mayBeContacted } from './guards.js'

const reachable = (s: RegisterState, organisationIds: ReadonlyArray<string>, personIds: ReadonlyArray<string>) =>
  checks(
    () => distinct('organisationIds', organisationIds),
    () => distinct('personIds', personIds),
    ...organisationIds.map((id) => () => pipe(knownOrganisation(s, id), E.chain((o) => mayBeContacted(o)))),
    ...personIds.map((id) => () => livePerson(s, id)),
  )

/** A partnership contact needs a partner: one of its organisations with a partnership active that day. */
const partnerPresent = (
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

export const recordContact: Decider<'recordContact'> = (p, s, ctx) => {
  const personIds = p.personIds ?? []
  return pipe(
    idOf(p.contactId, 'contactId'),
    E.chainFirst((contactId) =>
      checks(
        () =>
          p.organisationIds.length + personIds.length === 0
            ? E.left(reject('InvalidCommand', 'a contact needs at least one organisation or key figure'))
            : E.right(undefined),
        () => notInFuture('occurredOn', p.occurredOn, ctx.today),
        () =>
          s.contacts[contactId] !== undefined
            ? E.left(reject('AlreadyExists', `contact ${contactId} is already recorded`, { contactId }))
            : E.right(undefined),
        () => reachable(s, p.organisationIds, personIds),
        () => (p.category === 'partnership' ? partnerPresent(s, p.organisationIds, p.occurredOn) : E.right(undefined)),
      ),
    ),
    E.map((contactId) => [
      event('ContactRecorded', {
        contactId: knownUuid(contactId),
        organisationIds: p.organisationIds,
        personIds,
        occurredOn: p.occurredOn,
        form: p.form,
        category: p.category,
        themes: p.themes,
        officials: p.officials ?? [],
        ...(p.subject !== undefined ? { subject: p.subject } : {}),
      }),
    ]),
  )
}

export const correctContact: Decider<'correctContact'> = (p, s, ctx) => {
  const c = s.contacts[p.contactId]
  if (c === undefined) return E.left(reject('UnknownContact', `no contact ${p.contactId} is recorded`, { contactId: p.contactId }))
  if (c.retracted !== undefined)
    return E.left(reject('NotActive', `contact ${p.contactId} was retracted at position ${c.retracted.position}; it cannot be corrected`, { contactId: p.contactId }))
  const { contactId: _id, reason: _reason, ...changes } = p
  if (Object.keys(changes).length === 0)
    return E.left(reject('InvalidCommand', 'a correction must change at least one field of the contact'))
  const next = {
    organisationIds: p.organisationIds ?? c.organisationIds,
    personIds: p.personIds ?? c.personIds,
    occurredOn: p.occurredOn ?? c.occurredOn,
    category: p.category ?? c.category,
    subject: p.subject ?? c.subject,
  }
  // only organisations and persons the correction adds must pass the contact rules now
  const addedOrgs = next.organisationIds.filter((id) => !c.organisationIds.includes(id))
  const addedPersons = next.personIds.filter((id) => !c.personIds.includes(id))
  return pipe(
    checks(
      () =>
        next.organisationIds.length + next.personIds.length === 0
          ? E.left(reject('InvalidCommand', 'a contact needs at least one organisation or key figure'))
          : E.right(undefined),
      () => (p.occurredOn !== undefined ? notInFuture('occurredOn', p.occurredOn, ctx.today) : E.right(undefined)),
      () => distinct('organisationIds', next.organisationIds),
      () => distinct('personIds', next.personIds),
      () => reachable(s, addedOrgs, addedPersons),
      () =>
        next.category === 'partnership' && next.subject === undefined
          ? E.left(reject('InvalidCommand', 'a contact of category partnership needs a subject'))
          : E.right(undefined),
      () =>
        next.category === 'partnership' && (p.category !== undefined || p.organisationIds !== undefined || p.occurredOn !== undefined)
          ? partnerPresent(s, next.organisationIds, next.occurredOn)
          : E.right(undefined),
    ),
    E.map(() => [event('ContactCorrected', p)]),
  )
}

export const retractContact: Decider<'retractContact'> = (p, s) => {
  const c = s.contacts[p.contactId]
  if (c === undefined) return E.left(reject('UnknownContact', `no contact ${p.contactId} is recorded`, { contactId: p.contactId }))
  if (c.retracted !== undefined)
    return E.left(reject('NotActive', `contact ${p.contactId} is already retracted`, { contactId: p.contactId }))
  return E.right([event('ContactRetracted', p)])
}
