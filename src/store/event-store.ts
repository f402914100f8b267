/**
 * The append protocol, once: an `EventStore` over any `StorageDialect`. Inside the dialect's
 * serialised write transaction it checks the batch's idempotency keys and the DCB condition,
 * takes the Merkle frontier, places the batch (canonical entries, leaves, the nodes they
 * complete) and hands the rows to the dialect to write and commit. A dialect that can do all of
 * that in one step (`appendPlaced`: one round trip on a server) is handed the batch placed against
 * the frontier the store's own last append left, and checks that nothing came since.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { prepareBatch, type PreparedBatch } from '../audit/entries.js'
import { isSignatureLine } from '../audit/note.js'
import { frontierAfter, frontierIds } from '../audit/tree.js'
import { conflict, storeError, type Conflict, type StoreError } from '../domain/errors.js'
import type { NewEvent, StoredEvent } from '../domain/events.js'
import type { AppendOptions, EventStore } from '../ports/event-store.js'
import type { Query } from '../ports/query.js'
import type { Inspected, Inspection, PlacedOutcome, Selection, StorageDialect, SyncWriteTransaction, WriteSet, WriteTransaction } from '../ports/storage-dialect.js'
import type { TreeNode } from '../ports/tree-node.js'
import { selectionOf, selectsNothing } from './selection.js'
import { serialiser, type Serialiser } from './serial.js'

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

const inspectionOf = (batch: ReadonlyArray<NewEvent>, options: AppendOptions, selectionOf: (q: Query) => Selection): Inspection => {
  const condition = options.condition
  const selection = condition === undefined ? undefined : selectionOf(condition.query)
  return selection === undefined || selectsNothing(selection)
    ? { keys: keysOf(batch) }
    : { keys: keysOf(batch), condition: { selection, after: condition!.after } }
}

const missingNodes = (size: number): StoreError =>
  storeError('corrupt', `the register lacks tree nodes of a tree of size ${size}; run verify and restore the register from a copy`)

/** The inspection's verdict: the position the batch starts at, or the conflict (a key seen, a condition failed). */
const startOf = (seen: Inspected, question: Inspection): E.Either<Conflict, number> =>
  seen.keySeen ? E.left(conflict(seen.size - 1)) : seen.matched ? E.left(conflict(question.condition!.after)) : E.right(seen.size)

/** The frontier nodes as read, or corruption when one is missing. */
const wholeFrontier = (size: number, hs: ReadonlyArray<Uint8Array | undefined>): E.Either<StoreError, ReadonlyArray<Uint8Array>> =>
  hs.every((h) => h !== undefined) ? E.right(hs as ReadonlyArray<Uint8Array>) : E.left(missingNodes(size))

/** The frontier at `size` out of the nodes a dialect read for it, or corruption when one is missing. */
const frontierOf = (size: number, nodes: ReadonlyArray<TreeNode>): E.Either<StoreError, ReadonlyArray<Uint8Array>> => {
  const byId = new Map(nodes.map((n) => [`${n.level}:${n.index}`, n.hash]))
  return wholeFrontier(
    size,
    frontierIds(size).map((id) => byId.get(`${id.level}:${id.index}`)),
  )
}

/**
 * How often a one-step append is placed again after the register moved (another writer appended
 * first, and the answer brought the frontier at its new size) before the core takes the lock for
 * the whole protocol, which always makes progress.
 */
const PLACED_ATTEMPTS = 3

/** A batch placed at a size: what the commit writes, and what the kept frontier becomes after it. */
interface Placed {
  readonly size: number
  readonly frontier: ReadonlyArray<Uint8Array>
  readonly ready: PreparedBatch
}

const place = (size: number, frontier: ReadonlyArray<Uint8Array>, batch: ReadonlyArray<NewEvent>): E.Either<StoreError, Placed> => {
  try {
    return E.right({ size, frontier, ready: prepareBatch(size, frontier, batch) })
  } catch (e) {
    return E.left(storeError('corrupt', `cannot extend the tree of size ${size}: ${e instanceof Error ? e.message : String(e)}; run verify`))
  }
}

