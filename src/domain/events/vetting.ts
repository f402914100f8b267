/** Events of vetting: advice, sourced facts, exclusion decisions and their lifting (rules 2–4, 13). */
import * as t from 'io-ts'
import { closed } from '../codec.js'
import { adviceTag, decisionTag, factTag, orgTag } from '../tags.js'
import { AdviceOutcome, AdviceSource, FactKind, IsoDate, NonEmptyString, SecurityService, Uuid } from '../values.js'
import { eventHistory } from '../versions.js'
import { defineFamily } from './family.js'
import { exclusionEndOf } from '../policies/exclusion-ends.js'
import { FreeText, Ground } from './parts.js'

const adviceFields = {
  adviceId: Uuid,
  organisationId: Uuid,
  source: AdviceSource,
  advice: AdviceOutcome,
  receivedOn: IsoDate,
  reference: NonEmptyString,
}
/** Version 1 of VettingAdviceRecorded (registers written before 2026-11-29): no service. */
export const VettingAdviceRecordedV1 = closed('VettingAdviceRecorded', adviceFields)
/** Version 2: the advising security service (AIVD, MIVD) may be named (rule 2 supersedes by service). */
export const VettingAdviceRecorded = closed('VettingAdviceRecorded', adviceFields, { service: SecurityService })

const factFields = {
  factId: Uuid,
  organisationId: Uuid,
  kind: FactKind,
  observedOn: IsoDate,
  source: NonEmptyString,
  reference: NonEmptyString,
}
/** Version 1 of FactRecorded: no listing reference. */
export const FactRecordedV1 = closed('FactRecorded', factFields)
/** Version 2: a statement of support may name the terrorist listing it refers to (rule 4). */
export const FactRecorded = closed('FactRecorded', factFields, { listingRef: NonEmptyString })
const decidedFields = { decisionId: Uuid, organisationId: Uuid, decidedOn: IsoDate, grounds: t.readonlyArray(Ground) }
/** Version 1 of ExclusionDecided: the rationale in plaintext. */
export const ExclusionDecidedV1 = closed('ExclusionDecided', { ...decidedFields, rationale: NonEmptyString }, { reviewBy: IsoDate })
/** Version 2: the rationale sealed under the decision's key (rule 21). */
export const ExclusionDecided = closed('ExclusionDecided', { ...decidedFields, rationale: FreeText }, { reviewBy: IsoDate })
const liftedFields = { decisionId: Uuid, organisationId: Uuid, liftedOn: IsoDate }
/** Version 1 of ExclusionLifted: the rationale in plaintext. */
export const ExclusionLiftedV1 = closed('ExclusionLifted', { ...liftedFields, rationale: NonEmptyString })
/** Version 2: the rationale sealed under the decision's key. */
export const ExclusionLifted = closed('ExclusionLifted', { ...liftedFields, rationale: FreeText })
/** A review of an exclusion that maintains it (rule 17); `nextReviewBy` is its next review date. */
const reviewedFields = { decisionId: Uuid, organisationId: Uuid, reviewedOn: IsoDate, outcome: t.literal('maintained') }
/** Version 1 of ExclusionReviewed: the rationale in plaintext. */
export const ExclusionReviewedV1 = closed('ExclusionReviewed', { ...reviewedFields, rationale: NonEmptyString }, { nextReviewBy: IsoDate })
export const ExclusionReviewed = closed(
  'ExclusionReviewed',
  { ...reviewedFields, rationale: FreeText },
  { nextReviewBy: IsoDate },
)
/** An advice retracted (recorded in error, or from a source that no longer counts: rules 4, 22); it then blocks nothing. */
/** Version 1 of VettingAdviceRetracted: the reason in plaintext. */
export const VettingAdviceRetractedV1 = closed('VettingAdviceRetracted', { adviceId: Uuid, organisationId: Uuid, reason: NonEmptyString })
/** Version 2: the reason sealed under the advice's key. */
export const VettingAdviceRetracted = closed('VettingAdviceRetracted', { adviceId: Uuid, organisationId: Uuid, reason: FreeText })

/** The event types of vetting (advice, facts, decisions and what follows them). */
export const VETTING_EVENTS = [
  'VettingAdviceRecorded',
  'VettingAdviceRetracted',
  'FactRecorded',
  'ExclusionDecided',
  'ExclusionLifted',
  'ExclusionReviewed',
] as const

