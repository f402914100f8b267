/** Events of an organisation's endorsement of the Actieagenda's goals and values (rule 5). */
import { closed } from '../codec.js'
import { orgTag } from '../tags.js'
import { IsoDate, NonEmptyString, Uuid } from '../values.js'
import { eventHistory } from '../versions.js'
import { defineFamily } from './family.js'
import { FreeText } from './parts.js'
import { extend } from '../extend.js'

export const ValuesEndorsed = closed('ValuesEndorsed', { organisationId: Uuid, endorsedOn: IsoDate, documentRef: NonEmptyString })
/** Version 1 of EndorsementWithdrawn: the reason in plaintext. */
export const EndorsementWithdrawnV1 = closed('EndorsementWithdrawn', { organisationId: Uuid, withdrawnOn: IsoDate, reason: NonEmptyString })
/** Version 2: the reason sealed under the organisation's key (rule 21). */
export const EndorsementWithdrawn = closed('EndorsementWithdrawn', { organisationId: Uuid, withdrawnOn: IsoDate, reason: FreeText })

/** The events that make up an organisation's endorsement. */
export const ENDORSEMENT_EVENTS = ['ValuesEndorsed', 'EndorsementWithdrawn'] as const

/** The endorsement family: ValuesEndorsed, EndorsementWithdrawn, with how each folds into the state, its tags and its business date. */
export const endorsementFamily = defineFamily({
  codecs: { ValuesEndorsed, EndorsementWithdrawn },
  versions: { EndorsementWithdrawn: eventHistory(EndorsementWithdrawnV1).then(EndorsementWithdrawn, (v1) => v1) },
  behaviour: {
    ValuesEndorsed: {
      evolve: (s, d, at) => {
        const o = s.organisations[d.organisationId]
        if (!o) return
        o.endorsement = extend(at, { endorsedOn: d.endorsedOn, documentRef: d.documentRef })
        if (o.endorsements === undefined) o.endorsements = []
        o.endorsements.push(extend(at, { endorsedOn: d.endorsedOn, documentRef: d.documentRef }))
      },
      tags: (d) => [orgTag(d.organisationId)],
      businessDate: (d) => d.endorsedOn,
    },
    EndorsementWithdrawn: {
      evolve: (s, d, at) => {
        const o = s.organisations[d.organisationId]
        if (!o) return
        o.endorsement = null
        o.endorsementWithdrawals.push(extend(at, { withdrawnOn: d.withdrawnOn, reason: d.reason }))
      },
      tags: (d) => [orgTag(d.organisationId)],
      businessDate: (d) => d.withdrawnOn,
    },
  },
})
