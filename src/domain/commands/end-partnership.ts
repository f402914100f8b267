/** endPartnership: a coordinator ends a partnership. */
import * as E from 'fp-ts/lib/Either.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { PARTNERSHIP_EVENTS } from '../events/partnership.js'
import { queryItem } from '../query.js'
import { partnershipTag } from '../tags.js'
import { CoordinatorEndReason, IsoDate, Uuid, knownUuid } from '../values.js'
import { IdInput, DateInput } from '../input.js'
import { defineCommand } from './define.js'

export const EndPartnership = closed('endPartnership', {
  partnershipId: IdInput,
  endedOn: DateInput,
  reason: CoordinatorEndReason,
})

/** The `endPartnership` command: issued by the coordinator; emits PartnershipEnded. */
export const endPartnership = defineCommand({
  payload: EndPartnership,
  role: 'coordinator',
  emits: ['PartnershipEnded'],
  query: (p) => [queryItem(PARTNERSHIP_EVENTS, partnershipTag(p.partnershipId))],
  decide: (p, s) => {
    const ps = s.partnerships[p.partnershipId]
    if (ps === undefined) return E.left(reject('UnknownPartnership', `no partnership ${p.partnershipId}`, { partnershipId: p.partnershipId }))
    if (ps.ended !== undefined)
      return E.left(reject('NotActive', `partnership ${p.partnershipId} already ended on ${ps.ended.endedOn}`, { partnershipId: p.partnershipId }))
    if (p.endedOn < ps.startedOn)
      return E.left(reject('InvalidCommand', `endedOn ${p.endedOn} lies before the partnership's start ${ps.startedOn}`))
    return E.right([
      event('PartnershipEnded', {
        partnershipId: p.partnershipId,
        organisationId: knownUuid(ps.organisationId),
        endedOn: p.endedOn,
        reason: p.reason,
      }),
    ])
  },
})
