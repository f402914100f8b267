/**
 * Reading a key figure: unseals the personal fields with the person's key and writes one
 * processing record per person read (Logboek Dataverwerkingen). An erased person reads as erased
 * everywhere, whatever copy of the log is read, because the key is gone.
 */
import { createHmac, randomBytes } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import type { StoreError } from '../domain/errors.js'
import type { RegisterState } from '../domain/state.js'
import type { Clock } from '../ports/clock.js'
import type { KeyStore } from '../ports/key-store.js'
import { PROCESSING_ACTIVITIES, type ProcessingLog, type ProcessingRecord } from '../ports/processing-log.js'
import { open, type PersonalData } from './seal.js'

/** What reading a person gives. */
export type PersonView =
  | { readonly status: 'unknown'; readonly personId: string }
  | { readonly status: 'erased'; readonly personId: string; readonly organisationId?: string }
  | { readonly status: 'available'; readonly personId: string; readonly organisationId?: string; readonly data: PersonalData }

export interface PersonReader {
  readonly keys: KeyStore
  readonly log: ProcessingLog
  readonly clock: Clock
  /** The secret that pseudonymises data subject ids in the processing log (keep it with the keys). */
  readonly pseudonymKey: Uint8Array
}

/**
 * The pseudonym of a person in processing records: HMAC-SHA-256 under a secret, so a log reader
 * cannot link a record to a person id without the secret.
 *
 * @example
 * pseudonym(secret, personId) // 'a3f1…' (64 hex)
 */
export const pseudonym = (secret: Uint8Array, personId: string): string =>
  createHmac('sha256', secret).update(personId, 'utf8').digest('hex')

const hex = (bytes: number) => randomBytes(bytes).toString('hex')

/** A processing record for one person. */
export const processingRecord = (
  r: Pick<PersonReader, 'pseudonymKey'>,
  personId: string,
  name: string,
  activity: string,
  start: Date,
  end: Date,
  status: 'OK' | 'ERROR' = 'OK',
  traceId: string = hex(16),
): ProcessingRecord => ({
  trace_id: traceId,
  span_id: hex(8),
  name,
  status,
  start_time: start.toISOString(),
  end_time: end.toISOString(),
  'dpl.core.processing_activity_id': activity,
  'dpl.core.data_subject_id': pseudonym(r.pseudonymKey, personId),
})

/**
 * Reads key figures from a state, unsealing their data; writes one processing record per person
 * whose data was unsealed (none for unknown or erased persons: nothing personal was processed).
 *
 * @example
 * const [view] = await readPersons(reader, state, [personId])
 * if (view?.status === 'available') show(view.data.name)
 */
export const readPersons = async (
  r: PersonReader,
  state: RegisterState,
  personIds: ReadonlyArray<string>,
): Promise<E.Either<StoreError, ReadonlyArray<PersonView>>> => {
  const traceId = hex(16)
  const views: PersonView[] = []
  const records: ProcessingRecord[] = []
  for (const personId of personIds) {
    const p = state.persons[personId]
    if (p === undefined) {
      views.push({ status: 'unknown', personId })
      continue
    }
    const org = p.organisationId !== undefined ? { organisationId: p.organisationId } : {}
    if (p.erased !== undefined || p.personal === null) {
      views.push({ status: 'erased', personId, ...org })
      continue
    }
    const start = r.clock.now()
    const key = await r.keys.get(personId)()
    if (E.isLeft(key)) return key
    const data = open(key.right, personId, p.personal)
    if (data === null) {
      views.push({ status: 'erased', personId, ...org })
      continue
    }
    records.push(processingRecord(r, personId, 'unseal-key-figure', PROCESSING_ACTIVITIES.read, start, r.clock.now(), 'OK', traceId))
    views.push({ status: 'available', personId, ...org, data })
  }
  if (records.length > 0) await r.log.write(records)
  return E.right(views)
}

/** The key-store entry that holds the pseudonymisation secret (the nil UUID: never a person). */
export const PSEUDONYM_SECRET_ID = '00000000-0000-0000-0000-000000000000'

/**
 * The register's pseudonymisation secret, made on first use and kept in the key store (so it
 * stays apart from the log, like the persons' keys).
 *
 * @example
 * const secret = await pseudonymSecret(keys)
 */
export const pseudonymSecret = async (keys: KeyStore): Promise<E.Either<StoreError, Uint8Array>> => {
  const got = await keys.get(PSEUDONYM_SECRET_ID)()
  if (E.isLeft(got) || got.right !== null) return got as E.Either<StoreError, Uint8Array>
  const secret = randomBytes(32)
  const put = await keys.put(PSEUDONYM_SECRET_ID, secret)()
  if (E.isLeft(put)) {
    // another process made it first: use theirs
    const again = await keys.get(PSEUDONYM_SECRET_ID)()
    if (E.isRight(again) && again.right !== null) return E.right(again.right)
    return put
  }
  return E.right(secret)
}
