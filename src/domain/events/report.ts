/** Events of report snapshots and their publication or confidential sharing (rules 7, 12). */
import * as t from 'io-ts'
import { closed } from '../codec.js'
import { reportTag } from '../tags.js'
import { IsoDate, NonEmptyString, ReportKind, Uuid } from '../values.js'
import { defineFamily } from './family.js'
import { ReportParameters } from './parts.js'

export const ConsistencyLink = closed('ConsistencyLink', {
  fromReportId: Uuid,
  fromSize: t.number,
  toSize: t.number,
  proof: t.readonlyArray(t.string),
})
export const ReportSnapshotTaken = closed(
  'ReportSnapshotTaken',
  {
    reportId: Uuid,
    kind: ReportKind,
    parameters: ReportParameters,
    logSize: t.number,
    checkpoint: t.string,
    contentHash: t.string,
  },
  // reportVersion (rule 22): the version of the report (fold and renderer) that rendered it; absent means 1
  { consistency: ConsistencyLink, reportVersion: t.number },
)
export const ReportPublished = closed('ReportPublished', { reportId: Uuid, publishedOn: IsoDate, channel: NonEmptyString })
export const ReportSharedConfidentially = closed(
  'ReportSharedConfidentially',
  { reportId: Uuid, sharedOn: IsoDate, recipient: NonEmptyString },
  // recipientId (rule 8): the recipient on the register's recipient list, since issue 13; `recipient` is then its name
  { recipientId: Uuid },
)

/** The report family: ReportSnapshotTaken, ReportPublished, ReportSharedConfidentially, with how each folds into the state, its tags and its business date. */
export const reportFamily = defineFamily({
  codecs: { ReportSnapshotTaken, ReportPublished, ReportSharedConfidentially },
  behaviour: {
    ReportSnapshotTaken: {
      evolve: (s, d, at) => {
        const { consistency: _c, reportVersion: _v, ...rest } = d
        s.reports[rest.reportId] = { ...at, ...rest, published: [], shared: [] }
      },
      tags: (d) => [reportTag(d.reportId)],
    },
    ReportPublished: {
      evolve: (s, d, at) => {
        s.reports[d.reportId]?.published.push({ ...at, publishedOn: d.publishedOn, channel: d.channel })
      },
      tags: (d) => [reportTag(d.reportId)],
      businessDate: (d) => d.publishedOn,
    },
    ReportSharedConfidentially: {
      evolve: (s, d, at) => {
        s.reports[d.reportId]?.shared.push({ ...at, sharedOn: d.sharedOn, recipient: d.recipient, ...(d.recipientId !== undefined ? { recipientId: d.recipientId } : {}) })
      },
      tags: (d) => [reportTag(d.reportId)],
      businessDate: (d) => d.sharedOn,
    },
  },
})
