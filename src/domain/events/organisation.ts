/** Events of an organisation's record: registration and correction. */
import { closed } from '../codec.js'
import { orgTag } from '../tags.js'
import { KvkNumber, NonEmptyString, OrganisationKind, Uuid } from '../values.js'
import { defineFamily } from './family.js'

export const OrganisationRegistered = closed(
  'OrganisationRegistered',
  { organisationId: Uuid, name: NonEmptyString, kind: OrganisationKind },
  { kvkNumber: KvkNumber, municipality: NonEmptyString },
)
export const OrganisationCorrected = closed(
  'OrganisationCorrected',
  { organisationId: Uuid, reason: NonEmptyString },
  { name: NonEmptyString, kind: OrganisationKind, kvkNumber: KvkNumber, municipality: NonEmptyString },
)

/** The events that make up an organisation's record (name, kind, registration). */
export const ORGANISATION_EVENTS = ['OrganisationRegistered', 'OrganisationCorrected'] as const

/** The organisation family: OrganisationRegistered, OrganisationCorrected, with how each folds into the state, its tags and its business date. */
export const organisationFamily = defineFamily({
  codecs: { OrganisationRegistered, OrganisationCorrected },
  behaviour: {
    OrganisationRegistered: {
      evolve: (s, d, at) => {
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
      },
      tags: (d) => [orgTag(d.organisationId)],
    },
    OrganisationCorrected: {
      evolve: (s, d, at) => {
        const o = s.organisations[d.organisationId]
        if (!o) return
        const { name, kind, kvkNumber, municipality } = d
        if (name !== undefined) o.name = name
        if (kind !== undefined) o.kind = kind
        if (kvkNumber !== undefined) o.kvkNumber = kvkNumber
        if (municipality !== undefined) o.municipality = municipality
        o.corrections.push(at.position)
      },
      tags: (d) => [orgTag(d.organisationId)],
    },
  },
})
