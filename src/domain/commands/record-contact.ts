/**
 * recordContact (rules 2, 3, 8, 11): an official records a contact with organisations and key
 * figures, judged on its own date; a contact rule 2 refuses is recorded only as an acknowledged
 * breach (`breach: {reason}`), at once, with a BreachAcknowledged event a coordinator reviews.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { BreachInput, contactQuery, judgeContact, partnerPresent } from '../policies/contact-rules.js'
import { queryItem } from '../query.js'
import { contactTag } from '../tags.js'
import { ContactCategory, ContactForm, IsoDate, NonEmptyString, Theme, Uuid, knownUuid } from '../values.js'
import { IdList, ThemeList, TextList, IdInput, DateInput } from '../input.js'
import { checks, idOf, notInFuture } from '../checks.js'
import { defineCommand } from './define.js'

export const RecordContact = closed(
  'recordContact',
  {
    organisationIds: IdList,
    occurredOn: DateInput,
    form: ContactForm,
    category: ContactCategory,
    themes: ThemeList,
  },
  { contactId: IdInput, personIds: IdList, subject: NonEmptyString, officials: TextList, breach: BreachInput },
)

/** The `recordContact` command: issued by the official; emits ContactRecorded; its new id is `contactId`. */
export const recordContact = defineCommand({
  payload: RecordContact,
  role: 'official',
  idField: 'contactId',
  emits: ['ContactRecorded', 'BreachAcknowledged'],
  // a partnership contact is not a valid command without its subject
  refine: (p) => (p.category === 'partnership' && p.subject === undefined ? [{ path: 'subject', expected: 'a subject (required for category partnership)' }] : []),
  query: (p, state) => [queryItem(undefined, contactTag(p.contactId!)), ...contactQuery(p.organisationIds, p.personIds ?? [], state)],
  decide: (p, s, ctx) => {
    const personIds = p.personIds ?? []
    return pipe(
      E.Do,
      E.bind('contactId', () => idOf(p.contactId, 'contactId')),
      E.chainFirst(({ contactId }) =>
        checks(
          () =>
            p.organisationIds.length + personIds.length === 0
              ? E.left(reject('InvalidCommand', 'a contact needs at least one organisation or key figure'))
              : E.right(undefined),
          () => notInFuture('occurredOn', p.occurredOn, ctx.today),
          () =>
            s.contacts[contactId] !== undefined
              ? E.left(reject('AlreadyExists', `contact ${contactId} is already recorded`, { contactId }))
              : E.right(undefined),
        ),
      ),
      E.bind('breach', ({ contactId }) => judgeContact(s, contactId, { organisationIds: p.organisationIds, personIds, occurredOn: p.occurredOn }, p.breach)),
      E.chainFirst(() => (p.category === 'partnership' ? partnerPresent(s, p.organisationIds, p.occurredOn) : E.right(undefined))),
      E.map(({ contactId, breach }) => [
        event('ContactRecorded', {
          contactId: knownUuid(contactId),
          organisationIds: p.organisationIds,
          personIds,
          occurredOn: p.occurredOn,
          form: p.form,
          category: p.category,
          themes: p.themes,
          officials: p.officials ?? [],
          ...(p.subject !== undefined ? { subject: p.subject } : {}),
        }),
        ...breach,
      ]),
    )
  },
})
