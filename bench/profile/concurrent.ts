/**
 * Profiling aid (not part of `npm run bench`): N recordContact commands through the ledger on a
 * fresh store, W calls in flight at once (group commit; W = 1 is one call at a time), the
 * wall-clock rate and the CPU time per command (all threads, GC included: it tells the two apart
 * on a loaded machine, where the rate does not). Run it under `node --cpu-prof` for a profile.
 *
 * Usage: node --import tsx --conditions=source bench/profile/concurrent.ts memory|sqlite|postgres [N] [W]
 */
import { contactCommand } from '../data.js'
import { inFlightRate } from '../workloads/concurrent.js'
import { openOurs, readyLedger } from '../workloads/ours.js'
const kind = (process.argv[2] ?? 'sqlite') as 'memory' | 'sqlite' | 'postgres'
const n = Number(process.argv[3] ?? 3000)
const width = Number(process.argv[4] ?? 16)
const o = await openOurs(kind)
const ledger = await readyLedger(o.store)
const cmds = Array.from({ length: n }, (_, i) => contactCommand(i, 1))
const c0 = process.cpuUsage()
const perSecond = await inFlightRate(n, width, Infinity, async (k) => {
  const r = await ledger.execute(cmds[k])
  if (r._tag === 'Left') throw new Error(JSON.stringify(r.left))
})
const cpu = process.cpuUsage(c0)
console.log(kind, `in flight ${width}`, `${perSecond.toFixed(0)} commands/s`, `${((cpu.user + cpu.system) / n).toFixed(1)} µs CPU/command`)
await o.close()
process.exit(0)
