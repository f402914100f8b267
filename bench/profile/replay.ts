/**
 * Profiling aid: the benchmark's replay (the annual overview through the reports fold) over an
 * existing SQLite register, with its rate and peak RSS; `raw` also times reading every row.
 *
 * Usage: node --import tsx --conditions=source bench/profile/replay.ts PATH [raw]
 */
import { openOurs } from '../workloads/ours.js'
import { replayOurs } from '../workloads/replay-fold.js'
import { rawSqliteRead } from '../raw/sqlite.js'
const path = process.argv[2]!
const o = await openOurs('sqlite', { path })
const t0 = performance.now()
const n = await replayOurs(o.store)
const ms = performance.now() - t0
console.log('replay', n, `${((n * 1000) / ms).toFixed(0)} events/s`, 'rss MB', (process.resourceUsage().maxRSS / 1024).toFixed(0))
if (process.argv[3] === 'raw') console.log('raw', (await rawSqliteRead(path)).toFixed(0))
await o.close()
process.exit(0)
