/**
 * Queries over `RegisterState` that deciders, reports and tools share: whether an organisation is
 * excluded or advised against, which partnerships are active, an organisation's status.
 */
import { adviceOn } from './policies/valid-time.js'
import type {
  AdviceState,
  ContactState,
  ExclusionState,
  OrganisationState,
  PartnershipState,
  RegisterState,
} from './state.js'

// ---------------------------------------------------------------------------------------------
// utils

/** The active exclusion decision of an organisation, if any (rule 2). */
export const activeExclusion = (o: OrganisationState): ExclusionState | undefined =>
  o.exclusions.find((x) => x.lifted === undefined)

/** A day after every date a register holds (dates run to 2999-12-31): "as known now". */
const LAST_DAY = '9999-12-31'

/**
 * The outstanding `advised-against` advice of an organisation, if any, as rule 2 judges it
 * (`adviceOn` of the valid-time policy, over every advice recorded): a later advice of the same
 * security service supersedes it (any security service's, when it names none); a retracted one
 * counts no more; an old advice from another source holds until retracted (rule 22).
 *
 * @example
 * const advice = outstandingAdvice(org)
 * if (advice) console.log(`advised against by ${advice.source}, ref ${advice.reference}`)
 */
export const outstandingAdvice = (o: OrganisationState): AdviceState | undefined => adviceOn(o, LAST_DAY)

/** Whether a partnership is active on a date: started on or before it, not ended before it. */
export const activeOn = (p: PartnershipState, date: string): boolean =>
  p.startedOn <= date && (p.ended === undefined || p.ended.endedOn >= date)

/** Whether a partnership is active on any day of a year. */
export const activeInYear = (p: PartnershipState, year: number): boolean =>
  p.startedOn <= `${year}-12-31` && (p.ended === undefined || p.ended.endedOn >= `${year}-01-01`)

/** The partnerships of an organisation that have not ended. */
export const openPartnerships = (s: RegisterState, organisationId: string): ReadonlyArray<PartnershipState> =>
  (s.organisations[organisationId]?.partnershipIds ?? [])
    .map((id) => s.partnerships[id])
    .filter((p): p is PartnershipState => p !== undefined && p.ended === undefined)

/** What a ministry tool shows about one organisation. */
export interface OrganisationStatus {
  readonly organisationId: string
  readonly name: string
  readonly kind: string
  readonly registered: true
  readonly endorsement: { readonly endorsedOn: string; readonly documentRef: string } | null
  readonly outstandingAdvice: { readonly adviceId: string; readonly source: string; readonly receivedOn: string } | null
  readonly exclusion: { readonly decisionId: string; readonly decidedOn: string; readonly grounds: ReadonlyArray<string> } | null
  readonly partnerships: ReadonlyArray<{
    readonly partnershipId: string
    readonly programme: string
    readonly startedOn: string
    readonly endedOn?: string
    readonly active: boolean
  }>
  /** May a contact be recorded with this organisation now? (rule 2) */
  readonly mayBeContacted: boolean
  readonly contacts: ReadonlyArray<ContactState>
}

/**
 * The status of an organisation in a state (take the state at any position for a past view).
 *
 * @example
 * const st = organisationStatus(state, orgId)
 * if (st && !st.mayBeContacted) warn(st.exclusion ?? st.outstandingAdvice)
 */
export const organisationStatus = (s: RegisterState, organisationId: string): OrganisationStatus | undefined => {
  const o = s.organisations[organisationId]
  if (o === undefined) return undefined
  const exclusion = activeExclusion(o)
  const advice = outstandingAdvice(o)
  return {
    organisationId,
    name: o.name,
    kind: o.kind,
    registered: true,
    endorsement: o.endorsement && { endorsedOn: o.endorsement.endorsedOn, documentRef: o.endorsement.documentRef },
    outstandingAdvice: advice ? { adviceId: advice.adviceId, source: advice.source, receivedOn: advice.receivedOn } : null,
    exclusion: exclusion
      ? { decisionId: exclusion.decisionId, decidedOn: exclusion.decidedOn, grounds: exclusion.grounds.map((g) => g.ground) }
      : null,
    partnerships: o.partnershipIds
      .map((id) => s.partnerships[id])
      .filter((p): p is PartnershipState => p !== undefined)
      .map((p) => ({
        partnershipId: p.partnershipId,
        programme: p.programme,
        startedOn: p.startedOn,
        ...(p.ended ? { endedOn: p.ended.endedOn } : {}),
        active: p.ended === undefined,
      })),
    mayBeContacted: exclusion === undefined && advice === undefined,
    contacts: o.contactIds.map((id) => s.contacts[id]).filter((c): c is ContactState => c !== undefined),
  }
}
