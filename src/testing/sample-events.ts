/**
 * Valid events ready for a store (tags and metadata filled in), for adapter tests: the
 * conformance suite, crash and concurrency tests of a new adapter.
 */
import { event, SCHEMA_VERSION, schemaVersionOf, tagsOf, type EventMeta, type NewEvent } from '../domain/events.js'
import { knownDate, knownText, knownUuid } from '../domain/values.js'
import { testId } from './history.js'

/** Options every sample event takes: an idempotency key, a correlation id (e.g. a batch id). */
export interface SampleOptions {
  readonly idempotencyKey?: string
  readonly correlationId?: string
}

const metaOf = (command: string, o: SampleOptions): EventMeta =>
  ({
    actor: { id: 'conformance', role: 'coordinator' },
    recordedAt: '2025-06-01T10:00:00.000Z',
    businessDate: '2025-06-01',
    correlationId: o.correlationId ?? '00000000-0000-7000-8000-00000000c0de',
    causationId: '00000000-0000-7000-8000-00000000cafe',
    command,
    schemaVersion: SCHEMA_VERSION, // the event's own, set below in this key position
    ...(o.idempotencyKey !== undefined ? { idempotencyKey: o.idempotencyKey, commandHash: 'ab'.repeat(32) } : {}),
  }) as EventMeta

const stored = (e: Parameters<typeof tagsOf>[0], command: string, o: SampleOptions): NewEvent =>
  ({ ...e, tags: tagsOf(e), meta: { ...metaOf(command, o), schemaVersion: schemaVersionOf(e.type) } }) as NewEvent

/**
 * An `OrganisationRegistered` event for organisation `n` (`testId('a', n)`).
 *
 * @example
 * await store.append([sampleOrganisation(1, 'Stichting Één')])()
 */
export const sampleOrganisation = (n: number, name = `Stichting ${n}`, o: SampleOptions = {}): NewEvent =>
  stored(event('OrganisationRegistered', { organisationId: knownUuid(testId('a', n)), name: knownText(name), kind: 'self-organisation' }), 'registerOrganisation', o)

/**
 * A `ContactRecorded` event `n` (`testId('c', n)`) with the organisations numbered `orgs`.
 *
 * @example
 * sampleContact(7, [1, 2], { subject: 'overleg', officials: ['a.jansen'] })
 */
export const sampleContact = (
  n: number,
  orgs: ReadonlyArray<number>,
  fields: { readonly subject?: string; readonly officials?: ReadonlyArray<string> } = {},
  o: SampleOptions = {},
): NewEvent =>
  stored(
    event('ContactRecorded', {
      contactId: knownUuid(testId('c', n)),
      organisationIds: orgs.map((k) => knownUuid(testId('a', k))),
      personIds: [],
      occurredOn: knownDate('2025-05-30'),
      form: 'meeting',
      category: 'incidental',
      themes: ['language'],
      officials: (fields.officials ?? ['a.jansen']).map(knownText),
      ...(fields.subject !== undefined ? { subject: knownText(fields.subject) } : {}),
    }),
    'recordContact',
    o,
  )

/**
 * A `ValuesEndorsed` event for organisation `n`.
 *
 * @example
 * sampleEndorsement(3)
 */
export const sampleEndorsement = (n: number, o: SampleOptions = {}): NewEvent =>
  stored(
    event('ValuesEndorsed', { organisationId: knownUuid(testId('a', n)), endorsedOn: knownDate('2025-01-02'), documentRef: knownText(`DOC-${n}`) }),
    'endorseValues',
    o,
  )

/** The tag of sample organisation `n`. @example orgTagOf(1) === `organisation:${testId('a', 1)}` */
export const orgTagOf = (n: number): string => `organisation:${testId('a', n)}`
