/**
 * The ledger service: decode → read what the decision needs → decide → seal personal data →
 * conditional append (retrying on conflict) → the appended events with their positions.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Command } from '../domain/commands/index.js'
import { decide, type RenderedSnapshot } from '../domain/commands/index.js'
import { decodeCommand } from '../domain/commands/index.js'
import { reject, storeError, type Rejection, type StoreError } from '../domain/errors.js'
import type { Sealed, StoredEvent } from '../domain/events.js'
import { applyToDraft, foldScratch } from '../domain/evolve.js'
import { fillIds, queryFor } from '../domain/commands/index.js'
import type { RegisterState } from '../domain/state.js'
import { businessDateOf, systemClock, type Clock } from '../ports/clock.js'
import type { EventStore } from '../ports/event-store.js'
import { uuidV7, type Ids } from '../ports/ids.js'
import type { KeyStore } from '../ports/key-store.js'
import type { Query } from '../ports/query.js'
import { newPersonKey, open, seal } from '../privacy/seal.js'
import { processingRecord, pseudonymSecret } from '../privacy/persons.js'
import { PROCESSING_ACTIVITIES, type ProcessingLog } from '../ports/processing-log.js'
import { commandHash, stamp } from './meta.js'
import { stateAt } from './read.js'

// ---------------------------------------------------------------------------------------------
// model

/** Renders the report a `takeReportSnapshot` asks for, from the log's first `logSize` entries. */
export type SnapshotRenderer = (request: {
  readonly store: EventStore
  readonly command: Extract<Command, { command: 'takeReportSnapshot' }>
  readonly logSize: number
}) => Promise<E.Either<Rejection, RenderedSnapshot>>

export interface LedgerOptions {
  readonly store: EventStore
  /** Where key figures' keys live; without one, `registerKeyFigure` is refused. */
  readonly keys?: KeyStore
  readonly clock?: Clock
  readonly ids?: Ids
  /** How often a decision is retried after a concurrent append won (default 10). */
  readonly maxRetries?: number
  /** Where erasures are logged (Logboek Dataverwerkingen); without one they are not logged. */
  readonly processingLog?: ProcessingLog
  /** Renders reports for snapshots; without one, `takeReportSnapshot` is refused. */
  readonly renderSnapshot?: SnapshotRenderer
}

/** What an accepted command returns: its events at their positions. */
export interface Receipt {
  readonly events: ReadonlyArray<StoredEvent>
  /** True when the idempotency key was seen before and nothing was appended now. */
  readonly replayed: boolean
}

/** Why a batch appended nothing: the first command that failed, by its index in the batch. */
export interface BatchRejection {
  readonly index: number
  readonly rejection: Rejection
}

export interface Ledger {
  /** Executes one command given as untrusted JSON. Never throws. */
  readonly execute: (command: unknown) => Promise<E.Either<Rejection, Receipt>>
  /**
   * Executes commands as one atomic append: each is decided against the state the earlier ones
   * leave; if any is rejected, nothing is appended. Commands whose idempotency key was seen
   * before are answered with their first result and append nothing. Never throws.
   */
  readonly executeBatch: (commands: ReadonlyArray<unknown>) => Promise<E.Either<BatchRejection, ReadonlyArray<Receipt>>>
  /** The register's state as of its first `at` entries (default: all). */
  readonly state: (at?: number) => Promise<E.Either<StoreError, RegisterState>>
  readonly store: EventStore
  readonly clock: Clock
  readonly ids: Ids
  readonly keys: KeyStore | undefined
}

// ---------------------------------------------------------------------------------------------
// utils

const MAX_QUERY_GROWTH = 3

