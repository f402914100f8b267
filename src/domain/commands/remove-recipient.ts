/** removeRecipient (rule 8): an administrator takes a recipient off the register's recipient list. */
import * as E from 'fp-ts/lib/Either.js'
import { closed } from '../codec.js'
import { event } from '../events.js'
import { RECIPIENT_EVENTS } from '../events/recipient.js'
import { IdInput } from '../input.js'
import { queryItem } from '../query.js'
import { recipientTag } from '../tags.js'
import { NonEmptyString, knownUuid } from '../values.js'
import { onRecipientList } from '../policies/recipients.js'
import { defineCommand } from './define.js'

export const RemoveRecipient = closed('removeRecipient', { recipientId: IdInput }, { reason: NonEmptyString })

/**
 * The `removeRecipient` command: issued by an administrator; emits RecipientRemoved. Refused
 * (`NotARecipient`) for a recipient that is not on the list. Earlier shares stay recorded.
 *
 * @example
 * { command: 'removeRecipient', actor: { id: 'b.admin', role: 'administrator' }, payload: { recipientId, reason: 'commissie opgeheven' } }
 */
export const removeRecipient = defineCommand({
  payload: RemoveRecipient,
  role: 'administrator',
  emits: ['RecipientRemoved'],
  query: (p) => [queryItem(RECIPIENT_EVENTS, recipientTag(p.recipientId.toLowerCase()))],
  decide: (p, s) =>
    E.map(() => [event('RecipientRemoved', { recipientId: knownUuid(p.recipientId.toLowerCase()), ...(p.reason !== undefined ? { reason: p.reason } : {}) })])(
      onRecipientList(s, p.recipientId),
    ),
})
