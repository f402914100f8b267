/**
 * Profiling aid (not part of `npm run bench`): N recordContact commands through the ledger on a
 * fresh store, one per call or P per call, and the rate. Run it under `node --cpu-prof` and read
 * the profile with `node bench/profile/summary.mjs`. It prints the wall-clock rate and the CPU time per command.
 *
 * Usage: node --import tsx --conditions=source bench/profile/append.ts memory|sqlite|postgres [N] [P]
 */
import { contactCommand } from '../data.js'
import { openOurs, readyLedger } from '../workloads/ours.js'
const kind = (process.argv[2] ?? 'memory') as 'memory' | 'sqlite' | 'postgres'
const n = Number(process.argv[3] ?? 10000)
const per = Number(process.argv[4] ?? 1)
const o = await openOurs(kind)
const ledger = await readyLedger(o.store)
const cmds = Array.from({ length: n }, (_, i) => contactCommand(i, 1))
const t0 = performance.now()
const c0 = process.cpuUsage()
for (let k = 0; k < n / per; k++) {
  const r = per === 1 ? await ledger.execute(cmds[k]) : await ledger.executeBatch(cmds.slice(k * per, (k + 1) * per))
  if (r._tag === 'Left') throw new Error(JSON.stringify(r.left))
}
const ms = performance.now() - t0
const cpu = process.cpuUsage(c0)
// CPU time per command (all threads, GC included) tells changes apart on a loaded machine, where the wall-clock rate does not
console.log(kind, per, `${((n * 1000) / ms).toFixed(0)} commands/s`, `${((cpu.user + cpu.system) / n).toFixed(1)} µs CPU/command`, `user ${(cpu.user / n).toFixed(0)} sys ${(cpu.system / n).toFixed(0)}`)
await o.close()
process.exit(0)
