/** eraseKeyFigure (rule 9): the privacy officer erases a key figure; the event records no personal data. */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { closed } from '../codec.js'
import { event } from '../events.js'
import { livePerson, personQuery } from '../policies/known.js'
import { NonEmptyString, Uuid } from '../values.js'
import { IdInput } from '../input.js'
import { defineCommand } from './define.js'

export const EraseKeyFigure = closed('eraseKeyFigure', { personId: IdInput, reason: NonEmptyString })

/** The `eraseKeyFigure` command: issued by the privacy-officer; emits KeyFigureErased. */
export const eraseKeyFigure = defineCommand({
  payload: EraseKeyFigure,
  role: 'privacy-officer',
  emits: ['KeyFigureErased'],
  query: (p) => [personQuery(p.personId)],
  decide: (p, s) =>
    pipe(
      livePerson(s, p.personId),
      E.map(() => [event('KeyFigureErased', p)]),
    ),
})
