/**
 * Profiling aid: builds the benchmark's large SQLite register (N contact events) once and copies
 * it to OUT, for verify.ts and replay.ts.
 *
 * Usage: node --import tsx --conditions=source bench/profile/build.ts N OUT
 */
import { buildLog } from '../workloads/ours.js'
const n = Number(process.argv[2] ?? 1_000_000)
const t0 = performance.now()
const o = await buildLog('sqlite', n, 9)
console.log(o.path, ((performance.now() - t0) / 1000).toFixed(1), 's')
const { copyFileSync } = await import('node:fs')
await o.store.close()
copyFileSync(o.path!, process.argv[3]!)
process.exit(0)
