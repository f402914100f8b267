/**
 * Checks shared by several deciders: an organisation exists, is not excluded, is not advised
 * against (rules 2 and 5); a person exists and is not erased.
 */
import * as E from 'fp-ts/lib/Either.js'
import { reject, type DomainRejection } from '../errors.js'
import type { OrganisationState, PersonState, RegisterState } from '../state.js'
import { activeExclusion, outstandingAdvice } from '../status.js'

/** The organisation, or `UnknownOrganisation`. */
export const knownOrganisation = (s: RegisterState, id: string): E.Either<DomainRejection, OrganisationState> => {
  const o = s.organisations[id]
  return o === undefined
    ? E.left(reject('UnknownOrganisation', `no organisation ${id} is registered; register it first (registerOrganisation)`, { organisationId: id }))
    : E.right(o)
}

/** `OrganisationExcluded` naming the decision, or `AdvisedAgainst` naming the advice (rule 2). */
export const mayBeContacted = (o: OrganisationState, rule = 2): E.Either<DomainRejection, OrganisationState> => {
  const x = activeExclusion(o)
  if (x !== undefined)
    return E.left(
      reject(
        'OrganisationExcluded',
        `organisation ${o.name} (${o.organisationId}) is excluded by decision ${x.decisionId} of ${x.decidedOn} (rule ${rule})`,
        { organisationId: o.organisationId, decisionId: x.decisionId },
        rule,
      ),
    )
  const a = outstandingAdvice(o)
  if (a !== undefined)
    return E.left(
      reject(
        'AdvisedAgainst',
        `organisation ${o.name} (${o.organisationId}) has an outstanding advised-against advice ${a.adviceId} from ${a.source} received ${a.receivedOn} (rule ${rule})`,
        { organisationId: o.organisationId, adviceId: a.adviceId },
        rule,
      ),
    )
  return E.right(o)
}

/** The person, or `UnknownPerson`, or `PersonErased`. */
export const livePerson = (s: RegisterState, id: string): E.Either<DomainRejection, PersonState> => {
  const p = s.persons[id]
  if (p === undefined) return E.left(reject('UnknownPerson', `no key figure ${id} is registered`, { personId: id }))
  if (p.erased !== undefined)
    return E.left(reject('PersonErased', `key figure ${id} was erased at position ${p.erased.position}`, { personId: id }, 9))
  return E.right(p)
}

/** `InvalidCommand` when a list names an id twice. */
export const distinct = (field: string, ids: ReadonlyArray<string>): E.Either<DomainRejection, void> => {
  const dup = ids.find((id, i) => ids.indexOf(id) !== i)
  return dup === undefined ? E.right(undefined) : E.left(reject('InvalidCommand', `${field} names ${dup} twice`, { [field]: dup }))
}
