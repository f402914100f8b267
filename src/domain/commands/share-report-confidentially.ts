/**
 * shareReportConfidentially (rule 8): a reporting officer shares a snapshot with a recipient on
 * the register's recipient list; any other recipient is refused (`NotARecipient`), and every
 * share is recorded with the recipient's id and name.
 */
import * as E from 'fp-ts/lib/Either.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { RECIPIENT_EVENTS } from '../events/recipient.js'
import { queryItem } from '../query.js'
import { recipientTag, reportTag } from '../tags.js'
import { knownText, knownUuid } from '../values.js'
import { IdInput, DateInput } from '../input.js'
import { notInFuture } from '../checks.js'
import { onRecipientList } from '../policies/recipients.js'
import { defineCommand } from './define.js'

export const ShareReportConfidentially = closed('shareReportConfidentially', {
  reportId: IdInput,
  sharedOn: DateInput,
  recipientId: IdInput,
})

/**
 * The `shareReportConfidentially` command: issued by the reporting-officer; a proposal (rule 19):
 * ReportSharedConfidentially is appended when another reporting-officer confirms it.
 *
 * @example
 * { command: 'shareReportConfidentially', actor: { id: 'r.dekker', role: 'reporting-officer' }, payload: { reportId, sharedOn: '2025-02-01', recipientId } }
 */
export const shareReportConfidentially = defineCommand({
  payload: ShareReportConfidentially,
  role: 'reporting-officer',
  emits: ['ReportSharedConfidentially'],
  // rule 19: confirmed by a second reporting officer
  proposal: () => 'reporting-officer',
  query: (p) => [queryItem(undefined, reportTag(p.reportId)), queryItem(RECIPIENT_EVENTS, recipientTag(p.recipientId.toLowerCase()))],
  decide: (p, s, ctx) => {
    const r = s.reports[p.reportId]
    if (r === undefined) return E.left(reject('UnknownReport', `no report snapshot ${p.reportId}`, { reportId: p.reportId }))
    const recipient = onRecipientList(s, p.recipientId)
    if (E.isLeft(recipient)) return recipient
    const future = notInFuture('sharedOn', p.sharedOn, ctx.today)
    if (E.isLeft(future)) return future
    return E.right([
      event('ReportSharedConfidentially', {
        reportId: p.reportId,
        sharedOn: p.sharedOn,
        recipient: knownText(recipient.right.name),
        recipientId: knownUuid(recipient.right.recipientId),
      }),
    ])
  },
})
