/**
 * The benchmark harness: statistics, alternation of ours / peer / raw inside one run, the table
 * and `results.json`. Pure apart from the measurements it is given, so that a test can drive it
 * with fake workloads.
 */

// ---------------------------------------------------------------------------------------------
// model

/** One side of a comparison: our library, the peer (Emmett), or the machine's raw limit. */
export type Side = 'ours' | 'peer' | 'raw'

/**
 * What a latency measurement gives: the median (`value`, the row's `ours`) and the 99th
 * percentile of the operations it timed.
 */
export interface Percentiles {
  readonly value: number
  readonly p99: number
}

/** A measurement: runs the work once and returns the figure (in the workload's unit), or a latency's percentiles. */
export type Measure = () => Promise<number | Percentiles>

/** A row of the results: which measures fill it. `peer` and `raw` name a key of `measures`. */
export interface RowSpec {
  readonly name: string
  readonly peer?: string
  readonly raw?: string
}

/** A workload: a set of named measures taken alternately, and the rows they fill. */
export interface Workload {
  readonly name: string
  readonly unit: string
  /** How many operations (commands, events, entries, proofs) one measurement covers. */
  readonly n: number
  /** Whether a larger figure is better (rates) or worse (milliseconds, megabytes). */
  readonly higherIsBetter: boolean
  /** Measures by name; `ours` is required. */
  readonly measures: Readonly<Record<string, Measure>> & { readonly ours: Measure }
  /** The rows this workload reports; by default one row named after it with `peer` and `raw`. */
  readonly rows?: ReadonlyArray<RowSpec>
  readonly setup?: () => Promise<void>
  readonly teardown?: () => Promise<void>
}

/** One row of `bench/results.json`. */
export interface ResultRow {
  readonly name: string
  readonly unit: string
  readonly ours: number | null
  readonly peer: number | null
  readonly raw: number | null
  readonly n: number
  /** Latency rows: the 99th percentile of ours (the median of its runs), `ours` being the median. */
  readonly p99?: number
}

/** What a workload gave: its rows, and every sample by measure (for the log). */
export interface WorkloadResult {
  readonly workload: Workload
  readonly rows: ReadonlyArray<ResultRow>
  readonly samples: Readonly<Record<string, ReadonlyArray<number>>>
}

// ---------------------------------------------------------------------------------------------
// statistics

/**
 * The median of samples (the mean of the two middle ones for an even count); NaN for none.
 *
 * @example
 * median([3, 1, 2]) // 2
 */
