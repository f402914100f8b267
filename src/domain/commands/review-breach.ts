/** reviewBreach (rule 3): a coordinator reviews a contact that was entered as an acknowledged breach of rule 2. */
import * as E from 'fp-ts/lib/Either.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { queryItem } from '../query.js'
import { contactTag } from '../tags.js'
import { NonEmptyString } from '../values.js'
import { DateInput, IdInput } from '../input.js'
import { checks, notInFuture } from '../checks.js'
import { defineCommand } from './define.js'

export const ReviewBreach = closed('reviewBreach', { contactId: IdInput, reviewedOn: DateInput, note: NonEmptyString })

/** The `reviewBreach` command: issued by the coordinator; emits BreachReviewed. */
export const reviewBreach = defineCommand({
  payload: ReviewBreach,
  role: 'coordinator',
  emits: ['BreachReviewed'],
  query: (p) => [queryItem(undefined, contactTag(p.contactId))],
  decide: (p, s, ctx) => {
    const c = s.contacts[p.contactId]
    if (c === undefined) return E.left(reject('UnknownContact', `no contact ${p.contactId} is recorded`, { contactId: p.contactId }))
    const breaches = c.breaches ?? []
    return E.map(() => [event('BreachReviewed', p)])(
      checks(
        () =>
          breaches.length === 0
            ? E.left(reject('NotActive', `contact ${p.contactId} was not entered as an acknowledged breach; there is nothing to review (rule 3)`, { contactId: p.contactId }, 3))
            : E.right(undefined),
        () => notInFuture('reviewedOn', p.reviewedOn, ctx.today),
        () =>
          p.reviewedOn < c.occurredOn
            ? E.left(reject('InvalidCommand', `reviewedOn ${p.reviewedOn} lies before the contact's date ${c.occurredOn}`))
            : E.right(undefined),
      ),
    )
  },
})
