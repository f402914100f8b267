/** Deciders for report snapshots and their publication (rules 7, 12). */
import * as E from 'fp-ts/lib/Either.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { knownUuid } from '../values.js'
import { notInFuture, type Decider } from './context.js'

export const takeReportSnapshot: Decider<'takeReportSnapshot'> = (p, s, ctx) => {
  if (p.reportId === undefined) return E.left(reject('InvalidCommand', 'reportId is missing; the ledger fills it before deciding'))
  if (p.kind === 'annual-overview' && p.year === undefined)
    return E.left(reject('InvalidCommand', 'an annual-overview snapshot needs a year'))
  if (p.kind === 'annual-overview' && (p.since !== undefined || p.until !== undefined))
    return E.left(reject('InvalidCommand', 'an annual-overview snapshot takes a year, not since/until'))
  if (p.kind === 'confidential-contact-list' && p.year !== undefined)
    return E.left(reject('InvalidCommand', 'a confidential-contact-list snapshot takes since/until, not a year'))
  if (p.since !== undefined && p.until !== undefined && p.since > p.until)
    return E.left(reject('InvalidCommand', `since ${p.since} lies after until ${p.until}`))
  if (s.reports[p.reportId] !== undefined)
    return E.left(reject('AlreadyExists', `report ${p.reportId} already exists`, { reportId: p.reportId }))
  const snap = ctx.snapshot
  if (snap === undefined) return E.left(reject('InvalidCommand', 'the report must be rendered before its snapshot is recorded'))
  return E.right([
    event('ReportSnapshotTaken', {
      reportId: knownUuid(p.reportId),
      kind: p.kind,
      parameters: snap.parameters,
      logSize: snap.logSize,
      checkpoint: snap.checkpoint,
      contentHash: snap.contentHash,
      ...(snap.consistency
        ? { consistency: { ...snap.consistency, fromReportId: knownUuid(snap.consistency.fromReportId) } }
        : {}),
    }),
  ])
}

export const publishReport: Decider<'publishReport'> = (p, s, ctx) => {
  const r = s.reports[p.reportId]
  if (r === undefined) return E.left(reject('UnknownReport', `no report snapshot ${p.reportId}`, { reportId: p.reportId }))
  if (r.kind === 'confidential-contact-list')
    return E.left(
      reject('ConfidentialReport', `report ${p.reportId} is the confidential contact list; it is shared confidentially, never published (rule 7)`, { reportId: p.reportId }, 7),
    )
  const future = notInFuture('publishedOn', p.publishedOn, ctx.today)
  return E.isLeft(future) ? future : E.right([event('ReportPublished', p)])
}

export const shareReportConfidentially: Decider<'shareReportConfidentially'> = (p, s, ctx) => {
  const r = s.reports[p.reportId]
  if (r === undefined) return E.left(reject('UnknownReport', `no report snapshot ${p.reportId}`, { reportId: p.reportId }))
  const future = notInFuture('sharedOn', p.sharedOn, ctx.today)
  return E.isLeft(future) ? future : E.right([event('ReportSharedConfidentially', p)])
}
