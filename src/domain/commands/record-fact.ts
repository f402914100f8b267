/**
 * recordFact (rules 4, 14): a vetting officer records a sourced fact about an organisation; a
 * public statement of support names the terrorist listing it refers to (`listingRef`). A fact
 * never blocks a contact; only a public-statement fact with a listing can be cited, by an exclusion
 * on the ground supports-terrorist-organisation.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { knownOrganisation } from '../policies/known.js'
import { standingQuery } from '../policies/standing.js'
import { FactKind, IsoDate, NonEmptyString, Uuid, knownUuid } from '../values.js'
import { IdInput, DateInput } from '../input.js'
import { checks, idOf, notInFuture } from '../checks.js'
import { defineCommand } from './define.js'

export const RecordFact = closed(
  'recordFact',
  { organisationId: IdInput, kind: FactKind, observedOn: DateInput, source: NonEmptyString, reference: NonEmptyString },
  { factId: IdInput, listingRef: NonEmptyString },
)

/** The `recordFact` command: issued by the vetting-officer; emits FactRecorded; its new id is `factId`. */
export const recordFact = defineCommand({
  payload: RecordFact,
  role: 'vetting-officer',
  idField: 'factId',
  emits: ['FactRecorded'],
  refine: (p) => (p.listingRef !== undefined && p.kind !== 'public-statement' ? [{ path: 'listingRef', expected: 'no listingRef (only a public-statement fact names a listing)' }] : []),
  query: (p) => [standingQuery(p.organisationId)],
  decide: (p, s, ctx) =>
    pipe(
      E.Do,
      E.bind('factId', () => idOf(p.factId, 'factId')),
      E.bind('org', () => knownOrganisation(s, p.organisationId)),
      E.chainFirst(({ org, factId }) =>
        checks(
          () => notInFuture('observedOn', p.observedOn, ctx.today),
          () =>
            org.facts.some((f) => f.factId === factId)
              ? E.left(reject('AlreadyExists', `fact ${factId} is already recorded`, { factId }))
              : E.right(undefined),
        ),
      ),
      E.map(({ factId }) => [event('FactRecorded', { ...p, factId: knownUuid(factId) })]),
    ),
})
