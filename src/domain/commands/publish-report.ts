/** publishReport (rule 7): a reporting officer publishes a snapshot; the confidential list never. */
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

export const PublishReport = closed('publishReport', { reportId: IdInput, publishedOn: DateInput, channel: NonEmptyString })

/** The `publishReport` command: issued by the reporting-officer; emits ReportPublished. */
export const publishReport = defineCommand({
  payload: PublishReport,
  role: 'reporting-officer',
  emits: ['ReportPublished'],
  query: (p) => [queryItem(undefined, reportTag(p.reportId))],
  decide: (p, s, ctx) => {
    const r = s.reports[p.reportId]
    if (r === undefined) return E.left(reject('UnknownReport', `no report snapshot ${p.reportId}`, { reportId: p.reportId }))
    if (r.kind === 'confidential-contact-list')
      return E.left(
        reject('ConfidentialReport', `report ${p.reportId} is the confidential contact list; it is shared confidentially, never published (rule 7)`, { reportId: p.reportId }, 7),
      )
    const future = notInFuture('publishedOn', p.publishedOn, ctx.today)
    return E.isLeft(future) ? future : E.right([event('ReportPublished', p)])
  },
})
