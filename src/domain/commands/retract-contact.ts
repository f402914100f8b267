/** retractContact (rule 1): an official retracts a contact; nothing is removed from the log. */
import * as E from 'fp-ts/lib/Either.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { queryItem } from '../query.js'
import { contactTag } from '../tags.js'
import { NonEmptyString, Uuid } from '../values.js'
import { IdInput } from '../input.js'
import { defineCommand } from './define.js'

export const RetractContact = closed('retractContact', { contactId: IdInput, reason: NonEmptyString })

/** The `retractContact` command: issued by the official; emits ContactRetracted. */
export const retractContact = defineCommand({
  payload: RetractContact,
  role: 'official',
  emits: ['ContactRetracted'],
  query: (p) => [queryItem(undefined, contactTag(p.contactId))],
  decide: (p, s) => {
    const c = s.contacts[p.contactId]
    if (c === undefined) return E.left(reject('UnknownContact', `no contact ${p.contactId} is recorded`, { contactId: p.contactId }))
    if (c.retracted !== undefined) return E.left(reject('NotActive', `contact ${p.contactId} is already retracted`, { contactId: p.contactId }))
    return E.right([event('ContactRetracted', p)])
  },
})
