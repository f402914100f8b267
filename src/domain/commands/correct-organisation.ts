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

/** The kinds that are no *maatschappelijke organisatie*: never on the confidential list (Terms). */
const OFF_LIST: ReadonlyArray<string> = ['municipality', 'public-body', 'company']

/**
 * The `correctOrganisation` command: issued by the coordinator; emits OrganisationCorrected. A kind
 * that takes the organisation off the confidential list is a proposal, confirmed by another coordinator (rules 9, 19).
 */
export const correctOrganisation = defineCommand({
  payload: CorrectOrganisation,
  role: 'coordinator',
  emits: ['OrganisationCorrected'],
  // rules 9 and 19: a kind that takes the organisation off the confidential list is confirmed by a second coordinator
  proposal: (p, s) => {
    const o = s.organisations[p.organisationId]
    return o !== undefined && p.kind !== undefined && !OFF_LIST.includes(o.kind) && OFF_LIST.includes(p.kind) ? 'coordinator' : undefined
  },
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