export const median = (xs: ReadonlyArray<number>): number => {
  if (xs.length === 0) return Number.NaN
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/**
 * The order in which measures run: round by round, each round rotated by one, so that every
 * measure runs first, second, … equally often and the machine's drift falls on all sides.
 *
 * @example
 * alternation(['ours', 'peer', 'raw'], 2) // [['ours','peer','raw'], ['peer','raw','ours']]
 */
export const alternation = (names: ReadonlyArray<string>, rounds: number): ReadonlyArray<ReadonlyArray<string>> =>
  Array.from({ length: rounds }, (_, r) => names.map((_, i) => names[(i + r) % names.length]!))

/** A rate: `n` operations in `ms` milliseconds, per second. @example rate(1000, 500) // 2000 */
export const rate = (n: number, ms: number): number => (n * 1000) / ms

/**
 * The p-th percentile (0-100) of samples, nearest rank; NaN for none.
 *
 * @example
 * percentile([5, 1, 3, 2, 4], 50) // 3
 */
export const percentile = (xs: ReadonlyArray<number>, p: number): number => {
  if (xs.length === 0) return Number.NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!
}

/**
 * The median and the 99th percentile of latencies, as a latency measure returns them.
 *
 * @example
 * percentiles([1, 2, 3]) // { value: 2, p99: 3 }
 */
export const percentiles = (xs: ReadonlyArray<number>): Percentiles => ({ value: percentile(xs, 50), p99: percentile(xs, 99) })

/**
 * How many times better ours is than another figure (above 1: ours is better), or null.
 *
 * @example
 * advantage(200, 100, true) // 2
 */
export const advantage = (ours: number | null, other: number | null, higherIsBetter: boolean): number | null =>
  ours === null || other === null || ours === 0 || other === 0 ? null : higherIsBetter ? ours / other : other / ours

// ---------------------------------------------------------------------------------------------
// running

/**
 * Runs a workload: `runs` rounds, every measure once per round in rotated order; each figure is
 * the median of its samples.
 *
 * @example
 * const r = await runWorkload(workload, 3, (name, v) => console.log(name, v))
 */
export const runWorkload = async (
  w: Workload,
  runs: number,
  onSample: (measure: string, value: number, round: number) => void = () => undefined,
): Promise<WorkloadResult> => {
  const names = Object.keys(w.measures)
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]))
  const p99s: Record<string, number[]> = {}
  await w.setup?.()
  try {
    for (const [round, order] of alternation(names, runs).entries())
      for (const name of order) {
        const figure = await w.measures[name]!()
        const value = typeof figure === 'number' ? figure : figure.value
        samples[name]!.push(value)
        if (typeof figure !== 'number') (p99s[name] ??= []).push(figure.p99)
        onSample(name, value, round)
      }
  } finally {
    await w.teardown?.()
  }
  const fig = (name: string | undefined): number | null => (name === undefined || samples[name] === undefined ? null : median(samples[name]!))
  const specs = w.rows ?? [{ name: w.name, ...('peer' in w.measures ? { peer: 'peer' } : {}), ...('raw' in w.measures ? { raw: 'raw' } : {}) }]
  const p99 = p99s['ours'] === undefined ? {} : { p99: median(p99s['ours']) }
  const rows = specs.map((s) => ({ name: s.name, unit: w.unit, ours: fig('ours'), peer: fig(s.peer), raw: fig(s.raw), n: w.n, ...p99 }))
  return { workload: w, rows, samples }
}

// ---------------------------------------------------------------------------------------------
// output

const show = (x: number | null): string =>
  x === null ? '-' : x >= 100 ? Math.round(x).toLocaleString('en-US') : x >= 10 ? x.toFixed(1) : x.toFixed(2)
const times = (x: number | null): string => (x === null ? '-' : `${x.toFixed(2)}x`)

/**
 * The results as a plain-text table (also valid Markdown), with ours' advantage over peer and raw;
 * a `p99` column after `ours` when some row is a latency.
 *
 * @example
 * console.log(table(results))
 */
export const table = (results: ReadonlyArray<WorkloadResult>): string => {
  const withP99 = results.some((r) => r.rows.some((row) => row.p99 !== undefined))
  const head = ['workload', 'unit', 'ours', ...(withP99 ? ['p99'] : []), 'peer', 'raw', 'ours vs peer', 'ours vs raw', 'n']
  const body = results.flatMap((r) =>
    r.rows.map((row) => [
      row.name,
      row.unit,
      show(row.ours),
      ...(withP99 ? [show(row.p99 ?? null)] : []),
      show(row.peer),
      show(row.raw),
      times(advantage(row.ours, row.peer, r.workload.higherIsBetter)),
      times(advantage(row.ours, row.raw, r.workload.higherIsBetter)),
      row.n.toLocaleString('en-US'),
    ]),
  )
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)))
  const line = (cells: ReadonlyArray<string>) => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`
  return [line(head), `|${widths.map((w, i) => (i < 2 ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`, ...body.map(line)].join('\n')
}

/**
 * `bench/results.json`'s content: `{"workloads":[{"name","unit","ours","peer","raw","n"}]}`, and
 * `p99` after `n` on latency rows.
 *
 * @example
 * writeFileSync('bench/results.json', resultsJson(results))
 */
export const resultsJson = (results: ReadonlyArray<WorkloadResult>): string =>
  `${JSON.stringify({ workloads: results.flatMap((r) => r.rows.map(({ name, unit, ours, peer, raw, n, p99 }) => ({ name, unit, ours, peer, raw, n, ...(p99 === undefined ? {} : { p99 }) }))) }, null, 2)}\n`
