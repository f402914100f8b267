/** addRecipient (rule 8): an administrator puts a recipient of the confidential list on the register's recipient list. */
import * as E from 'fp-ts/lib/Either.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { RECIPIENT_EVENTS } from '../events/recipient.js'
import { IdInput } from '../input.js'
import { NonEmptyString, knownUuid } from '../values.js'
import { defineCommand } from './define.js'

export const AddRecipient = closed('addRecipient', { name: NonEmptyString }, { recipientId: IdInput, reason: NonEmptyString })

/** How two recipients' names compare: white space and case folded. */
const sameName = (a: string, b: string): boolean => a.replace(/\s+/gu, ' ').trim().toLowerCase() === b.replace(/\s+/gu, ' ').trim().toLowerCase()

/**
 * The `addRecipient` command: issued by an administrator; emits RecipientAdded; its new id is
 * `recipientId`. Refused (`AlreadyExists`) for an id already used or a name already on the list.
 *
 * @example
 * { command: 'addRecipient', actor: { id: 'b.admin', role: 'administrator' }, payload: { name: 'Vaste commissie SZW, Tweede Kamer' } }
 */
export const addRecipient = defineCommand({
  payload: AddRecipient,
  role: 'administrator',
  idField: 'recipientId',
  emits: ['RecipientAdded'],
  // the whole list: a name may be on it once
  query: () => [{ types: RECIPIENT_EVENTS }],
  decide: (p, s) => {
    if (p.recipientId === undefined) return E.left(reject('InvalidCommand', 'recipientId is missing; the ledger fills it before deciding'))
    const id = p.recipientId.toLowerCase()
    if (s.recipients[id] !== undefined) return E.left(reject('AlreadyExists', `recipient ${id} was added already (position ${s.recipients[id]!.position})`, { recipientId: id }))
    const same = Object.values(s.recipients).find((r) => r.removed === undefined && sameName(r.name, p.name))
    if (same !== undefined)
      return E.left(reject('AlreadyExists', `${same.name} is on the recipient list already, as ${same.recipientId}`, { recipientId: same.recipientId }, 8))
    return E.right([event('RecipientAdded', { recipientId: knownUuid(id), name: p.name, ...(p.reason !== undefined ? { reason: p.reason } : {}) })])
  },
})
