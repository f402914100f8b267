/**
 * `append-<store>-concurrent`: 16 recordContact commands in flight at once from one process, as an
 * embedding web service has them (each caller awaits its own `ledger.execute`, then sends its
 * next); ours coalesces them into group commits. Peer: Emmett's `appendToStream` with 16 calls in
 * flight. A second row, `…-vs-sequential`, sets the same concurrent rate beside our own rate one
 * call at a time, measured alternately in the same run (issue 18's target is a ratio of the two).
 */
import * as E from 'fp-ts/lib/Either.js'
import type { NewEvent } from '../../src/domain/events.js'
import { contactCommand, contactEvents } from '../data.js'
import type { Measure, Workload } from '../harness.js'
import { appendEach, busyRetries, openEmmett, type OpenedEmmett, seedStreams, type EmmettSetup } from '../peers/emmett.js'
import { cappedRate, dropDatabase, freshDatabase, removeDb, tempFile, type Sizes } from './common.js'
import { openOurs, readyLedger, type StoreKind } from './ours.js'

/** Commands in flight at once. */
export const IN_FLIGHT = 16
const SEED = 3

/**
 * Runs `step(i)` for i = 0, 1, … with `width` of them in flight, until `n` steps or `capMs`
 * have passed; returns steps per second (a step that resolves to `false` gave up: not counted).
 *
 * @example
 * const perSecond = await inFlightRate(10_000, 16, 600, (i) => ledger.execute(commands[i]))
 */
export const inFlightRate = async (n: number, width: number, capMs: number, step: (i: number) => Promise<unknown>): Promise<number> => {
  const t0 = performance.now()
  const deadline = t0 + capMs
  let next = 0
  let done = 0
  const caller = async (): Promise<void> => {
    while (next < n && performance.now() <= deadline) {
      if ((await step(next++)) !== false) done += 1
    }
  }
  await Promise.all(Array.from({ length: width }, caller))
  return (done * 1000) / (performance.now() - t0)
}

/** Ours: a fresh register with the organisations (not timed), then `n` commands, `width` in flight. */
const ours =
  (kind: StoreKind, n: number, width: number, capMs: number): Measure =>
  async () => {
    const opened = await openOurs(kind)
    try {
      const ledger = await readyLedger(opened.store)
      const commands = Array.from({ length: n }, (_, i) => contactCommand(i, SEED))
      const run = async (k: number) => {
        const r = await ledger.execute(commands[k])
        if (E.isLeft(r)) throw new Error(`append rejected: ${r.left.message}`)
      }
      return width === 1 ? await cappedRate(n, 1, capMs, run) : await inFlightRate(n, width, capMs, run)
    } finally {
      await opened.close()
    }
  }

/** Whether an Emmett SQLite failure is one of those concurrent calls cause (not a fault of the data). */
const concurrencyFailure = (e: unknown): boolean =>
  e instanceof Error && (e.message.includes('SQLITE_') || e.message.includes('Expected version NO_CONCURRENCY_CHECK'))

/**
 * One Emmett append, tried again after a short random pause when its SQLite setup fails under
 * concurrent calls: emmett-sqlite 0.42's default setup (a connection per call, no busy timeout)
 * answers most of 16 calls in flight with `SQLITE_BUSY: database is locked` or `cannot rollback -
 * no transaction is active`; its one-connection setup now and then interleaves two calls' statements
 * (`Expected version NO_CONCURRENCY_CHECK does not match`). A user would have to retry; so does the
 * benchmark, and counts the retries (`busyRetries`).
 */
const appendRetried = async (store: OpenedEmmett['store'], e: NewEvent, deadline: number): Promise<boolean> => {
  for (let attempt = 0; ; attempt++)
    try {
      await appendEach(store, [e])
      return true
    } catch (err) {
      if (!concurrencyFailure(err)) throw err
      // the measurement is over: a call still failing gives up (it is not counted as done)
      if (performance.now() > deadline) return false
      busyRetries.count += 1
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(20, 2 ** attempt)))
    }
}

/** The peer: a fresh Emmett store with a stream per organisation, then the same events, `width` calls in flight. */
const peer =
  (setup: EmmettSetup, events: () => ReadonlyArray<NewEvent>, width: number, capMs: number): Measure =>
  async () => {
    const file = setup.startsWith('sqlite') ? tempFile('emmett-concurrent.db') : undefined
    const db = setup === 'postgres' ? 'bench_emmett_concurrent' : undefined
    const opened = openEmmett(setup, file ?? (db !== undefined ? await freshDatabase(db) : ''))
    try {
      await seedStreams(opened.store)
      const xs = events()
      const deadline = performance.now() + capMs
      return await inFlightRate(xs.length, width, capMs, (k) => appendRetried(opened.store, xs[k]!, deadline))
    } finally {
      await opened.close()
      if (file !== undefined) removeDb(file)
      // Emmett's pool ends its idle clients after close resolves; dropping (WITH FORCE) before that
      // terminates them, and the pool raises the termination as an unhandled error event
      if (db !== undefined) await new Promise((r) => setTimeout(r, 500)).then(() => dropDatabase(db))
    }
  }

/**
 * The concurrent append workload of one store kind.
 *
 * @example
 * const ws = concurrentWorkloads('sqlite', sizes(true))
 */
export const concurrentWorkloads = (kind: StoreKind, s: Sizes): Workload[] => {
  const n = s.appends
  let events: NewEvent[] | undefined
  const evs = () => (events ??= contactEvents(0, n, SEED))
  const name = `append-${kind}-concurrent`
  const peers: Record<string, Measure> =
    kind === 'sqlite'
      ? { peer: peer('sqlite-default', evs, IN_FLIGHT, s.capMs), 'peer-one-connection': peer('sqlite-one-connection', evs, IN_FLIGHT, s.capMs) }
      : { peer: peer(kind, evs, IN_FLIGHT, s.capMs) }
  return [
    {
      name,
      unit: 'commands/s',
      n,
      higherIsBetter: true,
      measures: { ours: ours(kind, n, IN_FLIGHT, s.capMs), ...peers, sequential: ours(kind, n, 1, s.capMs) },
      rows: [
        { name, peer: 'peer' },
        ...(kind === 'sqlite' ? [{ name: `${name}-one-connection`, peer: 'peer-one-connection' }] : []),
        // the peer column of this row is our own rate one call at a time: ours vs peer is the speed-up
        { name: `${name}-vs-sequential`, peer: 'sequential' },
      ],
      teardown: async () => {
        events = undefined
      },
    },
  ]
}
