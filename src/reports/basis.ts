/**
 * The report basis: a compact fold over stored events that holds exactly what the three reports
 * need (organisations, partnerships, contacts, key-figure ids), fed page by page so that a long
 * log is never held in memory as events and as state at once. Pure: no I/O, no clock, no locale.
 */
import type { StoredEvent } from '../domain/events.js'
import type { ContactCategory, OrganisationKind, ReportKind, Theme } from '../domain/values.js'
import { businessDateOf } from '../ports/clock.js'

// ---------------------------------------------------------------------------------------------
// model

export interface OrganisationBasis {
  readonly organisationId: string
  name: string
  kind: OrganisationKind
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

export interface ContactBasis {
  readonly contactId: string
  organisationIds: ReadonlyArray<string>
  personIds: ReadonlyArray<string>
  occurredOn: string
  category: ContactCategory
  readonly position: number
  /** When it was recorded (ISO instant), to show late entries (rule 14). */
  readonly recordedAt: string
  /** Positions of its corrections (one shared empty array until the first). */
  corrections: ReadonlyArray<number>
  retracted?: number
}

export interface SnapshotBasis {
  readonly reportId: string
  readonly kind: ReportKind
  readonly year?: number
  readonly logSize: number
  readonly position: number
}

/** What the reports are computed from: the log's first `size` entries, folded. */
export interface ReportBasis {
  /** Entries folded: the report is of the log's first `size` entries. */
  size: number
  /** The latest recording instant folded (ISO), or null for an empty log. */
  lastRecordedAt: string | null
  readonly organisations: Map<string, OrganisationBasis>
  readonly partnerships: Map<string, PartnershipBasis>
  readonly contacts: Map<string, ContactBasis>
  /** Key figures: id → position of the erasure, or null while sealed. */
  readonly persons: Map<string, number | null>
  readonly snapshots: SnapshotBasis[]
}

/** A fold you feed page by page; `basis()` gives what it has folded so far. */
export interface ReportFold {
  readonly step: (page: ReadonlyArray<StoredEvent>) => void
  readonly basis: () => ReportBasis
}

// ---------------------------------------------------------------------------------------------
// constructors

const NO_CORRECTIONS: ReadonlyArray<number> = Object.freeze([])

const emptyBasis = (): ReportBasis => ({
  size: 0,
  lastRecordedAt: null,
  organisations: new Map(),
  partnerships: new Map(),
  contacts: new Map(),
  persons: new Map(),
  snapshots: [],
})

/**
 * Shares equal values between contacts: dates, categories and lists of organisation ids repeat
 * across a log of a million contacts, and one copy of each keeps the basis small. Values that are
 * unique per contact (ids, instants) are not interned: that would only grow the tables.
 */
interface Interner {
  readonly text: (s: string) => string
  readonly ids: (xs: ReadonlyArray<string>) => ReadonlyArray<string>
}

const NO_IDS: ReadonlyArray<string> = Object.freeze([])

const interner = (): Interner => {
  const texts = new Map<string, string>()
  const lists = new Map<string, ReadonlyArray<string>>()
  const text = (s: string): string => {
    const seen = texts.get(s)
    if (seen !== undefined) return seen
    texts.set(s, s)
    return s
  }
  return {
    text,
    ids: (xs) => {
      if (xs.length === 0) return NO_IDS
      const key = xs.length === 1 ? xs[0]! : xs.join(',')
      const seen = lists.get(key)
      if (seen !== undefined) return seen
      const list = Object.freeze(xs.map(text))
      lists.set(key, list)
      return list
    },
  }
}

const apply = (b: ReportBasis, e: StoredEvent, shared: Interner): void => {
  switch (e.type) {
    case 'OrganisationRegistered':
      b.organisations.set(e.data.organisationId, {
        organisationId: e.data.organisationId,
        name: e.data.name,
        kind: e.data.kind,
        position: e.position,
        corrections: [],
        personIds: [],
      })
      return
    case 'OrganisationCorrected': {
      const o = b.organisations.get(e.data.organisationId)
      if (o === undefined) return
      if (e.data.name !== undefined) o.name = e.data.name
      if (e.data.kind !== undefined) o.kind = e.data.kind
      o.corrections.push(e.position)
      return
    }
    case 'KeyFigureRegistered':
      b.persons.set(e.data.personId, null)
      if (e.data.organisationId !== undefined) b.organisations.get(e.data.organisationId)?.personIds.push(e.data.personId)
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
      b.contacts.set(e.data.contactId, {
        contactId: e.data.contactId,
        organisationIds: shared.ids(e.data.organisationIds),
        personIds: shared.ids(e.data.personIds),
        occurredOn: shared.text(e.data.occurredOn),
        category: shared.text(e.data.category) as ContactCategory,
        position: e.position,
        recordedAt: e.meta.recordedAt,
        corrections: NO_CORRECTIONS,
      })
      return
    case 'ContactCorrected': {
      const c = b.contacts.get(e.data.contactId)
      if (c === undefined) return
      if (e.data.organisationIds !== undefined) c.organisationIds = shared.ids(e.data.organisationIds)
      if (e.data.personIds !== undefined) c.personIds = shared.ids(e.data.personIds)
      if (e.data.occurredOn !== undefined) c.occurredOn = shared.text(e.data.occurredOn)
      if (e.data.category !== undefined) c.category = e.data.category
      c.corrections = [...c.corrections, e.position]
      return
    }
    case 'ContactRetracted': {
      const c = b.contacts.get(e.data.contactId)
      if (c !== undefined && c.retracted === undefined) c.retracted = e.position
      return
    }
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
  const b = emptyBasis()
  const shared = interner()
  return {
    step: (page) => {
      for (const e of page) {
        if (at !== undefined && e.position >= at) continue
        apply(b, e, shared)
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

/** Whether a date lies in a year. */
export const inYear = (date: string, year: number): boolean => date.startsWith(`${year}-`)

/** Whether a partnership is active on any day of a year (rule 6). */
export const partnershipActiveIn = (p: PartnershipBasis, year: number): boolean =>
  p.startedOn <= `${year}-12-31` && (p.ended === undefined || p.ended.endedOn >= `${year}-01-01`)
