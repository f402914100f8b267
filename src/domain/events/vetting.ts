/** Events of vetting: advice, sourced facts, exclusion decisions and their lifting (rules 2–4, 13). */
import * as t from 'io-ts'
import { closed } from '../codec.js'
import { adviceTag, decisionTag, factTag, orgTag } from '../tags.js'
import { AdviceOutcome, AdviceSource, FactKind, IsoDate, NonEmptyString, Uuid } from '../values.js'
import { defineFamily } from './family.js'
import { Ground } from './parts.js'

export const VettingAdviceRecorded = closed('VettingAdviceRecorded', {
  adviceId: Uuid,
  organisationId: Uuid,
  source: AdviceSource,
  advice: AdviceOutcome,
  receivedOn: IsoDate,
  reference: NonEmptyString,
})
export const FactRecorded = closed('FactRecorded', {
  factId: Uuid,
  organisationId: Uuid,
  kind: FactKind,
  observedOn: IsoDate,
  source: NonEmptyString,
  reference: NonEmptyString,
})
export const ExclusionDecided = closed(
  'ExclusionDecided',
  { decisionId: Uuid, organisationId: Uuid, decidedOn: IsoDate, grounds: t.readonlyArray(Ground), rationale: NonEmptyString },
  { reviewBy: IsoDate },
)
export const ExclusionLifted = closed('ExclusionLifted', {
  decisionId: Uuid,
  organisationId: Uuid,
  liftedOn: IsoDate,
  rationale: NonEmptyString,
})

/** The vetting family: VettingAdviceRecorded, FactRecorded, ExclusionDecided, ExclusionLifted, with how each folds into the state, its tags and its business date. */
export const vettingFamily = defineFamily({
  codecs: { VettingAdviceRecorded, FactRecorded, ExclusionDecided, ExclusionLifted },
  behaviour: {
    VettingAdviceRecorded: {
      evolve: (s, d, at) => {
        const { organisationId, ...advice } = d
        s.organisations[organisationId]?.advices.push({ ...at, ...advice })
      },
      tags: (d) => [orgTag(d.organisationId), adviceTag(d.adviceId)],
      businessDate: (d) => d.receivedOn,
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
  },
})
