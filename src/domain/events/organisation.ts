/** Events of an organisation's record: registration, correction and rename. */
import * as t from 'io-ts'
import { closed } from '../codec.js'
import { registeredNameKey } from '../names.js'
import type { RegisterState } from '../state.js'
import { orgTag } from '../tags.js'
import { IsoDate, KvkNumber, NonEmptyString, OrganisationKind, Uuid } from '../values.js'
import { eventHistory } from '../versions.js'
import { defineFamily } from './family.js'
import { FreeText } from './parts.js'
import { extend } from '../extend.js'

/** Version 1 of DistinctFrom: the reason in plaintext. */
export const DistinctFromV1 = closed('DistinctFrom', { organisationId: Uuid, reason: NonEmptyString })
/** Why a registration is a different organisation from one of a similar name (rule 23); the reason sealed under the new organisation's key (rule 21). */
export const DistinctFrom = closed('DistinctFrom', { organisationId: Uuid, reason: FreeText })

const registeredFields = { organisationId: Uuid, name: NonEmptyString, kind: OrganisationKind }
/** Version 1 of OrganisationRegistered: the reasons of `distinctFrom` in plaintext. */
export const OrganisationRegisteredV1 = closed('OrganisationRegistered', registeredFields, {
  kvkNumber: KvkNumber,
  municipality: NonEmptyString,
  distinctFrom: t.readonlyArray(DistinctFromV1),
})
/** Version 2: the reasons of `distinctFrom` sealed under the organisation's key (rule 21). */
export const OrganisationRegistered = closed(
  'OrganisationRegistered',
  registeredFields,
  // distinctFrom (rule 23, optional): the organisations of a similar name it was registered beside, and why
  { kvkNumber: KvkNumber, municipality: NonEmptyString, distinctFrom: t.readonlyArray(DistinctFrom) },
)
const correctedChanges = { name: NonEmptyString, kind: OrganisationKind, kvkNumber: KvkNumber, municipality: NonEmptyString }
/** Version 1 of OrganisationCorrected: the reason in plaintext. */
export const OrganisationCorrectedV1 = closed('OrganisationCorrected', { organisationId: Uuid, reason: NonEmptyString }, correctedChanges)
/** Version 2: the reason sealed under the organisation's key (rule 21). */
export const OrganisationCorrected = closed(
  'OrganisationCorrected',
  { organisationId: Uuid, reason: FreeText },
  { name: NonEmptyString, kind: OrganisationKind, kvkNumber: KvkNumber, municipality: NonEmptyString },
)

/**
 * A rename (the Terms): the organisation is called `name` from `effectiveOn` on; reports of a
 * period show the name valid at its end, so a rename never reaches back (a correction does).
 */
export const OrganisationRenamed = closed('OrganisationRenamed', { organisationId: Uuid, name: NonEmptyString, effectiveOn: IsoDate, reason: FreeText })
/** Version 1 of OrganisationRenamed: the reason in plaintext. */
export const OrganisationRenamedV1 = closed('OrganisationRenamed', { organisationId: Uuid, name: NonEmptyString, effectiveOn: IsoDate, reason: NonEmptyString })

/** The events that make up an organisation's record (name, kind, registration). */
export const ORGANISATION_EVENTS = ['OrganisationRegistered', 'OrganisationCorrected', 'OrganisationRenamed'] as const

type Draft = { -readonly [K in keyof RegisterState]: RegisterState[K] }

/** Adds an organisation under an identity key of the index (rule 23), once. */
const index = (s: Draft, key: string, organisationId: string): void => {
  const identities = (s.identities ??= {}) as Record<string, string[]>
  const ids = identities[key] ?? (identities[key] = [])
  if (!ids.includes(organisationId)) ids.push(organisationId)
}

/** The organisation family: OrganisationRegistered, OrganisationCorrected, with how each folds into the state, its tags and its business date. */
export const organisationFamily = defineFamily({
  codecs: { OrganisationRegistered, OrganisationCorrected, OrganisationRenamed },
  // version 2 seals the reasons; older plaintext is read as it is (history, rule 22)
  versions: {
    OrganisationRegistered: eventHistory(OrganisationRegisteredV1).then(OrganisationRegistered, (v1) => v1),
    OrganisationCorrected: eventHistory(OrganisationCorrectedV1).then(OrganisationCorrected, (v1) => v1),
    OrganisationRenamed: eventHistory(OrganisationRenamedV1).then(OrganisationRenamed, (v1) => v1),
  },
  behaviour: {
    OrganisationRegistered: {
      evolve: (s, d, at) => {
        index(s, `n:${registeredNameKey(d.name)}`, d.organisationId)
        if (d.kvkNumber !== undefined) index(s, `k:${d.kvkNumber}`, d.organisationId)
        s.organisations[d.organisationId] = extend(at, {
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
        })
      },
      tags: (d) => [orgTag(d.organisationId)],
    },
    OrganisationCorrected: {
      evolve: (s, d, at) => {
        const o = s.organisations[d.organisationId]
        if (!o) return
        const { name, kind, kvkNumber, municipality } = d
        if (name !== undefined) index(s, `n:${registeredNameKey(name)}`, d.organisationId)
        if (kvkNumber !== undefined) index(s, `k:${kvkNumber}`, d.organisationId)
        if (name !== undefined) {
          // a correction fixes the name in force: the latest rename's, or the registered name
          o.name = name
          const last = o.renames?.[o.renames.length - 1]
          if (last !== undefined) last.name = name
        }
        if (kind !== undefined) o.kind = kind
        if (kvkNumber !== undefined) o.kvkNumber = kvkNumber
        if (municipality !== undefined) o.municipality = municipality
        o.corrections.push(at.position)
      },
      tags: (d) => [orgTag(d.organisationId)],
    },
    OrganisationRenamed: {
      evolve: (s, d, at) => {
        const o = s.organisations[d.organisationId]
        if (!o) return
        index(s, `n:${registeredNameKey(d.name)}`, d.organisationId)
        if (o.renames === undefined) o.registeredName = o.name
        const renames = o.renames ?? (o.renames = [])
        // kept in the order they took effect; the name is the latest in force (no rename lies in the future)
        const i = renames.findIndex((r) => r.effectiveOn > d.effectiveOn)
        renames.splice(i < 0 ? renames.length : i, 0, extend(at, { effectiveOn: d.effectiveOn, name: d.name, reason: d.reason }))
        o.name = renames[renames.length - 1]!.name
      },
      tags: (d) => [orgTag(d.organisationId)],
      businessDate: (d) => d.effectiveOn,
    },
  },
})
