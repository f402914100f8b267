/**
 * Events of the register's recipient list (rule 8): the recipients the confidential list may be
 * shared with (the House's standing committee, say), added and removed by an administrator.
 */
import { closed } from '../codec.js'
import { recipientTag } from '../tags.js'
import { NonEmptyString, Uuid } from '../values.js'
import { eventHistory } from '../versions.js'
import { defineFamily } from './family.js'
import { FreeText } from './parts.js'

/** Version 1 of RecipientAdded: the reason in plaintext. */
export const RecipientAddedV1 = closed('RecipientAdded', { recipientId: Uuid, name: NonEmptyString }, { reason: NonEmptyString })
/** Version 2: the reason sealed under the recipient's key (rule 21). */
export const RecipientAdded = closed('RecipientAdded', { recipientId: Uuid, name: NonEmptyString }, { reason: FreeText })
/** Version 1 of RecipientRemoved: the reason in plaintext. */
export const RecipientRemovedV1 = closed('RecipientRemoved', { recipientId: Uuid }, { reason: NonEmptyString })
/** Version 2: the reason sealed under the recipient's key. */
export const RecipientRemoved = closed('RecipientRemoved', { recipientId: Uuid }, { reason: FreeText })

/** The events that make up the recipient list. */
export const RECIPIENT_EVENTS = ['RecipientAdded', 'RecipientRemoved'] as const

/** The recipient family: RecipientAdded, RecipientRemoved, with how each folds into the state and its tags. */
export const recipientFamily = defineFamily({
  codecs: { RecipientAdded, RecipientRemoved },
  versions: {
    RecipientAdded: eventHistory(RecipientAddedV1).then(RecipientAdded, (v1) => v1),
    RecipientRemoved: eventHistory(RecipientRemovedV1).then(RecipientRemoved, (v1) => v1),
  },
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
