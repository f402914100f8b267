/**
 * Organisation identity (rule 23): an organisation is registered once. The events the check reads
 * (every organisation's record and standing) beside the check itself. A KvK number names one
 * organisation; a name that folds to another organisation's (`nameKey`) names it too, unless the
 * registration says why it is a different one (`distinctFrom`); a name-alike of an excluded or
 * advised-against organisation is refused unless `distinctFrom` names it, and then it is a
 * proposal a second coordinator must confirm (rule 19, `barredNameAlike`): an excluded
 * organisation cannot come back under a new id.
 */
import * as E from 'fp-ts/lib/Either.js'
import { reject, type DomainRejection } from '../errors.js'
import type { EventType } from '../events.js'
import { ORGANISATION_EVENTS } from '../events/organisation.js'
import { nameKey, registeredNameKey } from '../names.js'
import type { QueryItem } from '../query.js'
import type { OrganisationState, RegisterState } from '../state.js'
import { activeExclusion, outstandingAdvice } from '../status.js'

// ---------------------------------------------------------------------------------------------
// model

/** The events identity is judged on: every organisation's record, and what bars one from contact. */
export const IDENTITY_EVENTS: ReadonlyArray<EventType> = [...ORGANISATION_EVENTS, 'ExclusionDecided', 'ExclusionLifted', 'VettingAdviceRecorded']

/** A registration's word that it is not the organisation named (rule 23). */
export interface DistinctFrom {
  readonly organisationId: string
  readonly reason: string
}

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * The query of every organisation's identity: a registration, rename or correction must see
 * every other organisation, and appends on the condition that none was registered, renamed or
 * corrected meanwhile (so two writers registering the same organisation cannot both succeed).
 *
 * @example
 * identityQuery() // { types: IDENTITY_EVENTS }
 */
export const identityQuery = (): QueryItem => ({ types: IDENTITY_EVENTS })

// ---------------------------------------------------------------------------------------------
// utils

/** Every name an organisation goes or went by (not the names corrections replaced). */
const namesOf = (o: OrganisationState): ReadonlyArray<string> => [o.name, ...(o.registeredName !== undefined ? [o.registeredName] : []), ...(o.renames ?? []).map((r) => r.name)]

const barred = (o: OrganisationState): string | undefined => {
  const x = activeExclusion(o)
  if (x !== undefined) return `excluded by decision ${x.decisionId} of ${x.decidedOn}`
  const a = outstandingAdvice(o)
  return a === undefined ? undefined : `advised against (advice ${a.adviceId} of ${a.receivedOn})`
}

/** The organisations a key may name: from the identity index where the state has one, else all (each is then checked). */
const candidates = (s: RegisterState, key: string): ReadonlyArray<OrganisationState> =>
  s.identities === undefined
    ? Object.values(s.organisations)
    : (s.identities[key] ?? []).map((id) => s.organisations[id]).filter((o): o is OrganisationState => o !== undefined)

const duplicate = (message: string, o: OrganisationState) =>
  E.left<DomainRejection, void>(reject('DuplicateOrganisation', message, { organisationId: o.organisationId }, 23))

/**
 * `DuplicateOrganisation` naming the organisation that already has this KvK number, other than `self`.
 *
 * @example
 * noDuplicateKvk(s, '41234567') // Left when another organisation has it
 */
export const noDuplicateKvk = (s: RegisterState, kvkNumber: string | undefined, self?: string): E.Either<DomainRejection, void> => {
  if (kvkNumber === undefined) return E.right(undefined)
  const same = candidates(s, `k:${kvkNumber}`).find((o) => o.organisationId !== self && o.kvkNumber === kvkNumber)
  return same === undefined
    ? E.right(undefined)
    : duplicate(`KvK number ${kvkNumber} is already registered for ${same.name} (${same.organisationId}); an organisation is registered once (rule 23)`, same)
}

/**
 * `DuplicateOrganisation` naming the first other organisation whose name folds to the same key,
 * unless `distinctFrom` names it (and it is not excluded or advised against).
 *
 * @example
 * noDuplicateName(s, 'Stichting Al-Amal')                      // Left naming "Al Amal" if registered
 * noDuplicateName(s, 'Al Amal Utrecht', undefined, [{ organisationId, reason: 'lokale afdeling' }])
 */
export const noDuplicateName = (
  s: RegisterState,
  name: string,
  self?: string,
  distinctFrom: ReadonlyArray<DistinctFrom> = [],
): E.Either<DomainRejection, void> => {
  const key = nameKey(name)
  const checked = new Set(distinctFrom.map((d) => d.organisationId.toLowerCase()))
  for (const o of candidates(s, `n:${key}`)) {
    if (o.organisationId === self || !namesOf(o).some((n) => registeredNameKey(n) === key)) continue
    const bar = barred(o)
    if (bar !== undefined && !checked.has(o.organisationId))
      return duplicate(
        `"${name}" reads as ${o.name} (${o.organisationId}), which is ${bar}: an excluded organisation cannot come back under a new name or id; ` +
          `if it is a different organisation, say why with distinctFrom: [{ organisationId: "${o.organisationId}", reason }], and a second coordinator must confirm it (rules 19 and 23)`,
        o,
      )
    if (!checked.has(o.organisationId))
      return duplicate(
        `"${name}" reads as ${o.name} (${o.organisationId}), which is already registered; if it is a different organisation, say so with distinctFrom: [{ organisationId: "${o.organisationId}", reason }] (rule 23)`,
        o,
      )
  }
  return E.right(undefined)
}

/**
 * The first excluded or advised-against organisation whose name `name` folds to and that
 * `distinctFrom` names: such a registration is a proposal a second coordinator confirms (rules 19
 * and 23). Undefined when there is none.
 *
 * @example
 * barredNameAlike(s, 'Stichting Al-Amal', [{ organisationId, reason: 'andere stichting' }]) // the excluded Al Amal
 */
export const barredNameAlike = (s: RegisterState, name: string, distinctFrom: ReadonlyArray<DistinctFrom> = []): OrganisationState | undefined => {
  if (distinctFrom.length === 0) return undefined
  const key = nameKey(name)
  const checked = new Set(distinctFrom.map((d) => d.organisationId.toLowerCase()))
  return candidates(s, `n:${key}`).find((o) => checked.has(o.organisationId) && namesOf(o).some((n) => registeredNameKey(n) === key) && barred(o) !== undefined)
}
