/** endorseValues (rule 5): a coordinator records an organisation's endorsement of the Actieagenda. */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { closed } from '../codec.js'
import { event } from '../events.js'
import { ENDORSEMENT_EVENTS } from '../events/endorsement.js'
import { knownOrganisation } from '../policies/known.js'
import { standingQuery } from '../policies/standing.js'
import { IsoDate, NonEmptyString, Uuid } from '../values.js'
import { IdInput, DateInput } from '../input.js'
import { notInFuture } from '../checks.js'
import { defineCommand } from './define.js'

export const EndorseValues = closed('endorseValues', {
  organisationId: IdInput,
  endorsedOn: DateInput,
  documentRef: NonEmptyString,
})

/** The `endorseValues` command: issued by the coordinator; emits ValuesEndorsed. */
export const endorseValues = defineCommand({
  payload: EndorseValues,
  role: 'coordinator',
  emits: ['ValuesEndorsed'],
  query: (p) => [standingQuery(p.organisationId, ENDORSEMENT_EVENTS)],
  decide: (p, s, ctx) =>
    pipe(
      knownOrganisation(s, p.organisationId),
      E.chainFirst(() => notInFuture('endorsedOn', p.endorsedOn, ctx.today)),
      E.map(() => [event('ValuesEndorsed', p)]),
    ),
})
