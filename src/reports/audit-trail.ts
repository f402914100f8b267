/**
 * The auditor's view's history sections (rules 3, 4, 9, 15-17, 22): a fold over the log that keeps
 * the vetting history (advice, retractions, facts, exclusions, lifts, reviews), acknowledged
 * breaches and their reviews, reclassifications, kind changes that take an organisation off the
 * confidential list, retractions, date corrections that move a contact to another year, and late
 * entries; and the lists derived from it as of the view's date: exclusions overdue for review,
 * breaches found afterwards, and old decisions that need review under the letter. Pure.
 */
import type { StoredEvent } from '../domain/events.js'
import { shownText } from '../domain/events/parts.js'
import { blockOn, type AdviceLike, type ExclusionLike } from '../domain/policies/valid-time.js'
import { isAllowedGround } from '../domain/values.js'
import { businessDateOf } from '../ports/clock.js'
import type { AuditView } from './audit-view.js'
import type { ReportBasis } from './basis.js'

// ---------------------------------------------------------------------------------------------
// model

/** Who recorded an entry, and where. */
export interface Entry {
  readonly position: number
  readonly actor: string
  readonly role: string
  readonly recordedOn: string
  /** When the entry is a confirmed proposal's effect (rule 19): its proposer; `actor` confirmed it. */
  readonly proposedBy?: string
}

/** One vetting record, as the auditor reads it (never the intelligence behind it). */
export interface VettingRecord extends Entry {
  readonly type: 'advice' | 'advice-retracted' | 'fact' | 'exclusion' | 'exclusion-lifted' | 'exclusion-reviewed'
  readonly organisationId: string
  /** The record's own business date (received, observed, decided, lifted, reviewed); absent for a retraction. */
  readonly date?: string
  /** The id of the advice, fact or decision. */
  readonly id: string
  /** A code: the advice outcome and source (and service), the fact's kind, the grounds. */
  readonly detail: string
}

export interface Breach extends Entry {
  readonly contactId: string
  readonly organisationIds: ReadonlyArray<string>
  readonly occurredOn: string
  readonly reason: string
  readonly decisionIds: ReadonlyArray<string>
  readonly adviceIds: ReadonlyArray<string>
  readonly reviews: ReadonlyArray<Entry & { readonly reviewedOn: string; readonly note: string }>
}

/** A contact already recorded that an exclusion or advice recorded later puts inside its period (rule 3). */
export interface FoundAfterwards {
  readonly contactId: string
  readonly position: number
  readonly organisationId: string
  readonly occurredOn: string
  readonly category: string
  /** The decision or advice, and the position it was recorded at. */
  readonly by: { readonly kind: 'exclusion' | 'advice'; readonly id: string; readonly position: number }
}

export interface Change extends Entry {
  readonly subject: string
  readonly from: string
  readonly to: string
  readonly reason: string
}

/** A four-eyes proposal (rule 19): made by one actor (the entry's), and how it ended, by whom. */
export interface ProposalRecord extends Entry {
  readonly proposalId: string
  readonly command: string
  /** The role that must confirm it. */
  readonly needs: string
  status: 'open' | 'confirmed' | 'withdrawn'
  closedBy?: { readonly actor: string; readonly role: string; readonly position: number; readonly reason?: string }
}

export interface LateRecord extends Entry {
  readonly type: string
  readonly businessDate: string
  readonly days: number
}

export interface Overdue {
  readonly decisionId: string
  readonly organisationId: string
  readonly decidedOn: string
  readonly reviewBy: string
  readonly position: number
}

export interface NeedsReview {
  readonly kind: 'exclusion' | 'advice'
  readonly id: string
  readonly organisationId: string
  readonly position: number
  /** The ground or source no longer allowed. */
  readonly why: string
}

/** A grant or a revocation of a role (rule 18): every one is listed in the auditor's view. */
export interface RoleChange extends Entry {
  readonly type: 'RoleGranted' | 'RoleRevoked'
  /** The actor whose role it is (the entry's own `actor` is the administrator who made the change). */
  readonly actorId: string
  readonly grantedRole: string
  /** From when the role holds (a grant) or no longer holds (a revocation). */
  readonly date: string
  readonly reason?: string
}

/** The auditor's view with its history sections (report version 2 and later). */
export interface AuditViewWithTrail extends AuditView {
  readonly trail: AuditTrailView
}

