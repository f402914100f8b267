/**
 * Profiling aid: `verifyLog` over an existing SQLite register (e.g. one made by build.ts), with
 * its rate and peak RSS; `raw` also times the raw SHA-256 floor over the same bytes.
 *
 * Usage: node --import tsx --conditions=source bench/profile/verify.ts PATH [raw]
 */
import * as E from 'fp-ts/lib/Either.js'
import { verifyLog } from '../../src/audit/verify.js'
import { openOurs } from '../workloads/ours.js'
import { rawHashRate } from '../raw/hash.js'
const path = process.argv[2]!
const o = await openOurs('sqlite', { path })
const t0 = performance.now()
const r = await verifyLog(o.store)()
const ms = performance.now() - t0
if (E.isLeft(r) || r.right._tag !== 'Verified') throw new Error(JSON.stringify(r))
console.log('verify', r.right.treeSize, `${((r.right.treeSize * 1000) / ms).toFixed(0)} entries/s`, 'rss MB', (process.resourceUsage().maxRSS / 1024).toFixed(0))
if (process.argv[3] === 'raw') console.log('raw', (await rawHashRate(path)).toFixed(0))
await o.close()
process.exit(0)
