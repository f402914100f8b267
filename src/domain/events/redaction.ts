/**
 * Events of redaction (rules 10 and 21): a privacy officer destroys the key of a record's sealed
 * free texts. The event names the record; the key goes after the event is appended, so every copy
 * of the log still verifies and no text can be read again.
 */
import { closed } from '../codec.js'
import { textTag } from '../tags.js'
import { Uuid } from '../values.js'
import { defineFamily } from './family.js'
import { FreeText } from './parts.js'

/** A record's free texts redacted; the reason is sealed under the redaction's own key (it may name the person). */
export const RecordRedacted = closed('RecordRedacted', { recordId: Uuid, reason: FreeText })

/** The redaction family: RecordRedacted, with how it folds into the state and its tag. */
export const redactionFamily = defineFamily({
  codecs: { RecordRedacted },
  behaviour: {
    RecordRedacted: {
      evolve: (s, d, at) => {
        if (s.sealedTexts === undefined) s.sealedTexts = {}
        const r = s.sealedTexts[d.recordId]
        s.sealedTexts[d.recordId] = { first: r?.first ?? at.position, redacted: at }
      },
      tags: (d) => [textTag(d.recordId)],
    },
  },
})
