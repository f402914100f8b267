/**
 * Events of the register's recipient list (rule 8): the recipients the confidential list may be
 * shared with (the House's standing committee, say), added and removed by an administrator.
 */
import { closed } from '../codec.js'
import { recipientTag } from '../tags.js'
import { NonEmptyString, Uuid } from '../values.js'
import { defineFamily } from './family.js'

export const RecipientAdded = closed('RecipientAdded', { recipientId: Uuid, name: NonEmptyString }, { reason: NonEmptyString })
export const RecipientRemoved = closed('RecipientRemoved', { recipientId: Uuid }, { reason: NonEmptyString })

/** The events that make up the recipient list. */
export const RECIPIENT_EVENTS = ['RecipientAdded', 'RecipientRemoved'] as const

/** The recipient family: RecipientAdded, RecipientRemoved, with how each folds into the state and its tags. */
export const recipientFamily = defineFamily({
  codecs: { RecipientAdded, RecipientRemoved },
  behaviour: {
    RecipientAdded: {
      evolve: (s, d, at) => {
        s.recipients[d.recipientId] = { ...at, recipientId: d.recipientId, name: d.name }
      },
      tags: (d) => [recipientTag(d.recipientId)],
    },
    RecipientRemoved: {
      evolve: (s, d, at) => {
        const r = s.recipients[d.recipientId]
        if (r !== undefined && r.removed === undefined) r.removed = { ...at, ...(d.reason !== undefined ? { reason: d.reason } : {}) }
      },
      tags: (d) => [recipientTag(d.recipientId)],
    },
  },
})
