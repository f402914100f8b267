/**
 * retractVettingAdvice (rules 4, 22): a vetting officer retracts an advice recorded in error, or
 * one an earlier version recorded from a source that no longer counts; from then on it blocks
 * nothing. The record stays in the log and in the auditor's view.
 */
import * as E from 'fp-ts/lib/Either.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { standingQuery } from '../policies/standing.js'
import { queryItem } from '../query.js'
import { adviceTag } from '../tags.js'
import { NonEmptyString, knownUuid } from '../values.js'
import { IdInput } from '../input.js'
import { defineCommand } from './define.js'

export const RetractVettingAdvice = closed('retractVettingAdvice', { adviceId: IdInput, reason: NonEmptyString })

/** The `retractVettingAdvice` command: issued by the vetting-officer; emits VettingAdviceRetracted. */
export const retractVettingAdvice = defineCommand({
  payload: RetractVettingAdvice,
  role: 'vetting-officer',
  emits: ['VettingAdviceRetracted'],
  query: (p, state) => {
    const org = state?.advices?.[p.adviceId]
    return [queryItem(undefined, adviceTag(p.adviceId)), ...(org !== undefined ? [standingQuery(org)] : [])]
  },
  decide: (p, s) => {
    const organisationId = s.advices?.[p.adviceId]
    const a = organisationId === undefined ? undefined : s.organisations[organisationId]?.advices.find((x) => x.adviceId === p.adviceId)
    if (organisationId === undefined || a === undefined)
      return E.left(reject('UnknownAdvice', `no vetting advice ${p.adviceId} is recorded`, { adviceId: p.adviceId }))
    if (a.retracted !== undefined)
      return E.left(reject('NotActive', `advice ${p.adviceId} was already retracted at position ${a.retracted.position}`, { adviceId: p.adviceId }))
    return E.right([event('VettingAdviceRetracted', { adviceId: p.adviceId, organisationId: knownUuid(organisationId), reason: p.reason })])
  },
})
