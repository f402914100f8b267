/**
 * `evolve`: the pure fold of stored events into `RegisterState`, written with immer.
 * Fold many events inside one `produce` (`evolveAll`): one `produce` per event into a large
 * state costs hundreds of times more.
 */
import { produce, type Draft } from 'immer'
import type { StoredEvent } from './events.js'
import { initialState, type RegisterState } from './state.js'

// ---------------------------------------------------------------------------------------------
// combinators

type S = Draft<RegisterState>

const removeFrom = (xs: string[], id: string): void => {
  const i = xs.indexOf(id)
  if (i >= 0) xs.splice(i, 1)
}

/**
 * Applies one event to an immer draft of the state. For folds that interleave decisions with
 * events (an atomic batch): decide against the draft, apply, decide the next, in one draft.
 *
 * @example
 * const draft = createDraft(state); applyToDraft(draft, e); const next = finishDraft(draft)
 */
export const applyToDraft = (s: S, e: StoredEvent): void => {
  apply(s, e)
  s.size = Math.max(s.size, e.position + 1)
}

const apply = (s: S, e: StoredEvent): void => {
  const at = { position: e.position, recordedAt: e.meta.recordedAt }
  switch (e.type) {
    case 'OrganisationRegistered': {
      const d = e.data
      s.organisations[d.organisationId] = {
        ...at,
        organisationId: d.organisationId,
        name: d.name,
        kind: d.kind,
        ...(d.kvkNumber !== undefined ? { kvkNumber: d.kvkNumber } : {}),
        ...(d.municipality !== undefined ? { municipality: d.municipality } : {}),
        corrections: [],
        endorsement: null,
        endorsementWithdrawals: [],
        advices: [],
        facts: [],
        exclusions: [],
        partnershipIds: [],
        contactIds: [],
      }
      return
    }
    case 'OrganisationCorrected': {
      const o = s.organisations[e.data.organisationId]
      if (!o) return
      const { name, kind, kvkNumber, municipality } = e.data
      if (name !== undefined) o.name = name
      if (kind !== undefined) o.kind = kind
      if (kvkNumber !== undefined) o.kvkNumber = kvkNumber
      if (municipality !== undefined) o.municipality = municipality
      o.corrections.push(e.position)
      return
    }
    case 'KeyFigureRegistered': {
      const d = e.data
      s.persons[d.personId] = {
        ...at,
        personId: d.personId,
        ...(d.organisationId !== undefined ? { organisationId: d.organisationId } : {}),
        personal: d.personal,
      }
      return
    }
    case 'KeyFigureErased': {
      const p = s.persons[e.data.personId]
      if (!p) return
      p.personal = null
      p.erased = { ...at, reason: e.data.reason }
      return
    }
    case 'ValuesEndorsed': {
      const o = s.organisations[e.data.organisationId]
      if (o) o.endorsement = { ...at, endorsedOn: e.data.endorsedOn, documentRef: e.data.documentRef }
      return
    }
    case 'EndorsementWithdrawn': {
      const o = s.organisations[e.data.organisationId]
      if (!o) return
      o.endorsement = null
      o.endorsementWithdrawals.push({ ...at, withdrawnOn: e.data.withdrawnOn, reason: e.data.reason })
      return
    }
    case 'VettingAdviceRecorded': {
      const { organisationId, ...advice } = e.data
      s.organisations[organisationId]?.advices.push({ ...at, ...advice })
      return
    }
    case 'FactRecorded': {
      const { organisationId, ...fact } = e.data
      s.organisations[organisationId]?.facts.push({ ...at, ...fact })
      return
    }
    case 'ExclusionDecided': {
      const { organisationId, ...decision } = e.data
      s.organisations[organisationId]?.exclusions.push({ ...at, ...decision, grounds: decision.grounds.map((g) => ({ ...g, evidenceRefs: [...g.evidenceRefs] })) })
      s.decisions[decision.decisionId] = organisationId
      return
    }
    case 'ExclusionLifted': {
      const x = s.organisations[e.data.organisationId]?.exclusions.find((d) => d.decisionId === e.data.decisionId)
      if (x) x.lifted = { ...at, liftedOn: e.data.liftedOn, rationale: e.data.rationale }
      return
    }
    case 'PartnershipStarted': {
      const d = e.data
      s.partnerships[d.partnershipId] = { ...at, ...d, themes: [...d.themes] }
      s.organisations[d.organisationId]?.partnershipIds.push(d.partnershipId)
      return
    }
    case 'PartnershipEnded': {
      const p = s.partnerships[e.data.partnershipId]
      if (p) p.ended = { ...at, endedOn: e.data.endedOn, reason: e.data.reason }
      return
    }
    case 'ContactRecorded': {
      const d = e.data
      s.contacts[d.contactId] = {
        ...at,
        ...d,
        organisationIds: [...d.organisationIds],
        personIds: [...d.personIds],
        themes: [...d.themes],
        officials: [...d.officials],
        corrections: [],
      }
      for (const id of d.organisationIds) s.organisations[id]?.contactIds.push(d.contactId)
      for (const id of d.personIds) touchPerson(s, id, d.occurredOn)
      return
    }
    case 'ContactCorrected': {
      const c = s.contacts[e.data.contactId]
      if (!c) return
      const { contactId, reason: _reason, organisationIds, personIds, ...rest } = e.data
      if (organisationIds !== undefined) {
        for (const id of c.organisationIds) {
          const o = s.organisations[id]
          if (o) removeFrom(o.contactIds, contactId)
        }
        c.organisationIds = [...organisationIds]
        for (const id of organisationIds) s.organisations[id]?.contactIds.push(contactId)
      }
      if (personIds !== undefined) c.personIds = [...personIds]
      Object.assign(c, rest.themes !== undefined ? { ...rest, themes: [...rest.themes] } : rest)
      for (const id of c.personIds) touchPerson(s, id, c.occurredOn)
      c.corrections.push(e.position)
      return
    }
    case 'ContactRetracted': {
      const c = s.contacts[e.data.contactId]
      if (c) c.retracted = { ...at, reason: e.data.reason }
      return
    }
    case 'ReportSnapshotTaken': {
      const { consistency: _c, ...d } = e.data
      s.reports[d.reportId] = { ...at, ...d, published: [], shared: [] }
      return
    }
    case 'ReportPublished': {
      s.reports[e.data.reportId]?.published.push({ ...at, publishedOn: e.data.publishedOn, channel: e.data.channel })
      return
    }
    case 'ReportSharedConfidentially': {
      s.reports[e.data.reportId]?.shared.push({ ...at, sharedOn: e.data.sharedOn, recipient: e.data.recipient })
      return
    }
  }
}

