/**
 * A child process for the peak-memory workloads: runs one of verify, replay, raw-hash or raw-read
 * over a SQLite register and prints `{"maxRssKb":…}` from `process.resourceUsage().maxRSS`. It
 * loads only what its mode needs (not Emmett, not the PostgreSQL driver), so that the figure is
 * the memory of the work, as a process that does only that work would have it.
 */
const [mode, path] = process.argv.slice(2)
if (path === undefined) throw new Error('usage: rss-child.ts verify|replay|raw-hash|raw-read PATH')

const openStore = async () => {
  const { openSqliteEventStore } = await import('../../adapters/sqlite/index.js')
  const store = openSqliteEventStore(path)
  if (store._tag === 'Left') throw new Error(store.left.message)
  return store.right
}

if (mode === 'verify') {
  const store = await openStore()
  const { verifyLog } = await import('../../src/audit/verify.js')
  const r = await verifyLog(store)()
  if (r._tag === 'Left' || r.right._tag !== 'Verified') throw new Error('verify did not pass')
  await store.close()
} else if (mode === 'replay') {
  const store = await openStore()
  const { replayOurs } = await import('./replay-fold.js')
  await replayOurs(store)
  await store.close()
} else if (mode === 'raw-hash') await (await import('../raw/hash.js')).rawHashRate(path)
else if (mode === 'raw-read') await (await import('../raw/sqlite.js')).rawSqliteRead(path)
else throw new Error(`unknown mode ${mode}`)
process.stdout.write(`${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`)
