/** registerKeyFigure (rule 9): an official registers a key figure; personal data arrives sealed. */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { knownOrganisation, organisationQuery, personQuery } from '../policies/known.js'
import { NonEmptyString, Uuid, knownUuid } from '../values.js'
import { IdInput } from '../input.js'
import { checks, idOf } from '../checks.js'
import { defineCommand } from './define.js'

/** Personal fields (`name`, `role`, `email`, `phone`) are sealed before anything is stored. */
export const RegisterKeyFigure = closed(
  'registerKeyFigure',
  { name: NonEmptyString },
  { personId: IdInput, organisationId: IdInput, role: NonEmptyString, email: NonEmptyString, phone: NonEmptyString },
)

/** The `registerKeyFigure` command: issued by the official; emits KeyFigureRegistered; its new id is `personId`. */
export const registerKeyFigure = defineCommand({
  payload: RegisterKeyFigure,
  role: 'official',
  idField: 'personId',
  emits: ['KeyFigureRegistered'],
  query: (p) => [personQuery(p.personId!), ...(p.organisationId ? [organisationQuery(p.organisationId)] : [])],
  decide: (p, s, ctx) =>
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
    ),
})