/** Reads the events a command depends on, growing the query until the state asks for no more. */
export const readFor = async (
  store: EventStore,
  command: Command,
): Promise<E.Either<StoreError, { readonly state: RegisterState; readonly query: Query; readonly after: number }>> => {
  let query = queryFor(command)
  for (let round = 0; ; round++) {
    const read = await store.read({ query })()
    if (E.isLeft(read)) return read
    const state = foldScratch(read.right)
    const grown = queryFor(command, state)
    const after = read.right.length === 0 ? -1 : read.right[read.right.length - 1]!.position
    if (grown.length === query.length || round >= MAX_QUERY_GROWTH) return E.right({ state, query, after })
    query = grown
  }
}

/** A store busy with another writer's transaction (its own wait already ran out) is tried again, twice. */
const MAX_BUSY_RETRIES = 2
const isBusy = (e: Rejection): boolean => e._tag === 'StoreError' && e.reason === 'locked'

const pause = (attempt: number) => new Promise((r) => setTimeout(r, Math.min(50, 2 ** attempt) * Math.random()))

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * Creates the ledger service over a store.
 *
 * @example
 * const ledger = createLedger({ store: memoryEventStore(), keys: memoryKeyStore() })
 * const r = await ledger.execute({ command: 'registerOrganisation', actor: { id: 'c.smit', role: 'coordinator' },
 *   payload: { name: 'Stichting Samen', kind: 'self-organisation' } })
 * if (E.isRight(r)) console.log(r.right.events[0]?.position) // 0
 */