/** The history sections of the auditor's view. */
export interface AuditTrailView {
  readonly vetting: ReadonlyArray<VettingRecord>
  readonly overdueReviews: ReadonlyArray<Overdue>
  readonly breaches: ReadonlyArray<Breach>
  readonly foundAfterwards: ReadonlyArray<FoundAfterwards>
  readonly reclassifications: ReadonlyArray<Change>
  readonly offTheList: ReadonlyArray<Change>
  readonly movedOutOfPeriod: ReadonlyArray<Change>
  readonly retractions: ReadonlyArray<Change>
  readonly lateEntries: ReadonlyArray<LateRecord>
  readonly needsReviewUnderLetter: ReadonlyArray<NeedsReview>
  /** Every proposal (rule 19): made, confirmed or withdrawn, with both actors. */
  readonly proposals: ReadonlyArray<ProposalRecord>
  /** Every grant and revocation of a role, in log order (rule 18). */
  readonly roles: ReadonlyArray<RoleChange>
}

interface ExclusionRec extends ExclusionLike {
  readonly organisationId: string
  readonly position: number
  readonly grounds: ReadonlyArray<string>
  reviewBy?: string
  lifted?: { readonly liftedOn: string }
  reviewed: boolean
}
interface AdviceRec extends AdviceLike {
  readonly organisationId: string
  retracted?: true
}

/** The fold's working state. */
export interface AuditTrail {
  readonly vetting: VettingRecord[]
  readonly exclusions: Map<string, ExclusionRec[]>
  readonly advices: Map<string, AdviceRec[]>
  readonly breaches: Map<string, Breach & { reviews: Array<Breach['reviews'][number]> }>
  readonly reclassifications: Change[]
  readonly offTheList: Change[]
  readonly movedOutOfPeriod: Change[]
  readonly retractions: Change[]
  readonly lateEntries: LateRecord[]
  readonly proposals: ProposalRecord[]
  readonly roles: RoleChange[]
}

/** A contact recorded this many days or more after its business date is a late entry (rule 15). */
export const LATE_ENTRY_DAYS = 14

/**
 * After how many days an entry counts as late: the register's own setting where it recorded one
 * (`configureRegister`'s `lateEntryDays`, rule 24; a basis folded by a version that keeps the
 * settings), else `LATE_ENTRY_DAYS`.
 *
 * @example
 * lateEntryDaysOf(basis) // 14 unless the register configured another number
 */
export const lateEntryDaysOf = (basis: ReportBasis): number =>
  (basis as ReportBasis & { readonly settings?: { readonly lateEntryDays?: number } }).settings?.lateEntryDays ?? LATE_ENTRY_DAYS

/** The kinds that are not civil society and never on the confidential list (rule 8). */
export const OFF_LIST_KINDS: ReadonlyArray<string> = ['municipality', 'public-body', 'company']

// ---------------------------------------------------------------------------------------------
// constructors

/** An empty trail. */
export const emptyTrail = (): AuditTrail => ({
  vetting: [],
  exclusions: new Map(),
  advices: new Map(),
  breaches: new Map(),
  reclassifications: [],
  offTheList: [],
  movedOutOfPeriod: [],
  retractions: [],
  lateEntries: [],
  proposals: [],
  roles: [],
})

const days = (from: string, to: string): number => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000
const push = <K, V>(m: Map<K, V[]>, k: K, v: V): void => void (m.get(k) ?? m.set(k, []).get(k)!).push(v)

/**
 * Folds one event (read as its current version) into the trail; `basis` is the report basis
 * before the event is applied to it, for what a correction changes.
 *
 * @example
 * for (const e of events) { applyToTrail(trail, e, fold.basis()); fold.step([e]) }
 */
