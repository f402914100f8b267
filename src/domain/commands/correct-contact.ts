/**
 * correctContact (rules 1, 2, 3, 8, 9): an official corrects a contact. A correction of its date,
 * organisations, key figures or category is judged by rule 2 again as if the contact were recorded
 * anew (refused, or entered as an acknowledged breach); a reclassification into or out of
 * `signalling` carries its reason and is listed in the auditor's view.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { BreachInput, contactQuery, judgeContact, partnerPresent } from '../policies/contact-rules.js'
import { queryItem } from '../query.js'
import { contactTag } from '../tags.js'
import { NonEmptyString } from '../values.js'
import { IdInput, contactChangesInput } from '../input.js'
import { checks, notInFuture } from '../checks.js'
import { defineCommand } from './define.js'

export const CorrectContact = closed('correctContact', { contactId: IdInput, reason: NonEmptyString }, { ...contactChangesInput, breach: BreachInput })

/**
 * The `correctContact` command: issued by the official; emits ContactCorrected (and BreachAcknowledged
 * for an acknowledged breach). Into or out of `signalling` it is a proposal, confirmed by a coordinator (rules 9, 19).
 */
export const correctContact = defineCommand({
  payload: CorrectContact,
  role: 'official',
  emits: ['ContactCorrected', 'BreachAcknowledged'],
  // rules 9 and 19: a reclassification into or out of signalling is confirmed by a coordinator
  proposal: (p, s) => {
    const c = s.contacts[p.contactId]
    return c !== undefined && p.category !== undefined && (p.category === 'signalling') !== (c.category === 'signalling') ? 'coordinator' : undefined
  },
  query: (p, state) => {
    // once the contact is known, its current organisations and key figures matter too
    const current = state?.contacts[p.contactId]
    return [
      queryItem(undefined, contactTag(p.contactId)),
      ...contactQuery([...new Set([...(current?.organisationIds ?? []), ...(p.organisationIds ?? [])])], [...new Set([...(current?.personIds ?? []), ...(p.personIds ?? [])])], state),
    ]
  },
  decide: (p, s, ctx) => {
    const c = s.contacts[p.contactId]
    if (c === undefined) return E.left(reject('UnknownContact', `no contact ${p.contactId} is recorded`, { contactId: p.contactId }))
    if (c.retracted !== undefined)
      return E.left(reject('NotActive', `contact ${p.contactId} was retracted at position ${c.retracted.position}; it cannot be corrected`, { contactId: p.contactId }))
    const { contactId: _id, reason: _reason, breach, ...changes } = p
    if (Object.keys(changes).length === 0) return E.left(reject('InvalidCommand', 'a correction must change at least one field of the contact'))
    const next = {
      organisationIds: p.organisationIds ?? c.organisationIds,
      personIds: p.personIds ?? c.personIds,
      occurredOn: p.occurredOn ?? c.occurredOn,
      category: p.category ?? c.category,
      subject: p.subject ?? c.subject,
    }
    // rule 2: a change of date, parties or category is judged again, the whole contact as if recorded anew
    const judged = p.occurredOn !== undefined || p.organisationIds !== undefined || p.personIds !== undefined || p.category !== undefined
    return pipe(
      checks(
        () =>
          next.organisationIds.length + next.personIds.length === 0
            ? E.left(reject('InvalidCommand', 'a contact needs at least one organisation or key figure'))
            : E.right(undefined),
        () => (p.occurredOn !== undefined ? notInFuture('occurredOn', p.occurredOn, ctx.today) : E.right(undefined)),
        () =>
          !judged && breach !== undefined
            ? E.left(reject('InvalidCommand', 'a breach is acknowledged only with a change of date, organisations, key figures or category; leave out breach'))
            : E.right(undefined),
        () =>
          next.category === 'partnership' && next.subject === undefined
            ? E.left(reject('InvalidCommand', 'a contact of category partnership needs a subject'))
            : E.right(undefined),
      ),
      E.chain(() => (judged ? judgeContact(s, p.contactId, next, breach) : E.right([]))),
      E.chainFirst(() =>
        next.category === 'partnership' && (p.category !== undefined || p.organisationIds !== undefined || p.occurredOn !== undefined)
          ? partnerPresent(s, next.organisationIds, next.occurredOn)
          : E.right(undefined),
      ),
      E.map((acknowledged) => [event('ContactCorrected', { contactId: p.contactId, reason: p.reason, ...changes }), ...acknowledged]),
    )
  },
})
