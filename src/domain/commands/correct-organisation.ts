/** correctOrganisation: a coordinator corrects an organisation's name, kind, KvK number or municipality. */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { knownOrganisation } from '../policies/known.js'
import { identityQuery, noDuplicateKvk, noDuplicateName } from '../policies/identity.js'
import { KvkNumber, NonEmptyString, OrganisationKind, Uuid } from '../values.js'
import { IdInput } from '../input.js'
import { defineCommand } from './define.js'

export const CorrectOrganisation = closed(
  'correctOrganisation',
  { organisationId: IdInput, reason: NonEmptyString },
  { name: NonEmptyString, kind: OrganisationKind, kvkNumber: KvkNumber, municipality: NonEmptyString },
)

/** The `correctOrganisation` command: issued by the coordinator; emits OrganisationCorrected. */
export const correctOrganisation = defineCommand({
  payload: CorrectOrganisation,
  role: 'coordinator',
  emits: ['OrganisationCorrected'],
  // every organisation: a correction into a duplicate is refused (rule 23)
  query: () => [identityQuery()],
  decide: (p, s) =>
    pipe(
      knownOrganisation(s, p.organisationId),
      E.chain(() =>
        p.name === undefined && p.kind === undefined && p.kvkNumber === undefined && p.municipality === undefined
          ? E.left(reject('InvalidCommand', 'a correction must change at least one of name, kind, kvkNumber, municipality'))
          : pipe(
              noDuplicateKvk(s, p.kvkNumber, p.organisationId),
              E.chain(() => (p.name === undefined ? E.right(undefined) : noDuplicateName(s, p.name, p.organisationId))),
              E.map(() => [event('OrganisationCorrected', p)]),
            ),
      ),
    ),
})
