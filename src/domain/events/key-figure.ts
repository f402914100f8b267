/** Events of key figures (rule 9): registration with sealed personal data, and erasure. */
import { closed } from '../codec.js'
import { orgTag, personTag } from '../tags.js'
import { NonEmptyString, Uuid } from '../values.js'
import { defineFamily } from './family.js'
import { Sealed } from './parts.js'

export const KeyFigureRegistered = closed('KeyFigureRegistered', { personId: Uuid, personal: Sealed }, { organisationId: Uuid })
export const KeyFigureErased = closed('KeyFigureErased', { personId: Uuid, reason: NonEmptyString })

/** The events that make up a key figure's record. */
export const KEY_FIGURE_EVENTS = ['KeyFigureRegistered', 'KeyFigureErased'] as const

/** The key-figure family: KeyFigureRegistered, KeyFigureErased, with how each folds into the state, its tags and its business date. */
export const keyFigureFamily = defineFamily({
  codecs: { KeyFigureRegistered, KeyFigureErased },
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
