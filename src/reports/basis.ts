/**
 * The report basis: a compact fold over stored events that holds exactly what the three reports
 * need (organisations, partnerships, contacts, key-figure ids), fed page by page so that a long
 * log is never held in memory as events and as state at once. Pure: no I/O, no clock, no locale.
 */
import { readAsCurrent, type StoredEvent } from '../domain/events.js'
import type { OrganisationKind, ReportKind, Theme } from '../domain/values.js'
import { businessDateOf } from '../ports/clock.js'
import { contactTable, type ContactBasis, type ContactTable, type ContactTableWriter } from './contact-table.js'

// ---------------------------------------------------------------------------------------------
// model

export interface OrganisationBasis {
  readonly organisationId: string
  /** The name as registered, changed by every name correction (report version 1 shows this name). */
  name: string
  kind: OrganisationKind
  /** The KvK number as registered or corrected, where known. */
  kvkNumber?: string
  /**
   * The names by the date they took effect (rule 7 and the Terms): the registered name (`from`
   * null), then each rename with its effective date. A correction of the name fixes the name
   * in force at the time (the latest), in every period that shows it. Read it with `nameOn`.
   */
  readonly names: Array<{ readonly from: string | null; name: string; readonly position: number }>
  /** Position of its registration. */
  readonly position: number
  /** Positions of its corrections. */
  readonly corrections: number[]
  /** Key figures registered with it (ids only: their data stays sealed). */
  readonly personIds: string[]
}

export interface PartnershipBasis {
  readonly partnershipId: string
  readonly organisationId: string
  readonly programme: string
  readonly themes: ReadonlyArray<Theme>
  readonly startedOn: string
  readonly position: number
  ended?: { readonly endedOn: string; readonly position: number }
}

export interface SnapshotBasis {
  readonly reportId: string
  readonly kind: ReportKind
  readonly year?: number
  readonly logSize: number
  readonly position: number
}

export type { ContactBasis, ContactTable }

/** What the reports are computed from: the log's first `size` entries, folded. */
export interface ReportBasis {
  /** Entries folded: the report is of the log's first `size` entries. */
  size: number
  /** The latest recording instant folded (ISO), or null for an empty log. */
  lastRecordedAt: string | null
  readonly organisations: Map<string, OrganisationBasis>
  readonly partnerships: Map<string, PartnershipBasis>
  readonly contacts: ContactTable
  /** Key figures: id → position of the erasure, or null while sealed. */
  readonly persons: Map<string, number | null>
  /** Key figures: id → the organisation they belong to (a contact with one counts for it, rule 8). */
  readonly personOrganisation: Map<string, string>
  readonly snapshots: SnapshotBasis[]
}

/**
 * What a fold keeps beyond the reports' basis. The auditor's view's history sections (the audit
 * trail: every late entry, vetting step, proposal and grant) are kept only when asked for, so the
 * annual overview and the confidential list of a large register fold in the memory they need:
 * see `foldOptionsFor`.
 */
export interface FoldOptions {
  /** Keep the auditor's view's history sections (default true). */
  readonly auditTrail?: boolean
}

/**
 * The fold options a request needs: the audit trail for the auditor's view only.
 *
 * @example
 * foldOptionsFor({ kind: 'annual-overview' }) // { auditTrail: false }
 */
export const foldOptionsFor = (request: { readonly kind: string }): FoldOptions => ({ auditTrail: request.kind === 'audit-view' })

/** A fold you feed page by page; `basis()` gives what it has folded so far. */
export interface ReportFold {
  readonly step: (page: ReadonlyArray<StoredEvent>) => void
  readonly basis: () => ReportBasis
}

// ---------------------------------------------------------------------------------------------
// constructors

/** The basis while the fold fills it. */
type FoldingBasis = ReportBasis & { readonly contacts: ContactTableWriter }

const emptyBasis = (expectedContacts: number): FoldingBasis => ({
  size: 0,
  lastRecordedAt: null,
  organisations: new Map(),
  partnerships: new Map(),
  contacts: contactTable(expectedContacts),
  persons: new Map(),
  personOrganisation: new Map(),
  snapshots: [],
})

