/** Deciders for organisations and their values endorsement (rule 5). */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { knownUuid } from '../values.js'
import { checks, idOf, notInFuture, type Decider } from './context.js'
import { knownOrganisation } from './guards.js'
import { endOpenPartnerships } from './partnership.js'

export const registerOrganisation: Decider<'registerOrganisation'> = (p, s) =>
  pipe(
    idOf(p.organisationId, 'organisationId'),
    E.chain((organisationId) =>
      s.organisations[organisationId] !== undefined
        ? E.left(reject('AlreadyExists', `organisation ${organisationId} is already registered`, { organisationId }))
        : E.right([event('OrganisationRegistered', { ...p, organisationId: knownUuid(organisationId) })]),
    ),
  )

export const correctOrganisation: Decider<'correctOrganisation'> = (p, s) =>
  pipe(
    knownOrganisation(s, p.organisationId),
    E.chain(() =>
      p.name === undefined && p.kind === undefined && p.kvkNumber === undefined && p.municipality === undefined
        ? E.left(reject('InvalidCommand', 'a correction must change at least one of name, kind, kvkNumber, municipality'))
        : E.right([event('OrganisationCorrected', p)]),
    ),
  )

export const endorseValues: Decider<'endorseValues'> = (p, s, ctx) =>
  pipe(
    knownOrganisation(s, p.organisationId),
    E.chainFirst(() => notInFuture('endorsedOn', p.endorsedOn, ctx.today)),
    E.map(() => [event('ValuesEndorsed', p)]),
  )

export const withdrawEndorsement: Decider<'withdrawEndorsement'> = (p, s, ctx) =>
  pipe(
    knownOrganisation(s, p.organisationId),
    E.chainFirst((o) =>
      checks(
        () => notInFuture('withdrawnOn', p.withdrawnOn, ctx.today),
        () =>
          o.endorsement === null
            ? E.left(reject('EndorsementMissing', `organisation ${o.name} has no standing values endorsement to withdraw`, { organisationId: o.organisationId }, 5))
            : E.right(undefined),
      ),
    ),
    E.map(() => [
      event('EndorsementWithdrawn', p),
      // rule 5: withdrawing the endorsement ends the organisation's partnerships
      ...endOpenPartnerships(s, p.organisationId, p.withdrawnOn, 'endorsement-withdrawn'),
    ]),
  )
