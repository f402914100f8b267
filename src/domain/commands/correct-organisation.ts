/** correctOrganisation: a coordinator corrects an organisation's name, kind, KvK number or municipality. */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { knownOrganisation, organisationQuery } from '../policies/known.js'
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
  query: (p) => [organisationQuery(p.organisationId)],
  decide: (p, s) =>
    pipe(
      knownOrganisation(s, p.organisationId),
      E.chain(() =>
        p.name === undefined && p.kind === undefined && p.kvkNumber === undefined && p.municipality === undefined
          ? E.left(reject('InvalidCommand', 'a correction must change at least one of name, kind, kvkNumber, municipality'))
          : E.right([event('OrganisationCorrected', p)]),
      ),
    ),
})
