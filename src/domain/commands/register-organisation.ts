/**
 * registerOrganisation: a coordinator registers an organisation the register does not know yet.
 * An organisation is registered once (rule 23): its id (compared case-insensitively), its KvK
 * number and its name as folded (`nameKey`) must be new, unless `distinctFrom` names each
 * organisation of the same name and says why this one is different; a name-alike of an excluded
 * organisation is refused.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { barredNameAlike, identityQuery, noDuplicateKvk, noDuplicateName } from '../policies/identity.js'
import { KvkNumber, NonEmptyString, OrganisationKind, knownUuid } from '../values.js'
import { IdInput } from '../input.js'
import { idOf } from '../checks.js'
import { defineCommand } from './define.js'

/** Why a registration is a different organisation from one of a similar name (rule 23). */
export const DistinctFromInput = closed('DistinctFrom', { organisationId: IdInput, reason: NonEmptyString })

export const RegisterOrganisation = closed(
  'registerOrganisation',
  { name: NonEmptyString, kind: OrganisationKind },
  {
    organisationId: IdInput,
    kvkNumber: KvkNumber,
    municipality: NonEmptyString,
    // one organisation of a similar name, or a list of them (at most 20), each checked by the official
    distinctFrom: t.union([DistinctFromInput, t.refinement(t.readonlyArray(DistinctFromInput), (xs) => xs.length >= 1 && xs.length <= 20, 'a list of 1 to 20 { organisationId, reason }')]),
  },
)

/**
 * The `registerOrganisation` command: issued by the coordinator; emits OrganisationRegistered;
 * its new id is `organisationId`. `DuplicateOrganisation` (rule 23) names the organisation it
 * would duplicate. The stored event carries what was registered, `distinctFrom` included. A
 * name-alike of an excluded or advised-against organisation that `distinctFrom` names is a
 * proposal (rules 19, 23): registered when a second coordinator confirms it.
 *
 * @example
 * { command: 'registerOrganisation', actor: { id: 'c.desmet', role: 'coordinator' },
 *   payload: { name: 'Moskee Al-Fath Zaandam', kind: 'religious-community',
 *              distinctFrom: { organisationId: '…', reason: 'andere moskee, zelfde naam, andere stad' } } }
 */
export const registerOrganisation = defineCommand({
  payload: RegisterOrganisation,
  role: 'coordinator',
  idField: 'organisationId',
  emits: ['OrganisationRegistered'],
  // rules 19 and 23: a name-alike of an excluded (or advised-against) organisation is confirmed by a second coordinator
  proposal: (p, s) => (barredNameAlike(s, p.name, distinctList(p.distinctFrom)) !== undefined ? 'coordinator' : undefined),
  query: () => [identityQuery()],
  decide: (p, s) =>
    pipe(
      idOf(p.organisationId, 'organisationId'),
      E.map((id) => id.toLowerCase()),
      E.chainFirst((organisationId) =>
        s.organisations[organisationId] !== undefined
          ? E.left(reject('DuplicateOrganisation', `organisation ${organisationId} is already registered, as ${s.organisations[organisationId]!.name} (rule 23)`, { organisationId }, 23))
          : E.right(undefined),
      ),
      E.chainFirst(() => noDuplicateKvk(s, p.kvkNumber)),
      E.chainFirst(() => noDuplicateName(s, p.name, undefined, distinctList(p.distinctFrom))),
      E.map((organisationId) => {
        const { distinctFrom, ...rest } = p
        const list = distinctList(distinctFrom)
        return [
          event('OrganisationRegistered', {
            ...rest,
            organisationId: knownUuid(organisationId),
            ...(list.length > 0 ? { distinctFrom: list.map((d) => ({ organisationId: knownUuid(d.organisationId.toLowerCase()), reason: d.reason })) } : {}),
          }),
        ]
      }),
    ),
})

const distinctList = <D>(d: D | ReadonlyArray<D> | undefined): ReadonlyArray<D> => (d === undefined ? [] : Array.isArray(d) ? d : [d as D])
