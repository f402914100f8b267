/** registerOrganisation: a coordinator registers an organisation the register does not know yet. */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { organisationQuery } from '../policies/known.js'
import { KvkNumber, NonEmptyString, OrganisationKind, Uuid, knownUuid } from '../values.js'
import { IdInput } from '../input.js'
import { idOf } from '../checks.js'
import { defineCommand } from './define.js'

export const RegisterOrganisation = closed(
  'registerOrganisation',
  { name: NonEmptyString, kind: OrganisationKind },
  { organisationId: IdInput, kvkNumber: KvkNumber, municipality: NonEmptyString },
)

/** The `registerOrganisation` command: issued by the coordinator; emits OrganisationRegistered; its new id is `organisationId`. */
export const registerOrganisation = defineCommand({
  payload: RegisterOrganisation,
  role: 'coordinator',
  idField: 'organisationId',
  emits: ['OrganisationRegistered'],
  query: (p) => [organisationQuery(p.organisationId!)],
  decide: (p, s) =>
    pipe(
      idOf(p.organisationId, 'organisationId'),
      E.chain((organisationId) =>
        s.organisations[organisationId] !== undefined
          ? E.left(reject('AlreadyExists', `organisation ${organisationId} is already registered`, { organisationId }))
          : E.right([event('OrganisationRegistered', { ...p, organisationId: knownUuid(organisationId) })]),
      ),
    ),
})
