/** Deciders for key figures (rule 9): personal data arrives sealed; erasure records no personal data. */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { knownUuid } from '../values.js'
import { checks, idOf, type Decider } from './context.js'
import { knownOrganisation, livePerson } from './guards.js'

export const registerKeyFigure: Decider<'registerKeyFigure'> = (p, s, ctx) =>
  pipe(
    idOf(p.personId, 'personId'),
    E.chainFirst((personId) =>
      checks(
        () =>
          s.persons[personId] !== undefined
            ? E.left(reject('AlreadyExists', `key figure ${personId} is already registered`, { personId }))
            : E.right(undefined),
        () => (p.organisationId !== undefined ? knownOrganisation(s, p.organisationId) : E.right(undefined)),
        () =>
          ctx.sealed === undefined
            ? E.left(reject('InvalidCommand', 'personal data must be sealed before a key figure is registered'))
            : E.right(undefined),
      ),
    ),
    E.map((personId) => [
      event('KeyFigureRegistered', {
        personId: knownUuid(personId),
        personal: ctx.sealed!,
        ...(p.organisationId !== undefined ? { organisationId: p.organisationId } : {}),
      }),
    ]),
  )

export const eraseKeyFigure: Decider<'eraseKeyFigure'> = (p, s) =>
  pipe(
    livePerson(s, p.personId),
    E.map(() => [event('KeyFigureErased', p)]),
  )

