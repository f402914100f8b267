/**
 * Report version 3 (issue 13, DOMAIN.md rule 6): a fold in which an exclusion ends a partnership
 * on the exclusion's date, also when the partnership's recorded end lies later or the partnership
 * was entered after the exclusion, so the overview's years and end dates and the auditor's view
 * agree with the state. Versions 1 and 2 keep the recorded end (their snapshots keep their bytes).
 */
import { readAsCurrent, type StoredEvent } from '../domain/events.js'
import { exclusionEndOf, exclusionEnds } from '../domain/policies/exclusion-ends.js'
import { reportFold, type PartnershipBasis, type ReportBasis, type ReportFold } from './basis.js'

// ---------------------------------------------------------------------------------------------
// combinators

/**
 * A fold whose partnerships end at their effective end (rule 6): the earliest of the recorded
 * end and the first exclusion of the organisation dated inside them. Wraps a version's fold; the
 * end's position is the exclusion's (or the recorded end's, when that is as early).
 *
 * @example
 * const fold = exclusionEndsFold(reportFold)(120)
 * fold.step(events)
 * fold.basis().partnerships.get(id)?.ended?.endedOn // '2024-06-01'
 */
export const exclusionEndsFold =
  (inner: (at?: number) => ReportFold) =>
  (at?: number): ReportFold => {
    const fold = inner(at)
    const exclusions = new Map<string, Array<{ readonly on: string; readonly position: number }>>()
    const partnerships = new Map<string, PartnershipBasis[]>()
    const cut = (p: PartnershipBasis, on: string, position: number): void => {
      if (exclusionEnds(p, on)) p.ended = { endedOn: on, position }
    }
    return {
      step: (page) => {
        for (const raw of page) {
          fold.step([raw])
          if (at !== undefined && raw.position >= at) continue
          const e = readAsCurrent(raw)
          if (e.type === 'ExclusionDecided') {
            const xs = exclusions.get(e.data.organisationId) ?? []
            xs.push({ on: e.data.decidedOn, position: e.position })
            exclusions.set(e.data.organisationId, xs)
            for (const p of partnerships.get(e.data.organisationId) ?? []) {
              const endedOn = exclusionEndOf(p, e.data.decidedOn)
              if (endedOn !== undefined) p.ended = { endedOn, position: e.position }
            }
          } else if (e.type === 'PartnershipStarted') {
            const p = fold.basis().partnerships.get(e.data.partnershipId)
            if (p === undefined) continue
            const ps = partnerships.get(e.data.organisationId) ?? []
            ps.push(p)
            partnerships.set(e.data.organisationId, ps)
            for (const x of exclusions.get(e.data.organisationId) ?? []) cut(p, x.on, x.position)
          } else if (e.type === 'PartnershipEnded') {
            // the inner fold keeps the first end it sees; an earlier (or as early) recorded end holds
            const p = fold.basis().partnerships.get(e.data.partnershipId)
            if (p?.ended !== undefined && p.ended.position !== e.position && e.data.endedOn <= p.ended.endedOn) p.ended = { endedOn: e.data.endedOn, position: e.position }
          }
        }
      },
      basis: () => fold.basis(),
    }
  }

/**
 * The basis of a whole list of events with partnerships at their effective end (rule 6): what
 * the current reports are computed from.
 *
 * @example
 * annualOverviewOf(effectiveBasisOf(events, 120), { year: 2024 })
 */
export const effectiveBasisOf = (events: ReadonlyArray<StoredEvent>, at?: number): ReportBasis => {
  const fold = exclusionEndsFold(reportFold)(at)
  fold.step(events)
  return fold.basis()
}