export const createLedger = (options: LedgerOptions): Ledger => {
  const { store, keys } = options
  const clock = options.clock ?? systemClock
  const ids = options.ids ?? uuidV7
  const maxRetries = options.maxRetries ?? 10

  /** The first result of a command whose idempotency key was seen before; `command` as received. */
  const replayed = async (command: Command): Promise<E.Either<Rejection, Receipt> | undefined> => {
    const key = command.idempotencyKey
    if (key === undefined) return undefined
    const seen = await store.readByIdempotencyKey(key)()
    if (E.isLeft(seen)) return seen
    if (seen.right.length === 0) return undefined
    if (seen.right[0]!.meta.commandHash !== commandHash(command) || !(await samePersonalData(command, seen.right[0]!)))
      return E.left(
        reject('IdempotencyKeyReused', `idempotency key ${key} was used before for a different command (at position ${seen.right[0]!.position})`, {
          idempotencyKey: key,
        }),
      )
    return E.right({ events: seen.right, replayed: true })
  }

  /** The hash leaves personal fields out; for a key figure, compare them under the person's key. */
  const samePersonalData = async (command: Command, first: StoredEvent): Promise<boolean> => {
    if (command.command !== 'registerKeyFigure' || first.type !== 'KeyFigureRegistered' || keys === undefined) return true
    const key = await keys.get(first.data.personId)()
    if (E.isLeft(key) || key.right === null) return true // erased: nothing left to compare, nothing to re-register
    const data = open(key.right, first.data.personId, first.data.personal)
    const { name, role, email, phone } = command.payload
    return data !== null && data.name === name && data.role === role && data.email === email && data.phone === phone
  }

  /** For registerKeyFigure: a new key in the key store and the sealed personal fields. */
  const sealFor = async (command: Command): Promise<E.Either<Rejection, { sealed?: Sealed; madeKey?: string }>> => {
    if (command.command !== 'registerKeyFigure') return E.right({})
    if (keys === undefined) return E.left(reject('InvalidCommand', 'this register has no key store, so it cannot hold personal data'))
    const { personId, name, role, email, phone } = command.payload
    const id = personId!
    const existing = await keys.get(id)()
    if (E.isLeft(existing)) return existing
    const key = existing.right ?? newPersonKey()
    if (existing.right === null) {
      const put = await keys.put(id, key)()
      if (E.isLeft(put)) return put
    }
    const personal = { name, ...(role ? { role } : {}), ...(email ? { email } : {}), ...(phone ? { phone } : {}) }
    return E.right({ sealed: seal(key, id, personal), ...(existing.right === null ? { madeKey: id } : {}) })
  }

  const attempt = async (received: Command, command: Command, sealed: Sealed | undefined): Promise<E.Either<Rejection, Receipt>> => {
    // the fingerprint is stored only with an idempotency key; without one it is never read
    const hash = received.idempotencyKey === undefined ? '' : commandHash(received)
    const correlationId = command.correlationId ?? ids.next()
    const causationId = ids.next()
    let busy = 0
    for (let n = 0; ; n++) {
      const read = await readFor(store, command)
      if (E.isLeft(read)) return read
      const recordedAt = clock.now()
      const today = businessDateOf(recordedAt)
      let snapshot: RenderedSnapshot | undefined
      if (command.command === 'takeReportSnapshot' && options.renderSnapshot !== undefined) {
        const size = await store.size()()
        if (E.isLeft(size)) return size
        const rendered = await options.renderSnapshot({ store, command, logSize: size.right })
        if (E.isLeft(rendered)) return rendered
        snapshot = rendered.right
      }
      const decided = decide(command, read.right.state, {
        today,
        ...(sealed ? { sealed } : {}),
        ...(snapshot ? { snapshot } : {}),
      })
      if (E.isLeft(decided)) return decided
      const events = stamp(decided.right, { command, recordedAt, today, correlationId, causationId, commandHash: hash })
      const appended = await store.append(events, { condition: { query: read.right.query, after: read.right.after } })()
      if (E.isRight(appended)) return E.right({ events: appended.right, replayed: false })
      if (isBusy(appended.left) && busy++ < MAX_BUSY_RETRIES) continue
      if (appended.left._tag !== 'Conflict') return appended
      const again = await replayed(received)
      if (again !== undefined) return again
      if (n >= maxRetries) return appended
      await pause(n)
    }
  }

  const execute = async (input: unknown): Promise<E.Either<Rejection, Receipt>> => {
    const decoded = decodeCommand(input)
    if (E.isLeft(decoded)) return decoded
    const first = await replayed(decoded.right)
    if (first !== undefined) return first
    const command = fillIds(decoded.right, ids.next)
    const sealing = await sealFor(command)
    if (E.isLeft(sealing)) return sealing
    const result = await attempt(decoded.right, command, sealing.right.sealed)
    if (E.isLeft(result) && sealing.right.madeKey !== undefined && keys !== undefined) {
      // the person was not registered: the key made for them protects nothing
      await keys.destroy(sealing.right.madeKey)()
    }
    if (E.isRight(result) && !result.right.replayed && command.command === 'eraseKeyFigure' && keys !== undefined) {
      // rule 9: the erasure is recorded; now the key goes, and with it the data in every copy
      const start = clock.now()
      const destroyed = await keys.destroy(command.payload.personId)()
      if (E.isLeft(destroyed))
        return E.left(storeError(destroyed.left.reason, `the erasure is recorded, but the key could not be destroyed: ${destroyed.left.message}; run the erasure sweep again`))
      if (options.processingLog !== undefined) {
        const secret = await pseudonymSecret(keys)
        if (E.isLeft(secret)) return secret
        const record = processingRecord({ pseudonymKey: secret.right }, command.payload.personId, 'erase-key-figure', PROCESSING_ACTIVITIES.erase, start, clock.now())
        await options.processingLog.write([record])
      }
    }
    return result
  }

  const executeBatch = async (inputs: ReadonlyArray<unknown>): Promise<E.Either<BatchRejection, ReadonlyArray<Receipt>>> => {
    const at = (index: number) => (rejection: Rejection) => E.left({ index, rejection })
    const received: Command[] = []
    for (const [i, input] of inputs.entries()) {
      const d = decodeCommand(input)
      if (E.isLeft(d)) return at(i)(d.left)
      received.push(d.right)
    }
    const earlier: Array<Receipt | undefined> = []
    for (const [i, c] of received.entries()) {
      const r = await replayed(c)
      if (r !== undefined && E.isLeft(r)) return at(i)(r.left)
      earlier.push(r?.right)
    }
    const commands = received.map((c) => fillIds(c, ids.next))
    const todo = commands.flatMap((c, i) => (earlier[i] === undefined ? [i] : []))
    const made: string[] = []
    const sealedOf = new Map<number, Sealed>()
    const cleanup = async () => {
      if (keys !== undefined) for (const id of made) await keys.destroy(id)()
    }
    for (const i of todo) {
      const s = await sealFor(commands[i]!)
      if (E.isLeft(s)) return (await cleanup(), at(i)(s.left))
      if (s.right.sealed) sealedOf.set(i, s.right.sealed)
      if (s.right.madeKey) made.push(s.right.madeKey)
    }
    const correlationId = ids.next()
    let busy = 0
    for (let n = 0; ; n++) {
      // one read for the whole batch: the union of the commands' queries, or the whole log when large
      const union = todo.flatMap((i) => queryFor(commands[i]!))
      const whole = union.length > 500
      const read = await store.read(whole ? {} : { query: union })()
      if (E.isLeft(read)) return (await cleanup(), at(0)(read.left))
      // decide and fold into one private working state: later commands see the earlier ones' events
      const state = foldScratch(read.right)
      let next = whole ? state.size : Math.max(state.size, read.right.length === 0 ? 0 : read.right[read.right.length - 1]!.position + 1)
      const after = read.right.length === 0 ? -1 : read.right[read.right.length - 1]!.position
      const recordedAt = clock.now()
      const today = businessDateOf(recordedAt)
      const pending: Array<{ index: number; count: number }> = []
      const all: ReturnType<typeof stamp>[number][] = []
      for (const i of todo) {
        const c = commands[i]!
        const sealed = sealedOf.get(i)
        const decided = decide(c, state as RegisterState, { today, ...(sealed ? { sealed } : {}) })
        if (E.isLeft(decided)) return (await cleanup(), at(i)(decided.left))
        const stamped = stamp(decided.right, {
          command: c,
          recordedAt,
          today,
          correlationId: c.correlationId ?? correlationId,
          causationId: ids.next(),
          commandHash: received[i]!.idempotencyKey === undefined ? '' : commandHash(received[i]!),
        })
        // later commands in the batch see this one's events
        stamped.forEach((e, k) => applyToDraft(state, { ...e, position: next + k } as StoredEvent))
        next += stamped.length
        pending.push({ index: i, count: stamped.length })
        all.push(...stamped)
      }
      const condition = whole ? { query: [{}], after: read.right.length - 1 } : { query: union, after }
      const appended = all.length === 0 ? E.right([]) : await store.append(all, { condition })()
      if (E.isRight(appended)) {
        const receipts: Array<Receipt | undefined> = [...earlier]
        let offset = 0
        for (const p of pending) {
          receipts[p.index] = { events: appended.right.slice(offset, offset + p.count), replayed: false }
          offset += p.count
        }
        return E.right(receipts as Receipt[])
      }
      if (isBusy(appended.left) && busy++ < MAX_BUSY_RETRIES) continue
      if (appended.left._tag !== 'Conflict' || n >= maxRetries) return (await cleanup(), at(0)(appended.left))
      await pause(n)
    }
  }

  return {
    executeBatch: (inputs) =>
      executeBatch(inputs).catch((e: unknown) =>
        E.left({ index: 0, rejection: storeError('io', `unexpected failure while executing the batch: ${e instanceof Error ? e.message : String(e)}`) }),
      ),
    execute: (input) =>
      execute(input).catch((e: unknown) =>
        E.left(storeError('io', `unexpected failure while executing the command: ${e instanceof Error ? e.message : String(e)}`)),
      ),
    state: (at) => stateAt(store, at),
    store,
    clock,
    ids,
    keys,
  }
}
