/**
 * Markdown rendering of the auditor's view: per organisation, a table of the reports it is in or
 * out of, by which rule, with the event positions behind each decision; key figures as ids only.
 */
import type { Language } from '../../domain/values.js'
import type { AuditDecision, AuditView } from '../audit-view.js'
import type { CheckpointRef } from './document.js'
import { escapeMarkdown } from './escape.js'
import { labelsFor } from './labels.js'
import { markdownRow, markdownTrailer } from './md.js'

/**
 * Renders the auditor's view as Markdown.
 *
 * @example
 * renderAuditMarkdown(view, 'nl', checkpoint).includes('## ') // one section per organisation
 */
export const renderAuditMarkdown = (view: AuditView, language: Language, checkpoint: CheckpointRef): string =>
  auditMarkdownTrailer(view, language, checkpoint, auditMarkdownBody(view, language))

/**
 * The Markdown of the auditor's view before its trailer: the title and one section per organisation.
 *
 * @example
 * auditMarkdownBody(view, 'nl').startsWith('# ')
 */
export const auditMarkdownBody = (view: AuditView, language: Language): string => {
  const l = labelsFor(language)
  const a = l.audit
  const reportName = (d: AuditDecision) => (d.report === 'annual-overview' ? a.overview(d.year!) : a.list(view.since, view.until))
  let out = `# ${escapeMarkdown(l.auditTitle)}\n\n${escapeMarkdown(l.restrictedNote)}\n\n`
  out += `${escapeMarkdown(a.asOf)}: ${view.asOf ?? '-'}\n\n`
  if (view.organisations.length === 0) out += `${escapeMarkdown(l.noRows)}\n`
  for (const o of view.organisations) {
    out += `## ${escapeMarkdown(o.name)}\n\n`
    out += `- Id: ${o.organisationId}\n- ${escapeMarkdown(l.columns.kind)}: ${escapeMarkdown(l.kinds[o.kind])}\n`
    out += `- ${escapeMarkdown(a.positions)}: ${o.positions.join(', ')}\n`
    if (o.keyFigures.length > 0)
      out += `- ${escapeMarkdown(a.keyFigures)}: ${o.keyFigures.map((k) => `${k.personId} (${a.status[k.status]})`).join(', ')}\n`
    for (const late of o.lateEntries) out += `- ${escapeMarkdown(a.lateEntries)}: ${late.position}: ${escapeMarkdown(a.late(late.occurredOn, late.recordedOn, late.days))}\n`
    out += '\n'
    out += markdownRow([a.report, a.included, a.rule, a.reason, a.positions])
    out += '| --- | --- | ---: | --- | --- |\n'
    for (const d of o.reports)
      out += markdownRow([reportName(d), d.included ? a.yes : a.no, String(d.rule), a.reasons[d.reason](d.year), d.positions.join(', ')])
    out += '\n'
  }
  return out
}

/**
 * A body of the auditor's view with its trailer: log size, origin, root hash and content hash.
 *
 * @example
 * auditMarkdownTrailer(view, 'nl', checkpoint, auditMarkdownBody(view, 'nl'))
 */
export const auditMarkdownTrailer = (view: AuditView, language: Language, checkpoint: CheckpointRef, out: string): string => {
  const l = labelsFor(language)
  const trailer: ReadonlyArray<readonly [string, string]> = [
    [l.logSize, String(view.logSize)],
    [l.origin, checkpoint.origin],
    [l.rootHash, checkpoint.rootHash],
  ]
  return markdownTrailer(out, trailer, l.contentHash)
}
