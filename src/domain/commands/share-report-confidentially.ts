/** shareReportConfidentially (rule 7): a reporting officer shares a snapshot with a named recipient. */
import * as E from 'fp-ts/lib/Either.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { queryItem } from '../query.js'
import { reportTag } from '../tags.js'
import { IsoDate, NonEmptyString, Uuid } from '../values.js'
import { IdInput, DateInput } from '../input.js'
import { notInFuture } from '../checks.js'
import { defineCommand } from './define.js'

export const ShareReportConfidentially = closed('shareReportConfidentially', {
  reportId: IdInput,
  sharedOn: DateInput,
  recipient: NonEmptyString,
})

/** The `shareReportConfidentially` command: issued by the reporting-officer; emits ReportSharedConfidentially. */
export const shareReportConfidentially = defineCommand({
  payload: ShareReportConfidentially,
  role: 'reporting-officer',
  emits: ['ReportSharedConfidentially'],
  query: (p) => [queryItem(undefined, reportTag(p.reportId))],
  decide: (p, s, ctx) => {
    const r = s.reports[p.reportId]
    if (r === undefined) return E.left(reject('UnknownReport', `no report snapshot ${p.reportId}`, { reportId: p.reportId }))
    const future = notInFuture('sharedOn', p.sharedOn, ctx.today)
    return E.isLeft(future) ? future : E.right([event('ReportSharedConfidentially', p)])
  },
})
