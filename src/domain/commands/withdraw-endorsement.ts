/** withdrawEndorsement (rule 5): withdrawing an endorsement ends the organisation's partnerships. */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { ENDORSEMENT_EVENTS } from '../events/endorsement.js'
import { knownOrganisation } from '../policies/known.js'
import { endOpenPartnerships } from '../policies/partnerships.js'
import { standingQuery } from '../policies/standing.js'
import { IsoDate, NonEmptyString, Uuid } from '../values.js'
import { IdInput, DateInput } from '../input.js'
import { checks, notInFuture } from '../checks.js'
import { defineCommand } from './define.js'

export const WithdrawEndorsement = closed('withdrawEndorsement', {
  organisationId: IdInput,
  withdrawnOn: DateInput,
  reason: NonEmptyString,
})

/** The `withdrawEndorsement` command: issued by the coordinator; emits EndorsementWithdrawn, PartnershipEnded. */
export const withdrawEndorsement = defineCommand({
  payload: WithdrawEndorsement,
  role: 'coordinator',
  emits: ['EndorsementWithdrawn', 'PartnershipEnded'],
  query: (p) => [standingQuery(p.organisationId, ENDORSEMENT_EVENTS)],
  decide: (p, s, ctx) =>
    pipe(
      knownOrganisation(s, p.organisationId),
      E.chainFirst((o) =>
        checks(
          () => notInFuture('withdrawnOn', p.withdrawnOn, ctx.today),
          () =>
            o.endorsement === null
              ? E.left(
                  reject('EndorsementMissing', `organisation ${o.name} has no standing values endorsement to withdraw`, { organisationId: o.organisationId }, 5),
                )
              : E.right(undefined),
        ),
      ),
      E.map(() => [
        event('EndorsementWithdrawn', p),
        // rule 5: withdrawing the endorsement ends the organisation's partnerships
        ...endOpenPartnerships(s, p.organisationId, p.withdrawnOn, 'endorsement-withdrawn'),
      ]),
    ),
})
