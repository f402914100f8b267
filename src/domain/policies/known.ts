/**
 * Entities a command names must exist: an organisation (with the query item of its record), a
 * key figure that is not erased (with the query item of its record), ids named once.
 */
import * as E from 'fp-ts/lib/Either.js'
import { reject, type DomainRejection } from '../errors.js'
import { KEY_FIGURE_EVENTS } from '../events/key-figure.js'
import { ORGANISATION_EVENTS } from '../events/organisation.js'
import { queryItem, type QueryItem } from '../query.js'
import type { OrganisationState, PersonState, RegisterState } from '../state.js'
import { orgTag, personTag } from '../tags.js'

/** The query item of an organisation's record. @example organisationQuery(id) */
export const organisationQuery = (organisationId: string): QueryItem => queryItem(ORGANISATION_EVENTS, orgTag(organisationId))

/** The query item of a key figure's record. @example personQuery(id) */
export const personQuery = (personId: string): QueryItem => queryItem(KEY_FIGURE_EVENTS, personTag(personId))

/** The organisation, or `UnknownOrganisation`. @example knownOrganisation(s, p.organisationId) */
export const knownOrganisation = (s: RegisterState, id: string): E.Either<DomainRejection, OrganisationState> => {
  const o = s.organisations[id]
  return o === undefined
    ? E.left(reject('UnknownOrganisation', `no organisation ${id} is registered; register it first (registerOrganisation)`, { organisationId: id }))
    : E.right(o)
}

/** The person, or `UnknownPerson`, or `PersonErased`. @example livePerson(s, p.personId) */
export const livePerson = (s: RegisterState, id: string): E.Either<DomainRejection, PersonState> => {
  const p = s.persons[id]
  if (p === undefined) return E.left(reject('UnknownPerson', `no key figure ${id} is registered`, { personId: id }))
  if (p.erased !== undefined)
    return E.left(reject('PersonErased', `key figure ${id} was erased at position ${p.erased.position}`, { personId: id }, 9))
  return E.right(p)
}

/** `InvalidCommand` when a list names an id twice. @example distinct('organisationIds', ids) */
export const distinct = (field: string, ids: ReadonlyArray<string>): E.Either<DomainRejection, void> => {
  const dup = ids.find((id, i) => ids.indexOf(id) !== i)
  return dup === undefined ? E.right(undefined) : E.left(reject('InvalidCommand', `${field} names ${dup} twice`, { [field]: dup }))
}
