/**
 * redactRecord (rules 10 and 21): a privacy officer redacts a record's sealed free texts (a
 * contact's subject, officials and reasons; a decision's rationales; any other record's reasons).
 * The ledger destroys the record's key after the event is appended, so the texts are unreadable in
 * every copy of the log, and the log still verifies.
 */
import * as E from 'fp-ts/lib/Either.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { IdInput } from '../input.js'
import { queryItem } from '../query.js'
import { redactionTags } from '../tags.js'
import { NonEmptyString, knownUuid } from '../values.js'
import { defineCommand } from './define.js'

export const RedactRecord = closed('redactRecord', { recordId: IdInput, reason: NonEmptyString })

/** The `redactRecord` command: issued by the privacy-officer; emits RecordRedacted. */
export const redactRecord = defineCommand({
  payload: RedactRecord,
  role: 'privacy-officer',
  emits: ['RecordRedacted'],
  query: (p) => redactionTags(p.recordId.toLowerCase()).map((tag) => queryItem(undefined, tag)),
  decide: (p, s) => {
    const id = p.recordId.toLowerCase()
    const r = s.sealedTexts?.[id]
    if (r === undefined)
      return E.left(
        reject(
          'UnknownRecord',
          `no record ${id} holds sealed free text (texts recorded before sealing are plaintext history and cannot be redacted, rule 22)`,
          { recordId: id },
          21,
        ),
      )
    if (r.redacted !== undefined)
      return E.left(reject('AlreadyRedacted', `record ${id} was already redacted at position ${r.redacted.position}`, { recordId: id }, 21))
    return E.right([event('RecordRedacted', { recordId: knownUuid(id), reason: p.reason })])
  },
})
