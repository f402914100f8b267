/** Events of contacts: recording, correction and retraction (rules 1, 2, 8). */
import * as t from 'io-ts'
import type { Draft } from 'immer'
import { closed } from '../codec.js'
import type { RegisterState } from '../state.js'
import { contactTag, orgTag, personTag } from '../tags.js'
import { ContactCategory, ContactForm, IsoDate, NonEmptyString, Theme, Uuid } from '../values.js'
import { defineFamily } from './family.js'

/** The fields of a contact that a correction may change; shared by the command and its event. */
export const contactChanges = {
  organisationIds: t.readonlyArray(Uuid),
  personIds: t.readonlyArray(Uuid),
  occurredOn: IsoDate,
  form: ContactForm,
  category: ContactCategory,
  themes: t.readonlyArray(Theme, 'Themes'),
  subject: NonEmptyString,
}

export const ContactRecorded = closed(
  'ContactRecorded',
  {
    contactId: Uuid,
    organisationIds: t.readonlyArray(Uuid),
    personIds: t.readonlyArray(Uuid),
    occurredOn: IsoDate,
    form: ContactForm,
    category: ContactCategory,
    themes: t.readonlyArray(Theme),
    officials: t.readonlyArray(NonEmptyString),
  },
  { subject: NonEmptyString },
)
export const ContactCorrected = closed('ContactCorrected', { contactId: Uuid, reason: NonEmptyString }, contactChanges)
export const ContactRetracted = closed('ContactRetracted', { contactId: Uuid, reason: NonEmptyString })
/**
 * A contact that rule 2 refuses, entered as an acknowledged breach (rule 3): appended with the
 * contact's recording or correction, naming the organisations, decisions and advice it breaches.
 */
export const BreachAcknowledged = closed('BreachAcknowledged', {
  contactId: Uuid,
  organisationIds: t.readonlyArray(Uuid),
  occurredOn: IsoDate,
  reason: NonEmptyString,
  decisionIds: t.readonlyArray(Uuid),
  adviceIds: t.readonlyArray(Uuid),
})
/** A coordinator's review of a contact's acknowledged breach (rule 3). */
export const BreachReviewed = closed('BreachReviewed', { contactId: Uuid, reviewedOn: IsoDate, note: NonEmptyString })

type S = Draft<RegisterState>

const removeFrom = (xs: string[], id: string): void => {
  const i = xs.indexOf(id)
  if (i >= 0) xs.splice(i, 1)
}

const touchPerson = (s: S, personId: string, on: string): void => {
  const p = s.persons[personId]
  if (p && (p.lastContactOn === undefined || p.lastContactOn < on)) p.lastContactOn = on
}

/** The contact family: ContactRecorded, ContactCorrected, ContactRetracted, with how each folds into the state, its tags and its business date. */
export const contactFamily = defineFamily({
  codecs: { ContactRecorded, ContactCorrected, ContactRetracted, BreachAcknowledged, BreachReviewed },
  behaviour: {
    ContactRecorded: {
      evolve: (s, d, at) => {
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
      },
      tags: (d) => [contactTag(d.contactId), ...d.organisationIds.map(orgTag), ...d.personIds.map(personTag)],
      businessDate: (d) => d.occurredOn,
    },
    ContactCorrected: {
      evolve: (s, d, at) => {
        const c = s.contacts[d.contactId]
        if (!c) return
        const { contactId, reason: _reason, organisationIds, personIds, ...rest } = d
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
        c.corrections.push(at.position)
      },
      tags: (d) => [contactTag(d.contactId), ...(d.organisationIds ?? []).map(orgTag), ...(d.personIds ?? []).map(personTag)],
      businessDate: (d) => d.occurredOn,
    },
    ContactRetracted: {
      evolve: (s, d, at) => {
        const c = s.contacts[d.contactId]
        if (c) c.retracted = { ...at, reason: d.reason }
      },
      tags: (d) => [contactTag(d.contactId)],
    },
    BreachAcknowledged: {
      evolve: (s, d, at) => {
        const c = s.contacts[d.contactId]
        if (!c) return
        if (c.breaches === undefined) c.breaches = []
        c.breaches.push({ ...at, reason: d.reason, decisionIds: [...d.decisionIds], adviceIds: [...d.adviceIds] })
      },
      tags: (d) => [contactTag(d.contactId), ...d.organisationIds.map(orgTag)],
      businessDate: (d) => d.occurredOn,
    },
    BreachReviewed: {
      evolve: (s, d, at) => {
        const c = s.contacts[d.contactId]
        if (!c) return
        if (c.breachReviews === undefined) c.breachReviews = []
        c.breachReviews.push({ ...at, reviewedOn: d.reviewedOn, note: d.note })
      },
      tags: (d) => [contactTag(d.contactId)],
      businessDate: (d) => d.reviewedOn,
    },
  },
})
