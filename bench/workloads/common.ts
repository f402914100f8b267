/**
 * What every workload shares: sizes, timing, temporary files and PostgreSQL databases.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

// ---------------------------------------------------------------------------------------------
// model

/** The sizes of one run: full, or a tenth with `--quick`. */
export interface Sizes {
  /** Commands in an append workload (100,000; quick 10,000). */
  readonly appends: number
  /** Entries in the replay / verify / prove store (1,000,000; quick 100,000). */
  readonly log: number
  /** Proofs per proof measurement. */
  readonly proofs: number
  readonly runs: number
  /**
   * At most this long per append measurement (ms): where every commit waits for fsync, the
   * first `appends` commands may take longer than a run can afford, and the rate is taken over
   * the commands done by then.
   */
  readonly capMs: number
}

export const sizes = (quick: boolean, runs = 3): Sizes =>
  quick
    ? { appends: 10_000, log: 100_000, proofs: 200, runs, capMs: 600 }
    : { appends: 100_000, log: 1_000_000, proofs: 1_000, runs, capMs: 20_000 }

/** The PostgreSQL server the benchmark uses (as the tests do). */
export const PG_URL = process.env['CONTACT_LEDGER_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test'

// ---------------------------------------------------------------------------------------------
// utils

/** Milliseconds `work` takes. @example const ms = await timed(() => run()) */
export const timed = async (work: () => Promise<unknown> | unknown): Promise<number> => {
  const t0 = performance.now()
  await work()
  return performance.now() - t0
}

/** Fails the measurement loudly: a benchmark that silently measures failures measures nothing. */
export const must = <A>(r: { _tag: 'Left'; left: unknown } | { _tag: 'Right'; right: A }, what: string): A => {
  if (r._tag === 'Left') throw new Error(`${what} failed: ${JSON.stringify(r.left).slice(0, 400)}`)
  return r.right
}

/**
 * Runs `step(i)` for i = 0, 1, … until `n` steps or `capMs` have passed; returns steps per second
 * counted in `per` operations each.
 *
 * @example
 * const perSecond = await cappedRate(n, 1, cap, (i) => ledger.execute(commands[i]))
 */
export const cappedRate = async (steps: number, per: number, capMs: number, step: (i: number) => Promise<unknown> | unknown): Promise<number> => {
  const t0 = performance.now()
  const deadline = t0 + capMs
  let done = 0
  while (done < steps) {
    await step(done)
    done += 1
    if (performance.now() > deadline) break
  }
  return ((done * per) * 1000) / (performance.now() - t0)
}

let dir: string | undefined
let counter = 0
/** A fresh file path in the run's temporary folder. @example const path = tempFile('ours.db') */
export const tempFile = (name: string): string => {
  dir ??= mkdtempSync(join(tmpdir(), 'contact-ledger-bench-'))
  counter += 1
  return join(dir, `${counter}-${name}`)
}
/** Removes a SQLite file and its WAL companions. */
export const removeDb = (path: string): void => {
  for (const suffix of ['', '-wal', '-shm', '.keys', '.keys-wal', '.keys-shm']) rmSync(`${path}${suffix}`, { force: true })
}
/** Removes the run's temporary folder. */
export const cleanTemp = (): void => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
  dir = undefined
}

/** Whether the PostgreSQL server answers; the postgres workloads are skipped when not. */
export const pgReachable = async (): Promise<boolean> => {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 })
  try {
    await c.connect()
    await c.query('SELECT 1')
    return true
  } catch {
    return false
  } finally {
    await c.end().catch(() => undefined)
  }
}

/** Runs SQL on the server's maintenance connection. */
export const pgAdmin = async (sql: string): Promise<void> => {
  const c = new pg.Client({ connectionString: PG_URL })
  await c.connect()
  try {
    await c.query(sql)
  } finally {
    await c.end()
  }
}

/** A fresh, empty database on the server; returns its URL. @example const url = await freshDatabase('bench_emmett') */
export const freshDatabase = async (name: string): Promise<string> => {
  await pgAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await pgAdmin(`CREATE DATABASE ${name}`)
  const u = new URL(PG_URL)
  u.pathname = `/${name}`
  return u.toString()
}

/** Drops a database made by `freshDatabase`. */
export const dropDatabase = (name: string): Promise<void> => pgAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)

export { rate } from '../harness.js'