const touchPerson = (s: S, personId: string, on: string): void => {
  const p = s.persons[personId]
  if (p && (p.lastContactOn === undefined || p.lastContactOn < on)) p.lastContactOn = on
}

// ---------------------------------------------------------------------------------------------
// folds

/**
 * Folds a batch of stored events, in position order, into the state, inside one `produce`.
 *
 * @example
 * const state = evolveAll(initialState, await readAll(store))
 * state.organisations[id]?.name
 */
export const evolveAll = (state: RegisterState, events: ReadonlyArray<StoredEvent>): RegisterState =>
  events.length === 0
    ? state
    : produce(state, (draft) => {
        for (const e of events) applyToDraft(draft, e)
      })

/**
 * Folds one stored event into the state.
 *
 * @example
 * const next = evolve(initialState, stored)
 */
export const evolve = (state: RegisterState, e: StoredEvent): RegisterState => evolveAll(state, [e])

/** Replays events from the empty register. @example replay(events).size === events.length */
export const replay = (events: ReadonlyArray<StoredEvent>): RegisterState => evolveAll(initialState, events)

/**
 * Folds events into a fresh state that the caller owns alone, mutably and without immer: the
 * ledger's working state for one decision, read from a few events and thrown away after. The
 * same `applyToDraft` as every other fold, so the state is the one `evolveAll` gives; only the
 * copy-on-write and freezing are skipped, which is most of the cost for small folds. Never hand
 * the result to code that keeps it: use `evolveAll` for states that are shared.
 *
 * @example
 * const scratch = foldScratch(eventsOfOneOrganisation) // equals evolveAll(initialState, same)
 */
export const foldScratch = (events: ReadonlyArray<StoredEvent>): S => {
  const s = structuredClone(initialState) as S
  for (const e of events) applyToDraft(s, e)
  return s
}
