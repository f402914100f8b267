/** Events of partnerships: start and end (rules 4, 5). */
import * as t from 'io-ts'
import { closed } from '../codec.js'
import { orgTag, partnershipTag } from '../tags.js'
import { IsoDate, NonEmptyString, PartnershipEndReason, Theme, Uuid } from '../values.js'
import { defineFamily } from './family.js'

export const PartnershipStarted = closed('PartnershipStarted', {
  partnershipId: Uuid,
  organisationId: Uuid,
  programme: NonEmptyString,
  themes: t.readonlyArray(Theme),
  startedOn: IsoDate,
})
export const PartnershipEnded = closed(
  'PartnershipEnded',
  { partnershipId: Uuid, organisationId: Uuid, endedOn: IsoDate, reason: PartnershipEndReason },
  { causedBy: Uuid },
)

/** The events that make up a partnership. */
export const PARTNERSHIP_EVENTS = ['PartnershipStarted', 'PartnershipEnded'] as const

/** The partnership family: PartnershipStarted, PartnershipEnded, with how each folds into the state, its tags and its business date. */
export const partnershipFamily = defineFamily({
  codecs: { PartnershipStarted, PartnershipEnded },
  behaviour: {
    PartnershipStarted: {
      evolve: (s, d, at) => {
        s.partnerships[d.partnershipId] = { ...at, ...d, themes: [...d.themes] }
        s.organisations[d.organisationId]?.partnershipIds.push(d.partnershipId)
      },
      tags: (d) => [orgTag(d.organisationId), partnershipTag(d.partnershipId)],
      businessDate: (d) => d.startedOn,
    },
    PartnershipEnded: {
      evolve: (s, d, at) => {
        const p = s.partnerships[d.partnershipId]
        if (p) p.ended = { ...at, endedOn: d.endedOn, reason: d.reason }
      },
      tags: (d) => [orgTag(d.organisationId), partnershipTag(d.partnershipId)],
      businessDate: (d) => d.endedOn,
    },
  },
})
