/** takeReportSnapshot (rule 12): a reporting officer records a rendered report fixed to a log size. */
import * as E from 'fp-ts/lib/Either.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { queryItem } from '../query.js'
import { reportTag } from '../tags.js'
import { IsoDate, Language, ReportFormat, ReportKind, Uuid, Year, knownUuid } from '../values.js'
import { IdInput, DateInput } from '../input.js'
import { defineCommand } from './define.js'

export const TakeReportSnapshot = closed(
  'takeReportSnapshot',
  { kind: ReportKind, format: ReportFormat },
  { reportId: IdInput, year: Year, since: DateInput, until: DateInput, language: Language },
)

/** The `takeReportSnapshot` command: issued by the reporting-officer; emits ReportSnapshotTaken; its new id is `reportId`. */
export const takeReportSnapshot = defineCommand({
  payload: TakeReportSnapshot,
  role: 'reporting-officer',
  idField: 'reportId',
  emits: ['ReportSnapshotTaken'],
  // every earlier snapshot too: a new one links to the last by a consistency proof
  query: (p) => [queryItem(undefined, reportTag(p.reportId!)), { types: ['ReportSnapshotTaken'] }],
  decide: (p, s, ctx) => {
    if (p.reportId === undefined) return E.left(reject('InvalidCommand', 'reportId is missing; the ledger fills it before deciding'))
    if (p.kind === 'annual-overview' && p.year === undefined) return E.left(reject('InvalidCommand', 'an annual-overview snapshot needs a year'))
    if (p.kind === 'annual-overview' && (p.since !== undefined || p.until !== undefined))
      return E.left(reject('InvalidCommand', 'an annual-overview snapshot takes a year, not since/until'))
    if (p.kind === 'confidential-contact-list' && p.year !== undefined)
      return E.left(reject('InvalidCommand', 'a confidential-contact-list snapshot takes since/until, not a year'))
    if (p.since !== undefined && p.until !== undefined && p.since > p.until)
      return E.left(reject('InvalidCommand', `since ${p.since} lies after until ${p.until}`))
    if (s.reports[p.reportId] !== undefined) return E.left(reject('AlreadyExists', `report ${p.reportId} already exists`, { reportId: p.reportId }))
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
        ...(snap.reportVersion !== undefined && snap.reportVersion !== 1 ? { reportVersion: snap.reportVersion } : {}),
        ...(snap.consistency ? { consistency: { ...snap.consistency, fromReportId: knownUuid(snap.consistency.fromReportId) } } : {}),
      }),
    ])
  },
})
