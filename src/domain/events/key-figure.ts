/** Events of key figures (rule 9): registration with sealed personal data, and erasure. */
import { closed } from '../codec.js'
import { orgTag, personTag } from '../tags.js'
import { NonEmptyString, Uuid } from '../values.js'
import { defineFamily } from './family.js'
import { FreeText, Sealed } from './parts.js'
import { eventHistory } from '../versions.js'

export const KeyFigureRegistered = closed('KeyFigureRegistered', { personId: Uuid, personal: Sealed }, { organisationId: Uuid })
/** Version 1 of KeyFigureErased: the reason in plaintext. */
export const KeyFigureErasedV1 = closed('KeyFigureErased', { personId: Uuid, reason: NonEmptyString })
/** Version 2: the reason sealed under the erasure's own key (its causation id), apart from the person's key, which it destroys. */
export const KeyFigureErased = closed('KeyFigureErased', { personId: Uuid, reason: FreeText })

/** The events that make up a key figure's record. */
export const KEY_FIGURE_EVENTS = ['KeyFigureRegistered', 'KeyFigureErased'] as const

/** The key-figure family: KeyFigureRegistered, KeyFigureErased, with how each folds into the state, its tags and its business date. */
export const keyFigureFamily = defineFamily({
  codecs: { KeyFigureRegistered, KeyFigureErased },
  versions: { KeyFigureErased: eventHistory(KeyFigureErasedV1).then(KeyFigureErased, (v1) => v1) },
  behaviour: {
    KeyFigureRegistered: {
      evolve: (s, d, at) => {
        s.persons[d.personId] = {
          ...at,
          personId: d.personId,
          ...(d.organisationId !== undefined ? { organisationId: d.organisationId } : {}),
          personal: d.personal,
        }
      },
      tags: (d) => [personTag(d.personId), ...(d.organisationId ? [orgTag(d.organisationId)] : [])],
    },
    KeyFigureErased: {
      evolve: (s, d, at) => {
        const p = s.persons[d.personId]
        if (!p) return
        p.personal = null
        p.erased = { ...at, reason: d.reason }
      },
      tags: (d) => [personTag(d.personId)],
    },
  },
})
