/**
 * JSON rendering: the report as data (codes, not labels), with the checkpoint it was rendered
 * at; the confidential list carries `"classification": "VERTROUWELIJK"` first. Pretty-printed,
 * keys in a fixed order; the last line is `"contentHash": "<hex>"}` (see `content-hash.ts`), so
 * the whole rendering stays one valid JSON document.
 */
import type { Language } from '../../domain/values.js'
import type { AuditView } from '../audit-view.js'
import { withContentHash } from './content-hash.js'
import type { CheckpointRef, TableReport } from './document.js'
import { jsonInert } from './escape.js'

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
export const renderJson = (report: TableReport | AuditView, language: Language, checkpoint: CheckpointRef): string => {
  // every rendering ends with the log size and the checkpoint, then the content hash
  const tail = (logSize: number) => ({ language, logSize, checkpoint: { origin: checkpoint.origin, rootHash: checkpoint.rootHash } })
  switch (report.kind) {
    case 'annual-overview':
      return finish({
        kind: report.kind,
        year: report.year,
        // exactly the columns of CLI.md (rule 7): no internal ids, no counts, nothing dated after the year
        rows: report.rows.map((r) => ({
          name: r.name,
          kind: r.kind,
          ...(r.kvkNumber !== undefined ? { kvkNumber: r.kvkNumber } : {}),
          programme: r.programme,
          themes: r.themes,
          startedOn: r.startedOn,
          ...(r.endedOn !== undefined ? { endedOn: r.endedOn } : {}),
        })),
        ...tail(report.logSize),
      })
    case 'confidential-contact-list':
      return finish({
        classification: 'VERTROUWELIJK',
        kind: report.kind,
        since: report.since,
        until: report.until,
        rows: report.rows.map((r) => ({
          organisationId: r.organisationId,
          name: r.name,
          kind: r.kind,
          categories: r.categories,
          firstContactOn: r.firstContactOn,
          lastContactOn: r.lastContactOn,
          contacts: r.contacts,
        })),
        ...tail(report.logSize),
      })
    case 'audit-view':
      return finish({
        classification: 'restricted: auditors only, never public',
        kind: report.kind,
        asOf: report.asOf,
        years: report.years,
        since: report.since,
        until: report.until,
        organisations: report.organisations,
        ...tail(report.logSize),
      })
  }
}
