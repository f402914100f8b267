/**
 * The privacy hooks the ledger runs around key-figure commands: personal fields are sealed under
 * the person's own key before the decision (a key made for a person who is then not registered is
 * destroyed again); an appended erasure destroys the key and writes a processing record (rule 9);
 * a replayed registration is compared with the first one on its personal fields, under the key.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as T from 'fp-ts/lib/Task.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import type { CommandOf } from '../domain/commands/index.js'
import { reject, storeError, type Rejection } from '../domain/errors.js'
import type { StoredEvent } from '../domain/events.js'
import type { Clock } from '../ports/clock.js'
import type { CommandHooks, Prepared } from '../ports/command-hooks.js'
import type { KeyStore } from '../ports/key-store.js'
import { PROCESSING_ACTIVITIES, type ProcessingLog } from '../ports/processing-log.js'
import { processingRecord, pseudonymSecret } from './persons.js'
import { recordKeyId } from './free-text.js'
import { newPersonKey, open, seal } from './seal.js'

/** What the privacy hooks work with. */
export interface PrivacyHooksOptions {
  /** Where key figures' keys live; without one, `registerKeyFigure` is refused. */
  readonly keys: KeyStore | undefined
  readonly clock: Clock
  /** Where erasures are logged (Logboek Dataverwerkingen); without one they are not logged. */
  readonly processingLog?: ProcessingLog | undefined
}

type Register = CommandOf<'registerKeyFigure'>
type Erase = CommandOf<'eraseKeyFigure'>
type Redact = CommandOf<'redactRecord'>

/** The answer to a command with personal data (a key figure, a free text) on a register without a key store. */
export const NO_KEY_STORE = reject('InvalidCommand', 'this register has no key store, so it cannot hold personal data')
/** The answer to a command with free text (rule 21) on a register without a key store. */
export const NO_KEY_STORE_FOR_TEXT = reject('InvalidCommand', 'this register has no key store, so it cannot hold free texts that may name people (rule 21)')

/** A new key in the key store (or the person's existing one) and the personal fields sealed under it. */
const sealPersonal =
  (keys: KeyStore) =>
  (command: Register): TE.TaskEither<Rejection, Prepared> => {
    const { personId, name, role, email, phone } = command.payload
    const id = personId!
    // put-if-absent: when another writer stored the person's key between our read and our put,
    // its key is the one (the key is created once), so it is read again and used
    const putNew = (key: Uint8Array): TE.TaskEither<Rejection, { key: Uint8Array; made: boolean }> =>
      pipe(
        keys.put(id, key),
        TE.map(() => ({ key, made: true })),
        TE.orElse((e) =>
          pipe(
            keys.get(id),
            TE.mapLeft(() => e),
            TE.chain((theirs) => (theirs === null ? TE.left(e) : TE.right({ key: theirs, made: false }))),
          ),
        ),
      )
    return pipe(
      keys.get(id),
      TE.chain((existing) => (existing !== null ? TE.right({ key: existing, made: false }) : putNew(newPersonKey()))),
      TE.map(({ key, made }) => {
        const personal = { name, ...(role ? { role } : {}), ...(email ? { email } : {}), ...(phone ? { phone } : {}) }
        return { context: { sealed: seal(key, id, personal) }, ...(made ? { made: id } : {}) }
      }),
    )
  }

/** The hash leaves personal fields out: compare them under the person's key (erased: nothing to compare). */
const samePersonal =
  (keys: KeyStore) =>
  (command: Register, first: StoredEvent): T.Task<boolean> => {
    if (first.type !== 'KeyFigureRegistered') return T.of(true)
    return pipe(
      keys.get(first.data.personId),
      T.map((key) => {
        if (E.isLeft(key) || key.right === null) return true
        const data = open(key.right, first.data.personId, first.data.personal)
        const { name, role, email, phone } = command.payload
        return data !== null && data.name === name && data.role === role && data.email === email && data.phone === phone
      }),
    )
  }

type Recorded = Parameters<typeof processingRecord>

/**
 * Destroys one key after its erasure or redaction was recorded, then writes the processing record
 * (when there is a processing log). A key that cannot be destroyed is a store error saying what to
 * run again; the recorded event stands.
 */
const destroyThenLog = (
  keys: KeyStore,
  clock: Clock,
  log: ProcessingLog | undefined,
  step: { readonly keyId: string; readonly subject: string; readonly kind: Recorded[2]; readonly activity: Recorded[3]; readonly what: string; readonly retry: string },
): TE.TaskEither<Rejection, void> => {
  const start = clock.now()
  return pipe(
    keys.destroy(step.keyId),
    TE.mapLeft((e) => storeError(e.reason, `the ${step.what} is recorded, but the key could not be destroyed: ${e.message}; ${step.retry}`)),
    TE.chainW(() =>
      log === undefined
        ? TE.right(undefined)
        : pipe(
            () => pseudonymSecret(keys),
            TE.chain((secret) =>
              TE.fromTask(() => log.write([processingRecord({ pseudonymKey: secret }, step.subject, step.kind, step.activity, start, clock.now())])),
            ),
          ),
    ),
  )
}

/** Rule 9: the erasure is recorded; now the key goes, and with it the data in every copy; then the processing record. */
const destroyAndLog =
  (keys: KeyStore, clock: Clock, log: ProcessingLog | undefined) =>
  (command: Erase): TE.TaskEither<Rejection, void> => {
    const personId = command.payload.personId
    return destroyThenLog(keys, clock, log, {
      keyId: personId,
      subject: personId,
      kind: 'erase-key-figure',
      activity: PROCESSING_ACTIVITIES.erase,
      what: 'erasure',
      retry: 'run the erasure sweep again',
    })
  }

/** Rule 21: the redaction is recorded; now the record's key goes, and with it its texts in every copy; then the processing record. */
const destroyRecordKey =
  (keys: KeyStore, clock: Clock, log: ProcessingLog | undefined) =>
  (command: Redact): TE.TaskEither<Rejection, void> => {
    const record = command.payload.recordId.toLowerCase()
    return destroyThenLog(keys, clock, log, {
      keyId: recordKeyId(record),
      subject: record,
      kind: 'redact-record',
      activity: PROCESSING_ACTIVITIES.redact,
      what: 'redaction',
      retry: 'run the redaction again with retention --apply',
    })
  }

/**
 * The hooks for `registerKeyFigure` and `eraseKeyFigure`, for `createLedger` to run.
 *
 * @example
 * const hooks = privacyHooks({ keys: memoryKeyStore(), clock: systemClock, processingLog: log })
 * // hooks.registerKeyFigure.prepare(command) seals the personal fields under the person's key
 */
export const privacyHooks = ({ keys, clock, processingLog }: PrivacyHooksOptions): CommandHooks => {
  if (keys === undefined) return { registerKeyFigure: { prepare: () => TE.left(NO_KEY_STORE) } }
  return {
    registerKeyFigure: {
      prepare: sealPersonal(keys),
      // a key made for a registration that was then not appended is kept: another writer may have
      // read it meanwhile and sealed its own (winning) registration of the person under it, and
      // only the process that appends an erasure destroys a key. An orphan key decrypts nothing
      // in the log, and a later registration of the person uses it.
      onRejected: () => T.of(undefined),
      sameAsFirst: samePersonal(keys),
    },
    eraseKeyFigure: { afterAppend: destroyAndLog(keys, clock, processingLog) },
    redactRecord: { afterAppend: destroyRecordKey(keys, clock, processingLog) },
  }
}
