/**
 * A child process for the peak-memory workloads and verify's rate: runs one of verify, replay,
 * raw-hash or raw-read over a SQLite register and prints `{"maxRssKb":…,"rate":…}`: the peak
 * (`peakRssKb`), and for verify and raw-hash the entries verified (hashed) per
 * second, timed around the work alone (not the process's start). It
 * loads only what its mode needs (not Emmett, not the PostgreSQL driver), so that the figure is
 * the memory of the work, as a process that does only that work would have it.
 */
import { readFileSync } from 'node:fs'

/**
 * This process's peak resident memory in kB: `VmHWM` of /proc/self/status on Linux, the high-water
 * mark of the memory this process has had since it started its program. Not
 * `process.resourceUsage().maxRSS`: Linux carries a forked process's peak across `exec`, so a child
 * spawned by a parent holding 217 MB reports at least 217 MB whatever it does (the full run of
 * 2026-11-30 printed 217 MB for every child that peaked lower, ours and raw alike). Elsewhere,
 * that is all there is.
 */
const peakRssKb = (): number => {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (hwm !== null) return Number(hwm[1])
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS
}

const [mode, path] = process.argv.slice(2)
if (path === undefined) throw new Error('usage: rss-child.ts verify|replay|raw-hash|raw-read PATH')

const openStore = async () => {
  const { openSqliteEventStore } = await import('../../adapters/sqlite/index.js')
  const store = openSqliteEventStore(path)
  if (store._tag === 'Left') throw new Error(store.left.message)
  return store.right
}

let rate: number | undefined
if (mode === 'verify') {
  const store = await openStore()
  const { verifyLog } = await import('../../src/audit/verify.js')
  const t0 = performance.now()
  const r = await verifyLog(store)()
  const ms = performance.now() - t0
  if (r._tag === 'Left' || r.right._tag !== 'Verified') throw new Error('verify did not pass')
  rate = (r.right.treeSize * 1000) / ms
  await store.close()
} else if (mode === 'replay') {
  const store = await openStore()
  const { replayOurs } = await import('./replay-fold.js')
  await replayOurs(store)
  await store.close()
} else if (mode === 'raw-hash') rate = await (await import('../raw/hash.js')).rawHashRate(path)
else if (mode === 'raw-read') await (await import('../raw/sqlite.js')).rawSqliteRead(path)
else throw new Error(`unknown mode ${mode}`)
process.stdout.write(`${JSON.stringify({ maxRssKb: peakRssKb(), ...(rate === undefined ? {} : { rate }) })}\n`)
