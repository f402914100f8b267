/** correctContact (rules 1, 2, 8): an official corrects a contact; what it adds must pass the contact rules now. */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { partnerPresent, reachable } from '../policies/contact-rules.js'
import { distinct, personQuery } from '../policies/known.js'
import { standingQuery } from '../policies/standing.js'
import { queryItem } from '../query.js'
import { contactTag } from '../tags.js'
import { NonEmptyString, Uuid } from '../values.js'
import { IdInput, contactChangesInput } from '../input.js'
import { checks, notInFuture } from '../checks.js'
import { defineCommand } from './define.js'

export const CorrectContact = closed('correctContact', { contactId: IdInput, reason: NonEmptyString }, contactChangesInput)

/** The `correctContact` command: issued by the official; emits ContactCorrected. */
export const correctContact = defineCommand({
  payload: CorrectContact,
  role: 'official',
  emits: ['ContactCorrected'],
  query: (p, state) => {
    // once the contact is known, its current organisations' standing matters too
    const current = state?.contacts[p.contactId]?.organisationIds ?? []
    return [
      queryItem(undefined, contactTag(p.contactId)),
      ...current.map((id) => standingQuery(id)),
      ...(p.organisationIds ?? []).map((id) => standingQuery(id)),
      ...(p.personIds ?? []).map((id) => personQuery(id)),
    ]
  },
  decide: (p, s, ctx) => {
    const c = s.contacts[p.contactId]
    if (c === undefined) return E.left(reject('UnknownContact', `no contact ${p.contactId} is recorded`, { contactId: p.contactId }))
    if (c.retracted !== undefined)
      return E.left(reject('NotActive', `contact ${p.contactId} was retracted at position ${c.retracted.position}; it cannot be corrected`, { contactId: p.contactId }))
    const { contactId: _id, reason: _reason, ...changes } = p
    if (Object.keys(changes).length === 0) return E.left(reject('InvalidCommand', 'a correction must change at least one field of the contact'))
    const next = {
      organisationIds: p.organisationIds ?? c.organisationIds,
      personIds: p.personIds ?? c.personIds,
      occurredOn: p.occurredOn ?? c.occurredOn,
      category: p.category ?? c.category,
      subject: p.subject ?? c.subject,
    }
    // only organisations and persons the correction adds must pass the contact rules now
    const addedOrgs = next.organisationIds.filter((id) => !c.organisationIds.includes(id))
    const addedPersons = next.personIds.filter((id) => !c.personIds.includes(id))
    return pipe(
      checks(
        () =>
          next.organisationIds.length + next.personIds.length === 0
            ? E.left(reject('InvalidCommand', 'a contact needs at least one organisation or key figure'))
            : E.right(undefined),
        () => (p.occurredOn !== undefined ? notInFuture('occurredOn', p.occurredOn, ctx.today) : E.right(undefined)),
        () => distinct('organisationIds', next.organisationIds),
        () => distinct('personIds', next.personIds),
        () => reachable(s, addedOrgs, addedPersons),
        () =>
          next.category === 'partnership' && next.subject === undefined
            ? E.left(reject('InvalidCommand', 'a contact of category partnership needs a subject'))
            : E.right(undefined),
        () =>
          next.category === 'partnership' && (p.category !== undefined || p.organisationIds !== undefined || p.occurredOn !== undefined)
            ? partnerPresent(s, next.organisationIds, next.occurredOn)
            : E.right(undefined),
      ),
      E.map(() => [event('ContactCorrected', p)]),
    )
  },
})
