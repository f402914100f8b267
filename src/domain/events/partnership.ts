/** Events of partnerships: start and end (rules 4, 5). */
import type { Draft } from 'immer'
import * as t from 'io-ts'
import type { PartnershipState } from '../state.js'
import { closed } from '../codec.js'
import { orgTag, partnershipTag } from '../tags.js'
import { IsoDate, NonEmptyString, PartnershipEndReason, Theme, Uuid } from '../values.js'
import { defineFamily } from './family.js'
import { exclusionEnds } from '../policies/exclusion-ends.js'
import { extend } from '../extend.js'

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
        const p: Draft<PartnershipState> = extend(at, d, { themes: [...d.themes] })
        // rule 6: an exclusion already recorded and dated inside it ends it, also when entered late
        for (const x of s.organisations[d.organisationId]?.exclusions ?? [])
          if (exclusionEnds(p, x.decidedOn)) p.ended = { position: x.position, recordedAt: x.recordedAt, endedOn: x.decidedOn, reason: 'excluded' }
        s.partnerships[d.partnershipId] = p
        s.organisations[d.organisationId]?.partnershipIds.push(d.partnershipId)
      },
      tags: (d) => [orgTag(d.organisationId), partnershipTag(d.partnershipId)],
      businessDate: (d) => d.startedOn,
    },
    PartnershipEnded: {
      evolve: (s, d, at) => {
        const p = s.partnerships[d.partnershipId]
        // the earliest end holds (rule 6): an exclusion inside the partnership may have ended it already
        if (p && (p.ended === undefined || d.endedOn <= p.ended.endedOn)) p.ended = extend(at, { endedOn: d.endedOn, reason: d.reason })
      },
      tags: (d) => [orgTag(d.organisationId), partnershipTag(d.partnershipId)],
      businessDate: (d) => d.endedOn,
    },
  },
})