const apply = (b: FoldingBasis, e: StoredEvent): void => {
  switch (e.type) {
    case 'OrganisationRegistered':
      b.organisations.set(e.data.organisationId, {
        organisationId: e.data.organisationId,
        name: e.data.name,
        kind: e.data.kind,
        ...(e.data.kvkNumber !== undefined ? { kvkNumber: e.data.kvkNumber } : {}),
        names: [{ from: null, name: e.data.name, position: e.position }],
        position: e.position,
        corrections: [],
        personIds: [],
      })
      return
    case 'OrganisationCorrected': {
      const o = b.organisations.get(e.data.organisationId)
      if (o === undefined) return
      if (e.data.name !== undefined) {
        o.name = e.data.name
        o.names[o.names.length - 1]!.name = e.data.name // the name in force: names are kept in effective order
      }
      if (e.data.kind !== undefined) o.kind = e.data.kind
      if (e.data.kvkNumber !== undefined) o.kvkNumber = e.data.kvkNumber
      o.corrections.push(e.position)
      return
    }
    case 'OrganisationRenamed': {
      // report version 1 never saw a rename: its `name` stays; the names by date gain one
      const o = b.organisations.get(e.data.organisationId)
      if (o === undefined) return
      const i = o.names.findIndex((n) => n.from !== null && n.from > e.data.effectiveOn)
      o.names.splice(i < 0 ? o.names.length : i, 0, { from: e.data.effectiveOn, name: e.data.name, position: e.position })
      return
    }
    case 'KeyFigureRegistered':
      b.persons.set(e.data.personId, null)
      if (e.data.organisationId !== undefined) {
        b.organisations.get(e.data.organisationId)?.personIds.push(e.data.personId)
        b.personOrganisation.set(e.data.personId, e.data.organisationId)
      }
      return
    case 'KeyFigureErased':
      if (b.persons.has(e.data.personId)) b.persons.set(e.data.personId, e.position)
      return
    case 'PartnershipStarted':
      b.partnerships.set(e.data.partnershipId, {
        partnershipId: e.data.partnershipId,
        organisationId: e.data.organisationId,
        programme: e.data.programme,
        themes: [...e.data.themes],
        startedOn: e.data.startedOn,
        position: e.position,
      })
      return
    case 'PartnershipEnded': {
      const p = b.partnerships.get(e.data.partnershipId)
      if (p !== undefined && p.ended === undefined) p.ended = { endedOn: e.data.endedOn, position: e.position }
      return
    }
    case 'ContactRecorded':
      b.contacts.record(e.data.contactId, e.data, e.position, e.meta.recordedAt)
      return
    case 'ContactCorrected':
      b.contacts.correct(e.data.contactId, e.data, e.position)
      return
    case 'ContactRetracted':
      b.contacts.retract(e.data.contactId, e.position)
      return
    case 'ReportSnapshotTaken':
      b.snapshots.push({
        reportId: e.data.reportId,
        kind: e.data.kind,
        ...(e.data.parameters.year !== undefined ? { year: e.data.parameters.year } : {}),
        logSize: e.data.logSize,
        position: e.position,
      })
      return
    default:
      // vetting, facts, endorsements and publication never shape a report's rows
      return
  }
}

/**
 * A fold over the log's first `at` entries (all that it is fed when `at` is left out); events at
 * or after `at` are ignored, so appending to the log never changes the report at `at`.
 *
 * @example
 * const fold = reportFold(120)
 * for await (const page of pages(store, { to: 120 })) fold.step(page)
 * annualOverviewOf(fold.basis(), { year: 2024 })
 */
export const reportFold = (at?: number): ReportFold => {
  const b = emptyBasis(at ?? 0)
  return {
    step: (page) => {
      for (const e of page) {
        if (at !== undefined && e.position >= at) continue
        apply(b, readAsCurrent(e)) // read as the current schema version (rule 22)
        b.size = Math.max(b.size, e.position + 1)
        if (b.lastRecordedAt === null || e.meta.recordedAt > b.lastRecordedAt) b.lastRecordedAt = e.meta.recordedAt
      }
    },
    basis: () => b,
  }
}

/** The basis of a whole list of events. @example basisOf(events, 120).size */
export const basisOf = (events: ReadonlyArray<StoredEvent>, at?: number): ReportBasis => {
  const fold = reportFold(at)
  fold.step(events)
  return fold.basis()
}

// ---------------------------------------------------------------------------------------------
// utils

/** The business date (Europe/Amsterdam) of the latest entry folded: the report's as-of date. */
export const asOfDate = (b: ReportBasis): string | null => (b.lastRecordedAt === null ? null : businessDateOf(new Date(b.lastRecordedAt)))

const sortKey = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Orders rows by name (accents and case folded, then compared by code unit: the same on every
 * machine, whatever its locale), then by the exact name, then by id.
 *
 * @example
 * rows.sort(byName)
 */
export const byName = (a: { readonly name: string; readonly organisationId: string }, b: { readonly name: string; readonly organisationId: string }): number =>
  cmp(sortKey(a.name), sortKey(b.name)) || cmp(a.name, b.name) || cmp(a.organisationId, b.organisationId)

/**
 * The name of an organisation valid on a date: the latest name that took effect on or before it
 * (the registered name before any rename).
 *
 * @example
 * nameOn(o, '2024-12-31') // the name the 2024 overview shows
 */
export const nameOn = (o: OrganisationBasis, date: string): string => {
  let name = o.names[0]!.name
  for (const n of o.names) if (n.from === null || n.from <= date) name = n.name
  return name
}

/** Whether a date lies in a year. */
export const inYear = (date: string, year: number): boolean => date.startsWith(`${year}-`)

/** Whether a partnership is active on any day of a year (rule 6). */
export const partnershipActiveIn = (p: PartnershipBasis, year: number): boolean =>
  p.startedOn <= `${year}-12-31` && (p.ended === undefined || p.ended.endedOn >= `${year}-01-01`)