/** The vetting family: advice (and its retraction), facts, exclusion decisions, their lifting and review, with how each folds into the state, its tags and its business date. */
export const vettingFamily = defineFamily({
  codecs: { VettingAdviceRecorded, VettingAdviceRetracted, FactRecorded, ExclusionDecided, ExclusionLifted, ExclusionReviewed },
  versions: {
    VettingAdviceRecorded: eventHistory(VettingAdviceRecordedV1).then(VettingAdviceRecorded, (v1) => v1),
    FactRecorded: eventHistory(FactRecordedV1).then(FactRecorded, (v1) => v1),
    // version 2 seals the free texts; older plaintext is read as it is (history, rule 22)
    ExclusionDecided: eventHistory(ExclusionDecidedV1).then(ExclusionDecided, (v1) => v1),
    ExclusionLifted: eventHistory(ExclusionLiftedV1).then(ExclusionLifted, (v1) => v1),
    ExclusionReviewed: eventHistory(ExclusionReviewedV1).then(ExclusionReviewed, (v1) => v1),
    VettingAdviceRetracted: eventHistory(VettingAdviceRetractedV1).then(VettingAdviceRetracted, (v1) => v1),
  },
  behaviour: {
    VettingAdviceRecorded: {
      evolve: (s, d, at) => {
        const { organisationId, ...advice } = d
        s.organisations[organisationId]?.advices.push({ ...at, ...advice })
        if (s.advices === undefined) s.advices = {}
        s.advices[d.adviceId] = organisationId
      },
      tags: (d) => [orgTag(d.organisationId), adviceTag(d.adviceId)],
      businessDate: (d) => d.receivedOn,
    },
    VettingAdviceRetracted: {
      evolve: (s, d, at) => {
        const a = s.organisations[d.organisationId]?.advices.find((x) => x.adviceId === d.adviceId)
        if (a && a.retracted === undefined) a.retracted = { ...at, reason: d.reason }
      },
      tags: (d) => [orgTag(d.organisationId), adviceTag(d.adviceId)],
    },
    FactRecorded: {
      evolve: (s, d, at) => {
        const { organisationId, ...fact } = d
        s.organisations[organisationId]?.facts.push({ ...at, ...fact })
      },
      tags: (d) => [orgTag(d.organisationId), factTag(d.factId)],
      businessDate: (d) => d.observedOn,
    },
    ExclusionDecided: {
      evolve: (s, d, at) => {
        const { organisationId, ...decision } = d
        s.organisations[organisationId]?.exclusions.push({
          ...at,
          ...decision,
          grounds: decision.grounds.map((g) => ({ ...g, evidenceRefs: [...g.evidenceRefs] })),
        })
        s.decisions[decision.decisionId] = organisationId
        // rule 6: it ends every partnership it lies inside on its date, also one whose recorded end is later
        for (const id of s.organisations[organisationId]?.partnershipIds ?? []) {
          const p = s.partnerships[id]
          const endedOn = p === undefined ? undefined : exclusionEndOf(p, d.decidedOn)
          if (p !== undefined && endedOn !== undefined) p.ended = { ...at, endedOn, reason: 'excluded' }
        }
      },
      tags: (d) => [orgTag(d.organisationId), decisionTag(d.decisionId)],
      businessDate: (d) => d.decidedOn,
    },
    ExclusionLifted: {
      evolve: (s, d, at) => {
        const x = s.organisations[d.organisationId]?.exclusions.find((e) => e.decisionId === d.decisionId)
        if (x) x.lifted = { ...at, liftedOn: d.liftedOn, rationale: d.rationale }
      },
      tags: (d) => [orgTag(d.organisationId), decisionTag(d.decisionId)],
      businessDate: (d) => d.liftedOn,
    },
    ExclusionReviewed: {
      evolve: (s, d, at) => {
        const x = s.organisations[d.organisationId]?.exclusions.find((e) => e.decisionId === d.decisionId)
        if (!x) return
        if (x.reviews === undefined) x.reviews = []
        x.reviews.push({ ...at, reviewedOn: d.reviewedOn, rationale: d.rationale, ...(d.nextReviewBy !== undefined ? { nextReviewBy: d.nextReviewBy } : {}) })
      },
      tags: (d) => [orgTag(d.organisationId), decisionTag(d.decisionId)],
      businessDate: (d) => d.reviewedOn,
    },
  },
})
