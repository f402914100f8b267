/**
 * Rendering the auditor's view of report version 2: version 1's sections per organisation, then
 * the history sections (rules 3, 4, 9, 16, 17, 22), in Markdown or JSON. Codes, ids, positions and
 * actors; never personal data. Same view and options give the same bytes.
 */
import type { Language } from '../../domain/values.js'
import type { AuditViewWithTrail } from '../audit-trail.js'
import type { AnyReport, RenderOptions } from './render.js'
import { auditMarkdownBody, auditMarkdownTrailer } from './audit-md.js'
import { withContentHash } from './content-hash.js'
import { escapeMarkdown, jsonInert } from './escape.js'
import { markdownRow } from './md.js'

// ---------------------------------------------------------------------------------------------
// model

/** The headings of the history sections, by language. */
const HEADINGS: Readonly<Record<Language, Readonly<Record<string, string>>>> = {
  nl: {
    needsReviewUnderLetter: 'Oude besluiten en adviezen die herbeoordeling vragen onder de brief (regel 22)',
    overdueReviews: 'Uitsluitingen waarvan de herbeoordelingsdatum verstreken is (regel 17)',
    breaches: 'Erkende overtredingen van regel 2 en hun beoordeling (regel 3)',
    foundAfterwards: 'Contacten die achteraf binnen een uitsluiting of advies blijken te vallen (regel 3)',
    vetting: 'Toetsingsgeschiedenis: adviezen, feiten, uitsluitingen, opheffingen (regel 16)',
    reclassifications: 'Herclassificaties van of naar signalering (regel 9)',
    offTheList: 'Correcties van soort die een organisatie van de vertrouwelijke lijst halen (regel 9)',
    movedOutOfPeriod: 'Correcties die een contact naar een ander rapportagejaar verplaatsen (regel 9)',
    retractions: 'Intrekkingen (regel 9)',
    lateEntries: 'Late invoer: meer dan 14 dagen na de datum (regel 15)',
    proposals: 'Voorstellen met vier ogen: gedaan, bevestigd, ingetrokken (regel 19)',
    roles: 'Toekenningen en intrekkingen van rollen (regel 18)',
    none: 'Geen.',
  },
  en: {
    needsReviewUnderLetter: 'Old decisions and advice needing review under the letter (rule 22)',
    overdueReviews: 'Exclusions overdue for review (rule 17)',
    breaches: 'Acknowledged breaches of rule 2 and their reviews (rule 3)',
    foundAfterwards: 'Contacts found afterwards inside an exclusion or advice (rule 3)',
    vetting: 'Vetting history: advice, facts, exclusions, lifts (rule 16)',
    reclassifications: 'Reclassifications into or out of signalling (rule 9)',
    offTheList: 'Kind corrections that take an organisation off the confidential list (rule 9)',
    movedOutOfPeriod: 'Corrections that move a contact to another report year (rule 9)',
    retractions: 'Retractions (rule 9)',
    lateEntries: 'Late entries: more than 14 days after their date (rule 15)',
    proposals: 'Four-eyes proposals: made, confirmed, withdrawn (rule 19)',
    roles: 'Roles granted and revoked (rule 18)',
    none: 'None.',
  },
}

// ---------------------------------------------------------------------------------------------
// utils

const table = (heading: string, none: string, header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  let out = `## ${escapeMarkdown(heading)}\n\n`
  if (rows.length === 0) return `${out}${escapeMarkdown(none)}\n\n`
  out += markdownRow(header)
  out += `|${header.map(() => ' --- |').join('')}\n`
  for (const r of rows) out += markdownRow(r)
  return `${out}\n`
}

