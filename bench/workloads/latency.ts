/**
 * Latency as the log grows (issue 18): the time of one append (a `recordContact` through the
 * ledger, one per call, as a user records a contact) and of two reads (an inclusion proof; an
 * organisation's status, read by its standing query and folded), at log sizes of 10k, 100k and
 * 1M entries (quick: 10k and 100k), on SQLite and PostgreSQL. One register per store, grown
 * between the sizes as log.ts builds its large store (contact events straight through the
 * adapter's `append`, 5,000 at a time). Rows `<what>-latency-<store>-<size>`: unit ms, `ours` the
 * median latency, `p99` the 99th percentile (each the median over the runs).
 */
import * as E from 'fp-ts/lib/Either.js'
import { proveInclusion } from '../../src/audit/proof.js'
import { evolveAll } from '../../src/domain/evolve.js'
import { standingQuery } from '../../src/domain/policies/standing.js'
import { initialState } from '../../src/domain/state.js'
import { organisationStatus } from '../../src/domain/status.js'
import type { Ledger } from '../../src/ledger/ledger.js'
import { contactCommand, contactEvents, organisationId, ORGANISATIONS } from '../data.js'
import { percentiles, type Percentiles, type Workload } from '../harness.js'
import { removeDb, type Sizes } from './common.js'
import { buildLog, plainLedger, type OpenedOurs } from './ours.js'

// ---------------------------------------------------------------------------------------------
// model

type Kind = 'sqlite' | 'postgres'

/** A register that grows to the sizes asked for, in the order they are asked. */
interface Growing {
  readonly at: (size: number) => Promise<OpenedOurs>
  readonly release: () => Promise<void>
}

/** The seed of the log's contacts (log.ts's) and of the contacts the append latency records. */
const LOG_SEED = 9
const MEASURED_SEED = 31

// ---------------------------------------------------------------------------------------------
// utils

const label = (size: number): string => (size >= 1_000_000 ? `${size / 1_000_000}m` : `${size / 1_000}k`)

const sizeOf = async (o: OpenedOurs): Promise<number> => {
  const r = await o.store.size()()
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right
}

/** One register of a kind, built on first use and grown with contact events to each size asked. */
const growing = (kind: Kind): Growing => {
  let opened: Promise<OpenedOurs> | undefined
  let contacts = 0
  return {
    at: async (size) => {
      const o = await (opened ??= buildLog(kind, 0, LOG_SEED))
      const t0 = performance.now()
      let now = await sizeOf(o)
      const from = now
      while (now < size) {
        const count = Math.min(5_000, size - now)
        const r = await o.store.append(contactEvents(contacts, count, LOG_SEED))()
        if (E.isLeft(r)) throw new Error(`growing the ${kind} register failed at ${now}: ${r.left.message}`)
        contacts += count
        now += count
      }
      if (now > from) process.stderr.write(`  grew our ${kind} register from ${from.toLocaleString('en-US')} to ${now.toLocaleString('en-US')} entries in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`)
      return o
    },
    release: async () => {
      if (opened === undefined) return
      const o = await opened
      opened = undefined
      await o.close()
      if (o.path !== undefined) removeDb(o.path)
    },
  }
}

/** Operations run untimed before each measurement (the JIT, the store's caches), so p99 is the store's, not the warm-up's. */
const WARM_UP = 20

/** Times `op(k)` for k = 0 … n-1, one after the other, after a warm-up; the median and p99 in ms. */
const latencies = async (n: number, op: (k: number) => Promise<void>): Promise<Percentiles> => {
  for (let k = 0; k < WARM_UP; k++) await op(n + k)
  const ms: number[] = []
  for (let k = 0; k < n; k++) {
    const t0 = performance.now()
    await op(k)
    ms.push(performance.now() - t0)
  }
  return percentiles(ms)
}

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * The latency workloads of a store kind, for each log size of the run, with a `release` to
 * remove the register afterwards.
 *
 * @example
 * const { workloads, release } = latencyWorkloads('sqlite', sizes(true))
 */
export const latencyWorkloads = (kind: Kind, s: Sizes): { workloads: Workload[]; release: () => Promise<void> } => {
  const register = growing(kind)
  const quick = s.log < 1_000_000
  const logSizes = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]
  // operations timed per measurement
  const n = quick ? 200 : 500
  let measured = 0
  const workloads = logSizes.flatMap((size): Workload[] => {
    let ledger: Ledger | undefined
    const append: Workload = {
      name: `append-latency-${kind}-${label(size)}`,
      unit: 'ms',
      n,
      higherIsBetter: false,
      setup: async () => void (ledger = plainLedger((await register.at(size)).store)),
      measures: {
        ours: () =>
          latencies(n, async () => {
            const r = await ledger!.execute(contactCommand(measured++, MEASURED_SEED))
            if (E.isLeft(r)) throw new Error(`append failed: ${r.left.message}`)
          }),
      },
    }
    const prove: Workload = {
      name: `prove-latency-${kind}-${label(size)}`,
      unit: 'ms',
      n,
      higherIsBetter: false,
      setup: async () => void (await register.at(size)),
      measures: {
        ours: async () => {
          const o = await register.at(size)
          const now = await sizeOf(o)
          // a fixed spread of positions over the whole log
          return latencies(n, async (k) => {
            const r = await proveInclusion(o.store, Math.floor(((k * 7919) % n) * ((now - 1) / n)), now)()
            if (E.isLeft(r)) throw new Error(`proof failed: ${r.left.message}`)
          })
        },
      },
    }
    const status: Workload = {
      name: `status-latency-${kind}-${label(size)}`,
      unit: 'ms',
      n,
      higherIsBetter: false,
      setup: async () => void (await register.at(size)),
      measures: {
        ours: async () => {
          const o = await register.at(size)
          return latencies(n, async (k) => {
            const id = organisationId((k * 7919) % ORGANISATIONS)
            const events = await o.store.read({ query: [standingQuery(id)] })()
            if (E.isLeft(events)) throw new Error(`status read failed: ${events.left.message}`)
            if (organisationStatus(evolveAll(initialState, events.right), id) === undefined) throw new Error(`status read found no organisation ${id}`)
          })
        },
      },
    }
    return [append, prove, status]
  })
  return { workloads, release: register.release }
}