export const applyToTrail = (t: AuditTrail, e: StoredEvent, basis: ReportBasis): void => {
  const recordedOn = businessDateOf(new Date(e.meta.recordedAt))
  const fourEyes = e.meta.fourEyes
  const entry: Entry = { position: e.position, actor: e.meta.actor.id, role: e.meta.actor.role, recordedOn, ...(fourEyes !== undefined ? { proposedBy: fourEyes.proposedBy.id } : {}) }
  const late = days(e.meta.businessDate, recordedOn)
  // kept from a day late on: the view applies the register's threshold (rule 24), which may be set later in the log
  if (late > 1) t.lateEntries.push({ ...entry, type: e.type, businessDate: e.meta.businessDate, days: late })
  switch (e.type) {
    case 'ProposalMade':
      t.proposals.push({ ...entry, proposalId: e.data.proposalId, command: e.data.command, needs: e.data.role, status: 'open' })
      return
    case 'ProposalConfirmed':
    case 'ProposalWithdrawn': {
      const p = t.proposals.find((x) => x.proposalId === e.data.proposalId)
      if (p === undefined) return
      p.status = e.type === 'ProposalConfirmed' ? 'confirmed' : 'withdrawn'
      p.closedBy = { actor: e.meta.actor.id, role: e.meta.actor.role, position: e.position, ...(e.type === 'ProposalWithdrawn' ? { reason: shownText(e.data.reason) } : {}) }
      return
    }
    case 'VettingAdviceRecorded': {
      const d = e.data
      push(t.advices, d.organisationId, { ...d, position: e.position })
      t.vetting.push({ ...entry, type: 'advice', organisationId: d.organisationId, date: d.receivedOn, id: d.adviceId, detail: `${d.advice} ${d.source}${d.service ? ` ${d.service}` : ''}` })
      return
    }
    case 'VettingAdviceRetracted': {
      const a = t.advices.get(e.data.organisationId)?.find((x) => x.adviceId === e.data.adviceId)
      if (a) a.retracted = true
      t.vetting.push({ ...entry, type: 'advice-retracted', organisationId: e.data.organisationId, id: e.data.adviceId, detail: 'retracted' })
      return
    }
    case 'FactRecorded':
      t.vetting.push({ ...entry, type: 'fact', organisationId: e.data.organisationId, date: e.data.observedOn, id: e.data.factId, detail: `${e.data.kind}${e.data.listingRef ? ' listed' : ''}` })
      return
    case 'ExclusionDecided': {
      const d = e.data
      const grounds = d.grounds.map((g) => g.ground)
      push(t.exclusions, d.organisationId, { decisionId: d.decisionId, decidedOn: d.decidedOn, organisationId: d.organisationId, position: e.position, grounds, reviewed: false, ...(d.reviewBy ? { reviewBy: d.reviewBy } : {}) })
      t.vetting.push({ ...entry, type: 'exclusion', organisationId: d.organisationId, date: d.decidedOn, id: d.decisionId, detail: grounds.join(', ') })
      return
    }
    case 'ExclusionLifted': {
      const x = t.exclusions.get(e.data.organisationId)?.find((y) => y.decisionId === e.data.decisionId)
      if (x) x.lifted = { liftedOn: e.data.liftedOn }
      t.vetting.push({ ...entry, type: 'exclusion-lifted', organisationId: e.data.organisationId, date: e.data.liftedOn, id: e.data.decisionId, detail: 'lifted' })
      return
    }
    case 'ExclusionReviewed': {
      const x = t.exclusions.get(e.data.organisationId)?.find((y) => y.decisionId === e.data.decisionId)
      if (x) {
        x.reviewed = true
        if (e.data.nextReviewBy !== undefined) x.reviewBy = e.data.nextReviewBy
        else delete x.reviewBy
      }
      t.vetting.push({ ...entry, type: 'exclusion-reviewed', organisationId: e.data.organisationId, date: e.data.reviewedOn, id: e.data.decisionId, detail: `maintained${e.data.nextReviewBy ? ` until ${e.data.nextReviewBy}` : ''}` })
      return
    }
    case 'BreachAcknowledged': {
      const d = e.data
      t.breaches.set(`${d.contactId}@${e.position}`, { ...entry, contactId: d.contactId, organisationIds: d.organisationIds, occurredOn: d.occurredOn, reason: shownText(d.reason), decisionIds: d.decisionIds, adviceIds: d.adviceIds, reviews: [] })
      return
    }
    case 'BreachReviewed':
      for (const b of t.breaches.values()) if (b.contactId === e.data.contactId) b.reviews.push({ ...entry, reviewedOn: e.data.reviewedOn, note: shownText(e.data.note) })
      return
    case 'ContactCorrected': {
      const c = basis.contacts.get(e.data.contactId)
      if (c === undefined) return
      const change = (from: string, to: string): Change => ({ ...entry, subject: e.data.contactId, from, to, reason: shownText(e.data.reason) })
      if (e.data.category !== undefined && e.data.category !== c.category && (e.data.category === 'signalling' || c.category === 'signalling'))
        t.reclassifications.push(change(c.category, e.data.category))
      if (e.data.occurredOn !== undefined && (e.data.occurredOn.slice(0, 4) !== c.occurredOn.slice(0, 4) || (c.occurredOn >= '2023-01-01') !== (e.data.occurredOn >= '2023-01-01')))
        t.movedOutOfPeriod.push(change(c.occurredOn, e.data.occurredOn))
      return
    }
    case 'RoleGranted':
      t.roles.push({ ...entry, type: e.type, actorId: e.data.actorId, grantedRole: e.data.role, date: e.data.grantedOn, ...(e.data.reason !== undefined ? { reason: shownText(e.data.reason) } : {}) })
      return
    case 'RoleRevoked':
      t.roles.push({ ...entry, type: e.type, actorId: e.data.actorId, grantedRole: e.data.role, date: e.data.revokedOn, ...(e.data.reason !== undefined ? { reason: shownText(e.data.reason) } : {}) })
      return
    case 'ContactRetracted':
      t.retractions.push({ ...entry, subject: e.data.contactId, from: basis.contacts.get(e.data.contactId)?.category ?? '-', to: 'retracted', reason: shownText(e.data.reason) })
      return
    case 'OrganisationCorrected': {
      const o = basis.organisations.get(e.data.organisationId)
      if (o !== undefined && e.data.kind !== undefined && !OFF_LIST_KINDS.includes(o.kind) && OFF_LIST_KINDS.includes(e.data.kind))
        t.offTheList.push({ ...entry, subject: e.data.organisationId, from: o.kind, to: e.data.kind, reason: shownText(e.data.reason) })
      return
    }
    default:
      return
  }
}

