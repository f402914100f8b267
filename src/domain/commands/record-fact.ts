/** recordFact (rule 13): a vetting officer records a sourced fact about an organisation. */
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
  { factId: IdInput },
)

/** The `recordFact` command: issued by the vetting-officer; emits FactRecorded; its new id is `factId`. */
export const recordFact = defineCommand({
  payload: RecordFact,
  role: 'vetting-officer',
  idField: 'factId',
  emits: ['FactRecorded'],
  query: (p) => [standingQuery(p.organisationId, ['FactRecorded'])],
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
