/** Events of contacts: recording, correction and retraction (rules 1, 2, 8). */
import * as t from 'io-ts'
import type { Draft } from 'immer'
import { closed } from '../codec.js'
import type { RegisterState } from '../state.js'
import { contactTag, orgTag, personTag } from '../tags.js'
import { ContactCategory, ContactForm, IsoDate, NonEmptyString, Theme, Uuid } from '../values.js'
import { eventHistory } from '../versions.js'
import { defineFamily } from './family.js'
import { FreeText, FreeTexts } from './parts.js'
import { extend } from '../extend.js'

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

const recordedFields = {
  contactId: Uuid,
  organisationIds: t.readonlyArray(Uuid),
  personIds: t.readonlyArray(Uuid),
  occurredOn: IsoDate,
  form: ContactForm,
  category: ContactCategory,
  themes: t.readonlyArray(Theme),
}
/** Version 1 of ContactRecorded (registers written before sealed free text): subject and officials in plaintext. */
export const ContactRecordedV1 = closed('ContactRecorded', { ...recordedFields, officials: t.readonlyArray(NonEmptyString) }, { subject: NonEmptyString })
/** Version 2: subject and officials sealed under the contact's key (rule 21); plaintext only as upcast history. */
export const ContactRecorded = closed('ContactRecorded', { ...recordedFields, officials: FreeTexts }, { subject: FreeText })
/** Version 1 of ContactCorrected: reason and subject in plaintext. */
export const ContactCorrectedV1 = closed('ContactCorrected', { contactId: Uuid, reason: NonEmptyString }, contactChanges)
/** Version 2: reason and subject sealed under the contact's key. */
export const ContactCorrected = closed('ContactCorrected', { contactId: Uuid, reason: FreeText }, { ...contactChanges, subject: FreeText })
/** Version 1 of ContactRetracted: the reason in plaintext. */
export const ContactRetractedV1 = closed('ContactRetracted', { contactId: Uuid, reason: NonEmptyString })
/** Version 2: the reason sealed under the contact's key. */
export const ContactRetracted = closed('ContactRetracted', { contactId: Uuid, reason: FreeText })
const breachFields = {
  contactId: Uuid,
  organisationIds: t.readonlyArray(Uuid),
  occurredOn: IsoDate,
  decisionIds: t.readonlyArray(Uuid),
  adviceIds: t.readonlyArray(Uuid),
}
/** Version 1 of BreachAcknowledged: the reason in plaintext. */
export const BreachAcknowledgedV1 = closed('BreachAcknowledged', { ...breachFields, reason: NonEmptyString })
/**
 * A contact that rule 2 refuses, entered as an acknowledged breach (rule 3): appended with the
 * contact's recording or correction, naming the organisations, decisions and advice it breaches.
 * Version 2: the reason sealed under the contact's key.
 */
export const BreachAcknowledged = closed('BreachAcknowledged', { ...breachFields, reason: FreeText })
/** Version 1 of BreachReviewed: the note in plaintext. */
export const BreachReviewedV1 = closed('BreachReviewed', { contactId: Uuid, reviewedOn: IsoDate, note: NonEmptyString })
/** A coordinator's review of a contact's acknowledged breach (rule 3); version 2: the note sealed under the contact's key. */
export const BreachReviewed = closed('BreachReviewed', { contactId: Uuid, reviewedOn: IsoDate, note: FreeText })

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
  // version 2 seals the free texts; older plaintext is read as it is (it stays as history, rule 22)
  versions: {
    ContactRecorded: eventHistory(ContactRecordedV1).then(ContactRecorded, (v1) => v1),
    ContactCorrected: eventHistory(ContactCorrectedV1).then(ContactCorrected, (v1) => v1),
    ContactRetracted: eventHistory(ContactRetractedV1).then(ContactRetracted, (v1) => v1),
    BreachAcknowledged: eventHistory(BreachAcknowledgedV1).then(BreachAcknowledged, (v1) => v1),
    BreachReviewed: eventHistory(BreachReviewedV1).then(BreachReviewed, (v1) => v1),
  },
  behaviour: {
    ContactRecorded: {
      evolve: (s, d, at) => {
        s.contacts[d.contactId] = extend(at, d, {
          organisationIds: [...d.organisationIds],
          personIds: [...d.personIds],
          themes: [...d.themes],
          officials: (Array.isArray(d.officials) ? [...(d.officials as ReadonlyArray<string>)] : d.officials) as S['contacts'][string]['officials'],
          corrections: [],
        })
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
