/** The register's recipient list (rule 8): who the confidential list may be shared with. */
import * as E from 'fp-ts/lib/Either.js'
import { reject, type DomainRejection } from '../errors.js'
import type { RecipientState, RegisterState } from '../state.js'

/**
 * The recipient, when it is on the list now (added and not removed; its id compared
 * case-insensitively), or `NotARecipient` naming it.
 *
 * @example
 * onRecipientList(state, p.recipientId) // Right(recipient) or Left(NotARecipient)
 */
export const onRecipientList = (s: RegisterState, recipientId: string): E.Either<DomainRejection, RecipientState> => {
  const id = recipientId.toLowerCase()
  const r = s.recipients[id]
  if (r === undefined)
    return E.left(reject('NotARecipient', `${id} is not on the register's recipient list; an administrator adds recipients (addRecipient) (rule 8)`, { recipientId: id }, 8))
  if (r.removed !== undefined)
    return E.left(reject('NotARecipient', `${r.name} (${id}) was taken off the recipient list at position ${r.removed.position} (rule 8)`, { recipientId: id }, 8))
  return E.right(r)
}
