/**
 * Report version 1 (frozen, rules 13 and 22): kept byte for byte so that the snapshots it rendered
 * re-render to their recorded hash. Never edit it; change the newest renderer in `src/reports/render/`.
 *
 * JSON rendering: the report as data (codes, not labels), with the checkpoint it was rendered
 * at; the confidential list carries `"classification": "VERTROUWELIJK"` first. Pretty-printed,
 * keys in a fixed order; the last line is `"contentHash": "<hex>"}` (see `content-hash.ts`), so
 * the whole rendering stays one valid JSON document.
 */
import type { Language } from '../../../domain/values.js'
import { withContentHash } from '../../render/content-hash.js'
import type { CheckpointRef } from '../../render/document.js'
import type { TableReportV1 } from './document.js'
import { jsonInert } from '../../render/escape.js'

const finish = (body: object): string => {
  const text = jsonInert(JSON.stringify(body, null, 2))
  return withContentHash(`${text.slice(0, -2)},\n`, (hex) => `  "contentHash": "${hex}"}`)
}

/**
 * Renders a report as JSON.
 *
 * @example
 * JSON.parse(renderJson(overview, 'nl', checkpoint)).rows[0].name
 */
export const renderJsonV1 = (report: TableReportV1, language: Language, checkpoint: CheckpointRef): string => {
  // every rendering ends with the log size and the checkpoint, then the content hash
  const tail = (logSize: number) => ({ language, logSize, checkpoint: { origin: checkpoint.origin, rootHash: checkpoint.rootHash } })
  switch (report.kind) {
    case 'annual-overview':
      return finish({
        kind: report.kind,
        year: report.year,
        rows: report.rows.map((r) => ({
          organisationId: r.organisationId,
          name: r.name,
          kind: r.kind,
          programme: r.programme,
          themes: r.themes,
          startedOn: r.startedOn,
          endedOn: r.endedOn,
          contacts: r.contacts,
        })),
        ...tail(report.logSize),
      })
    case 'confidential-contact-list':
      return finish({
        classification: 'VERTROUWELIJK',
        kind: report.kind,
        since: report.since,
        until: report.until,
        rows: report.rows.map((r) => ({ organisationId: r.organisationId, name: r.name, kind: r.kind, contacts: r.contacts })),
        ...tail(report.logSize),
      })
  }
}
