/**
 * Reading the log through the EventStore port in pages: constant memory whatever its length.
 * Used by the ledger (state as of a position), reports and `verify` alike.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { StoreError } from '../domain/errors.js'
import type { StoredEvent } from '../domain/events.js'
import type { EventStore, ReadOptions } from './event-store.js'

/** How many events one page of a streaming read holds. */
export const PAGE_SIZE = 1_000

/** Carries a StoreError through an async iteration; caught by `foldLog`. */
export class StoreFailure extends Error {
  constructor(readonly error: StoreError) {
    super(error.message)
  }
}

/**
 * Streams events page by page, in position order. A store error ends the stream by throwing a
 * `StoreFailure` carrying the `StoreError`; use `foldLog` for an Either.
 *
 * @example
 * for await (const page of pages(store, { from: 0 })) for (const e of page) console.log(e.position)
 */
export async function* pages(store: EventStore, options: ReadOptions = {}): AsyncGenerator<ReadonlyArray<StoredEvent>> {
  let from = options.from ?? 0
  const to = options.to
  for (;;) {
    const page = await store.read({ ...options, from, ...(to !== undefined ? { to } : {}), limit: PAGE_SIZE })()
    if (E.isLeft(page)) throw new StoreFailure(page.left)
    if (page.right.length === 0) return
    yield page.right
    const last = page.right[page.right.length - 1]!
    from = last.position + 1
    if (page.right.length < PAGE_SIZE || (to !== undefined && from >= to)) return
  }
}

/**
 * Folds the log (or its first `to` entries) page by page with `step`.
 *
 * @example
 * const count = await foldLog(store, 0, (n, page) => n + page.length)
 */
export const foldLog = async <A>(
  store: EventStore,
  initial: A,
  step: (acc: A, page: ReadonlyArray<StoredEvent>) => A,
  options: ReadOptions = {},
): Promise<E.Either<StoreError, A>> => {
  let acc = initial
  try {
    for await (const page of pages(store, options)) acc = step(acc, page)
    return E.right(acc)
  } catch (e) {
    if (e instanceof StoreFailure) return E.left(e.error)
    throw e
  }
}
