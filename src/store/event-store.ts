/**
 * The append protocol, once: an `EventStore` over any `StorageDialect`. Inside the dialect's
 * serialised write transaction it checks the batch's idempotency keys and the DCB condition,
 * takes the Merkle frontier, places the batch (canonical entries, leaves, the nodes they
 * complete) and hands the rows to the dialect to write and commit.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { prepareBatch, type PreparedBatch } from '../audit/entries.js'
import { frontierAfter, frontierIds } from '../audit/tree.js'
import { conflict, storeError, type Conflict, type StoreError } from '../domain/errors.js'
import type { NewEvent, StoredEvent } from '../domain/events.js'
import type { AppendOptions, EventStore } from '../ports/event-store.js'
import type { Inspection, StorageDialect, WriteSet, WriteTransaction } from '../ports/storage-dialect.js'
import { selectionOf, selectsNothing } from './selection.js'
import { serialiser } from './serial.js'

// ---------------------------------------------------------------------------------------------
// utils

/** The frontier at a size, as this store's own last append left it. */
interface Known {
  readonly size: number
  readonly frontier: ReadonlyArray<Uint8Array>
}

const keysOf = (batch: ReadonlyArray<NewEvent>): string[] => [
  ...new Set(batch.flatMap((e) => (e.meta.idempotencyKey !== undefined ? [e.meta.idempotencyKey] : []))),
]

const inspectionOf = (batch: ReadonlyArray<NewEvent>, options: AppendOptions): Inspection => {
  const condition = options.condition
  const selection = condition === undefined ? undefined : selectionOf(condition.query)
  return selection === undefined || selectsNothing(selection)
    ? { keys: keysOf(batch) }
    : { keys: keysOf(batch), condition: { selection, after: condition!.after } }
}

const missingNodes = (size: number): StoreError =>
  storeError('corrupt', `the register lacks tree nodes of a tree of size ${size}; run verify and restore the register from a copy`)

const place = (size: number, frontier: ReadonlyArray<Uint8Array>, batch: ReadonlyArray<NewEvent>): E.Either<StoreError, PreparedBatch> =>
  E.tryCatch(
    () => prepareBatch(size, frontier, batch),
    (e) => storeError('corrupt', `cannot extend the tree of size ${size}: ${e instanceof Error ? e.message : String(e)}; run verify`),
  )

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * An EventStore over a dialect: the one implementation of the append protocol. Adapters build
 * their stores with it; a new adapter needs only a dialect.
 *
 * @example
 * const store = eventStoreOver(sqliteDialect(db, path)) // store.append(events, { condition })
 */
export const eventStoreOver = (dialect: StorageDialect): EventStore => {
  let known: Known | undefined
  const oneAtATime = dialect.parallelTransactions === true ? <E, A>(t: TE.TaskEither<E, A>) => t : serialiser()

  /** The frontier at `size`: kept from our own last append when nothing came since, else read. */
  const frontierAt = (tx: WriteTransaction, size: number): TE.TaskEither<StoreError, ReadonlyArray<Uint8Array>> => {
    const kept = known
    if (kept !== undefined && kept.size === size) return TE.right(kept.frontier)
    return pipe(
      tx.nodes(frontierIds(size)),
      TE.chain((hs) => (hs.every((h) => h !== undefined) ? TE.right(hs as ReadonlyArray<Uint8Array>) : TE.left(missingNodes(size)))),
    )
  }

  /** One run of an append (its own `placed`, so a task run twice runs the protocol twice). */
  const appendOnce = (batch: ReadonlyArray<NewEvent>, question: Inspection): TE.TaskEither<StoreError | Conflict, ReadonlyArray<StoredEvent>> => {
    let placed: { size: number; frontier: ReadonlyArray<Uint8Array>; ready: PreparedBatch } | undefined
    const plan = (tx: WriteTransaction): TE.TaskEither<StoreError | Conflict, WriteSet> =>
      pipe(
        tx.inspect(question),
        TE.chainW((seen) =>
          seen.keySeen
            ? TE.left<StoreError | Conflict, number>(conflict(seen.size - 1))
            : seen.matched
              ? TE.left(conflict(question.condition!.after))
              : TE.right(seen.size),
        ),
        TE.chainW((size) =>
          pipe(
            frontierAt(tx, size),
            TE.chainEitherK((frontier) => pipe(place(size, frontier, batch), E.map((ready) => ((placed = { size, frontier, ready }), ready)))),
          ),
        ),
        TE.map((ready) => {
          known = undefined // until the commit is known to have happened
          return { rows: ready.events.map((event, i) => ({ event, entry: ready.bytes[i]!.toString('utf8') })), nodes: ready.nodes }
        }),
      )
    return pipe(
      dialect.transact<Conflict>(plan),
      TE.map(() => {
        const { size, frontier, ready } = placed!
        known = { size: size + ready.events.length, frontier: frontierAfter(size, frontier, ready.nodes, ready.events.length) }
        return ready.events
      }),
    )
  }

  const append: EventStore['append'] = (batch, options = {}) => {
    const question = inspectionOf(batch, options)
    return oneAtATime(() => appendOnce(batch, question)())
  }

  return {
    append,
    read: (options = {}) => {
      const selection = options.query === undefined ? 'all' : selectionOf(options.query)
      if (selectsNothing(selection)) return TE.right([])
      const { to, limit } = options
      return dialect.read({ selection, from: Math.max(0, options.from ?? 0), ...(to !== undefined ? { to } : {}), ...(limit !== undefined ? { limit } : {}) })
    },
    size: dialect.size,
    readByIdempotencyKey: dialect.readByIdempotencyKey,
    nodes: (ids) => (ids.length === 0 ? TE.right([]) : dialect.nodes(ids)),
    entries: (range) => dialect.entries({ from: Math.max(0, range.from), limit: range.limit }),
    // a write too: on one connection it must not land inside an append's open transaction
    putCheckpoint: (checkpoint) => oneAtATime(dialect.putCheckpoint(checkpoint)),
    checkpoints: dialect.checkpoints,
    ...(dialect.indexes === undefined ? {} : { indexes: { ...dialect.indexes, rebuild: () => oneAtATime(dialect.indexes!.rebuild()) } }),
    close: dialect.close,
  }
}