const writeSetOf = ({ ready }: Placed): WriteSet => ({
  rows: ready.events.map((event, i) => ({ event, entry: ready.texts[i]! })),
  nodes: ready.nodes,
})

/** A synchronous step as a promise: its value, or its exception as a rejection (as an async step gives it). */
const settledNow = <A>(step: () => A): Promise<A> => {
  try {
    return Promise.resolve(step())
  } catch (e) {
    return Promise.reject(e)
  }
}

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
  // a command's append condition is the query its decision read: grouped once for both
  let lastQuery: Query | undefined
  let lastSelection: Selection = 'all'
  const selectionFor = (query: Query): Selection => {
    if (query !== lastQuery) (lastSelection = selectionOf(query)), (lastQuery = query)
    return lastSelection
  }
  const oneAtATime: Serialiser = dialect.parallelTransactions === true ? Object.assign(<E, A>(t: TE.TaskEither<E, A>) => t, { idle: () => true }) : serialiser()

  /** The frontier at `size` as our own last append left it, when nothing came since. */
  const keptAt = (size: number): ReadonlyArray<Uint8Array> | undefined => (known !== undefined && known.size === size ? known.frontier : undefined)

  /** The rows to write; the kept frontier is forgotten until the commit is known to have happened. */
  const toWrite = (placed: Placed): WriteSet => {
    known = undefined
    return writeSetOf(placed)
  }

  /** After the commit: the frontier is kept, the stored events are the answer. */
  const committed = ({ size, frontier, ready }: Placed): ReadonlyArray<StoredEvent> => {
    known = { size: size + ready.events.length, frontier: frontierAfter(size, frontier, ready.nodes, ready.events.length) }
    return ready.events
  }

  /** The frontier at `size`: kept, else read. */
  const frontierAt = (tx: WriteTransaction, size: number): TE.TaskEither<StoreError, ReadonlyArray<Uint8Array>> => {
    const kept = keptAt(size)
    return kept !== undefined ? TE.right(kept) : pipe(tx.nodes(frontierIds(size)), TE.chainEitherK((hs) => wholeFrontier(size, hs)))
  }

  /** One run of an append (its own `placed`, so a task run twice runs the protocol twice). */
  const appendOnce = (batch: ReadonlyArray<NewEvent>, question: Inspection): TE.TaskEither<StoreError | Conflict, ReadonlyArray<StoredEvent>> => {
    let placed: Placed | undefined
    const plan = (tx: WriteTransaction): TE.TaskEither<StoreError | Conflict, WriteSet> =>
      pipe(
        tx.inspect(question),
        TE.chainEitherKW((seen) => startOf(seen, question)),
        TE.chainW((size) =>
          pipe(
            frontierAt(tx, size),
            TE.chainEitherK((frontier) => place(size, frontier, batch)),
          ),
        ),
        TE.map((p) => toWrite((placed = p))),
      )
    return pipe(
      dialect.transact<Conflict>(plan),
      TE.map(() => committed(placed!)),
    )
  }

  /**
   * The append in one step of the dialect (one round trip on a server), placed against the kept
   * frontier: the dialect checks, under its lock, the keys, the condition and that the register
   * still holds the size the batch was placed at, and writes it. When another writer came first
   * the answer holds the new size and its frontier, and the batch is placed again; the dialect
   * never writes a batch placed at a size it does not hold, so two writers cannot fork the tree.
   * Without a kept frontier (the first append, or after a failure) the append takes `transact`.
   */
  const appendPlaced = (
    appendAt: NonNullable<StorageDialect['appendPlaced']>,
    start: Known,
    batch: ReadonlyArray<NewEvent>,
    question: Inspection,
  ): TE.TaskEither<StoreError | Conflict, ReadonlyArray<StoredEvent>> =>
    async () => {
      let at = start
      for (let attempt = 0; attempt < PLACED_ATTEMPTS; attempt++) {
        const placed = place(at.size, at.frontier, batch)
        if (E.isLeft(placed)) return placed
        const p = placed.right
        const done: E.Either<StoreError, PlacedOutcome> = await appendAt({ size: p.size, inspection: question, write: toWrite(p) })()
        if (E.isLeft(done)) return done
        const outcome = done.right
        switch (outcome._tag) {
          case 'Written':
            return E.right(committed(p))
          case 'Refused': {
            // nothing was written: what we kept still holds when nobody else wrote either
            if (outcome.inspected.size === at.size && known === undefined) known = at
            const refused = startOf(outcome.inspected, question)
            return E.isLeft(refused) ? refused : E.left(storeError('corrupt', `the register refused an append at size ${outcome.inspected.size} without naming a conflict`))
          }
          case 'Moved': {
            const frontier = frontierOf(outcome.size, outcome.frontier)
            if (E.isLeft(frontier)) return frontier
            at = { size: outcome.size, frontier: frontier.right }
            break
          }
          case 'Unavailable':
            return appendOnce(batch, question)()
        }
      }
      return appendOnce(batch, question)()
    }

  /** The same protocol, step for step, on a dialect whose steps are synchronous: one synchronous run. */
  const appendNow = (
    transactSync: NonNullable<StorageDialect['transactSync']>,
    batch: ReadonlyArray<NewEvent>,
    question: Inspection,
  ): E.Either<StoreError | Conflict, ReadonlyArray<StoredEvent>> => {
    let placed: Placed | undefined
    const done = transactSync<Conflict>((tx: SyncWriteTransaction) => {
      const seen = tx.inspect(question)
      if (E.isLeft(seen)) return seen
      const start = startOf(seen.right, question)
      if (E.isLeft(start)) return start
      const size = start.right
      let frontier = keptAt(size)
      if (frontier === undefined) {
        const read = tx.nodes(frontierIds(size))
        if (E.isLeft(read)) return read
        const whole = wholeFrontier(size, read.right)
        if (E.isLeft(whole)) return whole
        frontier = whole.right
      }
      const p = place(size, frontier, batch)
      if (E.isLeft(p)) return p
      return E.right(toWrite((placed = p.right)))
    })
    return E.isLeft(done) ? done : E.right(committed(placed!))
  }

  const { transactSync, appendPlaced: appendAt } = dialect
  const append: EventStore['append'] = (batch, options = {}) => {
    const question = inspectionOf(batch, options, selectionFor)
    if (transactSync === undefined)
      return oneAtATime(() => {
        // read when the append starts its turn: the frontier our own last append left, if any
        const start = known
        return (appendAt !== undefined && start !== undefined ? appendPlaced(appendAt, start, batch, question) : appendOnce(batch, question))()
      })
    const run = () => settledNow(() => appendNow(transactSync, batch, question))
    // nothing started before it is still waiting: it runs now, in its turn; else it queues
    return () => (oneAtATime.idle() ? run() : oneAtATime(run)())
  }

  return {
    ...(dialect.sessionUser !== undefined ? { sessionUser: dialect.sessionUser } : {}),
    append,
    read: (options = {}) => {
      const selection = options.query === undefined ? 'all' : selectionFor(options.query)
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
    // a write too, serialised like one; lines checked here once for every dialect
    addCosignatures: (treeSize, lines) => {
      const bad = lines.find((l) => !isSignatureLine(l))
      if (bad !== undefined)
        return TE.left(storeError('corrupt', `"${bad.slice(0, 60)}" is not one signature line (— name base64): no cosignature of the checkpoint at size ${treeSize} was stored`))
      const unique = [...new Set(lines)]
      return unique.length === 0 ? TE.right([]) : oneAtATime(dialect.addCosignatures(treeSize, unique))
    },
    ...(dialect.indexes === undefined ? {} : { indexes: { ...dialect.indexes, rebuild: () => oneAtATime(dialect.indexes!.rebuild()) } }),
    close: dialect.close,
  }
}