// ---------------------------------------------------------------------------------------------
// folds

/**
 * The history sections as of a date (the view's as-of date: reviews overdue by then), from the
 * trail and the report basis it was folded beside.
 *
 * @example
 * auditTrailView(trail, basis, '2026-01-15').overdueReviews
 */
export const auditTrailView = (t: AuditTrail, basis: ReportBasis, asOf: string | null): AuditTrailView => {
  const exclusions = [...t.exclusions.values()].flat()
  const overdueReviews = exclusions
    .filter((x) => x.lifted === undefined && x.reviewBy !== undefined && asOf !== null && x.reviewBy < asOf)
    .map((x) => ({ decisionId: x.decisionId, organisationId: x.organisationId, decidedOn: x.decidedOn, reviewBy: x.reviewBy!, position: x.position }))
  const needsReviewUnderLetter: NeedsReview[] = [
    ...exclusions
      .filter((x) => x.lifted === undefined && x.grounds.some((g) => !isAllowedGround(g)))
      .map((x) => ({ kind: 'exclusion' as const, id: x.decisionId, organisationId: x.organisationId, position: x.position, why: x.grounds.filter((g) => !isAllowedGround(g)).join(', ') })),
    ...[...t.advices.values()]
      .flat()
      .filter((a) => a.retracted === undefined && a.source !== 'security-service' && a.advice === 'advised-against')
      .map((a) => ({ kind: 'advice' as const, id: a.adviceId, organisationId: a.organisationId, position: a.position, why: a.source })),
  ].sort((a, b) => a.position - b.position)

  // key figures count for their organisation (rule 2)
  const orgOfPerson = new Map<string, string>()
  for (const o of basis.organisations.values()) for (const p of o.personIds) orgOfPerson.set(p, o.organisationId)
  const acknowledged = new Set([...t.breaches.values()].map((b) => b.contactId))
  const foundAfterwards: FoundAfterwards[] = []
  for (const c of basis.contacts.values()) {
    if (c.retracted !== undefined || acknowledged.has(c.contactId)) continue
    const orgs = new Set([...c.organisationIds, ...c.personIds.flatMap((p) => orgOfPerson.get(p) ?? [])])
    for (const id of orgs) {
      const block = blockOn({ exclusions: t.exclusions.get(id) ?? [], advices: t.advices.get(id) ?? [] }, c.occurredOn)
      if (block === undefined) continue
      const by = block._tag === 'exclusion' ? { kind: 'exclusion' as const, id: block.exclusion.decisionId, position: block.exclusion.position } : { kind: 'advice' as const, id: block.advice.adviceId, position: block.advice.position }
      foundAfterwards.push({ contactId: c.contactId, position: c.position, organisationId: id, occurredOn: c.occurredOn, category: c.category, by })
    }
  }
  return {
    vetting: t.vetting,
    overdueReviews,
    breaches: [...t.breaches.values()],
    foundAfterwards,
    reclassifications: t.reclassifications,
    offTheList: t.offTheList,
    movedOutOfPeriod: t.movedOutOfPeriod,
    retractions: t.retractions,
    lateEntries: t.lateEntries.filter((l) => l.days > lateEntryDaysOf(basis)),
    needsReviewUnderLetter,
    proposals: t.proposals,
    roles: t.roles,
  }
}