/** The history sections in Markdown. @example trailMarkdown(view, 'en').includes('## Retractions') */
export const trailMarkdown = (view: AuditViewWithTrail, language: Language): string => {
  const h = HEADINGS[language]
  const t = view.trail
  const who = (e: { actor: string; role: string; proposedBy?: string }) => `${e.actor} (${e.role})${e.proposedBy !== undefined ? `, proposed by ${e.proposedBy}` : ''}`
  return [
    table(h['needsReviewUnderLetter']!, h['none']!, ['kind', 'id', 'organisation', 'ground/source', 'position'], t.needsReviewUnderLetter.map((x) => [x.kind, x.id, x.organisationId, x.why, String(x.position)])),
    table(h['overdueReviews']!, h['none']!, ['decision', 'organisation', 'decidedOn', 'reviewBy', 'position'], t.overdueReviews.map((x) => [x.decisionId, x.organisationId, x.decidedOn, x.reviewBy, String(x.position)])),
    table(
      h['breaches']!,
      h['none']!,
      ['contact', 'occurredOn', 'organisations', 'decisions/advice', 'reason', 'actor', 'position', 'reviews'],
      t.breaches.map((b) => [
        b.contactId,
        b.occurredOn,
        b.organisationIds.join(', '),
        [...b.decisionIds, ...b.adviceIds].join(', '),
        b.reason,
        who(b),
        String(b.position),
        b.reviews.length === 0 ? '-' : b.reviews.map((r) => `${r.reviewedOn} ${who(r)}: ${r.note}`).join('; '),
      ]),
    ),
    table(h['foundAfterwards']!, h['none']!, ['contact', 'occurredOn', 'category', 'organisation', 'by', 'recorded at'], t.foundAfterwards.map((f) => [f.contactId, f.occurredOn, f.category, f.organisationId, `${f.by.kind} ${f.by.id}`, `${f.position} / ${f.by.position}`])),
    table(h['vetting']!, h['none']!, ['position', 'type', 'organisation', 'date', 'id', 'detail', 'actor', 'recordedOn'], t.vetting.map((v) => [String(v.position), v.type, v.organisationId, v.date ?? '-', v.id, v.detail, who(v), v.recordedOn])),
    ...(['reclassifications', 'offTheList', 'movedOutOfPeriod', 'retractions'] as const).map((k) =>
      table(h[k]!, h['none']!, ['position', 'subject', 'from', 'to', 'reason', 'actor'], t[k].map((c) => [String(c.position), c.subject, c.from, c.to, c.reason, who(c)])),
    ),
    table(h['lateEntries']!, h['none']!, ['position', 'type', 'businessDate', 'recordedOn', 'days', 'actor'], t.lateEntries.map((x) => [String(x.position), x.type, x.businessDate, x.recordedOn, String(x.days), who(x)])),
    // rule 19; a view folded before proposals existed has none
    table(
      h['proposals']!,
      h['none']!,
      ['position', 'proposal', 'command', 'needs', 'proposed by', 'status', 'closed by', 'reason'],
      (t.proposals ?? []).map((p) => [String(p.position), p.proposalId, p.command, p.needs, who(p), p.status, p.closedBy === undefined ? '-' : `${p.closedBy.actor} (${p.closedBy.role}) at ${p.closedBy.position}`, p.closedBy?.reason ?? '-']),
    ),
    // registers written before grants existed have none; their view keeps its sections as they were
    ...((t.roles ?? []).length === 0
      ? []
      : [table(h['roles']!, h['none']!, ['position', 'type', 'actor', 'role', 'from', 'reason', 'by', 'recordedOn'], t.roles.map((r) => [String(r.position), r.type, r.actorId, r.grantedRole, r.date, r.reason ?? '-', who(r), r.recordedOn]))]),
  ].join('')
}

/**
 * Renders the auditor's view of version 2: Markdown (version 1's body, the history sections, the
 * trailer) or JSON (version 1's fields and `trail`); any other format as the wrapped renderer does.
 *
 * @example
 * renderAuditTrail(view, reportVersions[1]!.render, { format: 'md', checkpoint })
 */
export const renderAuditTrail = (view: AuditViewWithTrail, inner: (r: AnyReport, o: RenderOptions) => string, options: RenderOptions): string => {
  const language = options.language ?? 'nl'
  if (options.format === 'md') return auditMarkdownTrailer(view, language, options.checkpoint, auditMarkdownBody(view, language) + trailMarkdown(view, language))
  if (options.format !== 'json') return inner(view, options)
  const body = {
    classification: 'restricted: auditors only, never public',
    kind: view.kind,
    asOf: view.asOf,
    years: view.years,
    since: view.since,
    until: view.until,
    organisations: view.organisations,
    // a register without grants (written before them) renders as it did: no roles section
    trail: view.trail.roles.length === 0 ? (({ roles: _, ...rest }) => rest)(view.trail) : view.trail,
    language,
    logSize: view.logSize,
    checkpoint: { origin: options.checkpoint.origin, rootHash: options.checkpoint.rootHash },
  }
  const text = jsonInert(JSON.stringify(body, null, 2))
  return withContentHash(`${text.slice(0, -2)},\n`, (hex) => `  "contentHash": "${hex}"}`)
}
