/**
 * Following the log: read from a position, then yield each new event as it is appended, in
 * position order, never skipping one. A store whose transactions could commit out of order
 * would show a later position before an earlier one; the follower never passes a gap, it waits
 * for the missing position instead (the stores here serialise appends, so gaps never last).
 */
import * as E from 'fp-ts/lib/Either.js'
import type { StoredEvent } from '../domain/events.js'
import type { EventStore } from '../ports/event-store.js'
import { StoreFailure } from '../ports/pages.js'

/** Options of `followLog`. */
export interface FollowOptions {
  /** Ends the iteration when aborted. */
  readonly signal?: AbortSignal
  /** How long to wait before reading again when nothing new was found, in ms (default 200). */
  readonly pollMs?: number
  /** How many events one read fetches (default 1000). */
  readonly pageSize?: number
}

const pause = (ms: number, signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })

/**
 * Yields every event from position `from` on, then each new one as it is appended, until
 * `signal` aborts. A store error ends the iteration by throwing a `StoreFailure`.
 *
 * @example
 * const stop = new AbortController()
 * for await (const e of followLog(store, 0, { signal: stop.signal })) console.log(e.position, e.type)
 */
export async function* followLog(store: EventStore, from = 0, options: FollowOptions = {}): AsyncGenerator<StoredEvent, void, undefined> {
  const { signal } = options
  const pollMs = options.pollMs ?? 200
  const pageSize = options.pageSize ?? 1000
  const aborted = (): boolean => signal?.aborted === true
  let next = from
  while (!aborted()) {
    const page = await store.read({ from: next, limit: pageSize })()
    if (E.isLeft(page)) throw new StoreFailure(page.left)
    let contiguous = 0
    for (const e of page.right) {
      if (e.position !== next) break // a gap: an earlier append is not visible yet; wait for it
      yield e
      next += 1
      contiguous += 1
      if (aborted()) return
    }
    if (contiguous < pageSize) await pause(pollMs, signal)
  }
}
