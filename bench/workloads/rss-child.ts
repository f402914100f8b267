/**
 * A child process for the peak-memory workloads: runs one of verify, replay, raw-hash or raw-read
 * over a SQLite register and prints `{"maxRssKb":…}` from `process.resourceUsage().maxRSS`.
 */
import * as E from 'fp-ts/lib/Either.js'
import { rawHashRate } from '../raw/hash.js'
import { rawSqliteRead } from '../raw/sqlite.js'
import { loadAudit } from './log.js'
import { openOurs } from './ours.js'
import { replayOurs } from './replay-fold.js'

const [mode, path] = process.argv.slice(2)
if (path === undefined) throw new Error('usage: rss-child.ts verify|replay|raw-hash|raw-read PATH')
if (mode === 'verify' || mode === 'replay') {
  const o = await openOurs('sqlite', { path })
  if (mode === 'verify') {
    const { verifyLog } = await loadAudit()
    const r = await verifyLog(o.store)()
    if (E.isLeft(r) || r.right._tag !== 'Verified') throw new Error('verify did not pass')
  } else await replayOurs(o.store)
  await o.close()
} else if (mode === 'raw-hash') await rawHashRate(path)
else if (mode === 'raw-read') await rawSqliteRead(path)
else throw new Error(`unknown mode ${mode}`)
process.stdout.write(`${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`)
