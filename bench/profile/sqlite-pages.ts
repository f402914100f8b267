/**
 * Profiling aid (not part of `npm run bench`): how many database pages one command writes on
 * SQLite, and to which table or index they belong. N recordContact commands go through the ledger
 * on a fresh register with automatic checkpoints off; the WAL then holds one frame per page each
 * commit wrote, and `dbstat` names the b-tree of each page.
 *
 * Usage: node --import tsx --conditions=source bench/profile/sqlite-pages.ts [N] [P] [SETUP_EXTRA]
 * (P commands per call; SETUP_EXTRA contacts appended first, 5,000 per append, so the log is not tiny)
 */
import Database from 'better-sqlite3'
import { openSync, readSync, closeSync, statSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { contactCommand, contactEvents } from '../data.js'
import { openOurs, readyLedger } from '../workloads/ours.js'

const n = Number(process.argv[2] ?? 1000)
const per = Number(process.argv[3] ?? 1)
const extra = Number(process.argv[4] ?? 0)
const o = await openOurs('sqlite')
const ledger = await readyLedger(o.store)
for (let i = 0; i < extra; i += 5_000) {
  const r = await o.store.append(contactEvents(1_000_000 + i, Math.min(5_000, extra - i), 7))()
  if (E.isLeft(r)) throw new Error(r.left.message)
}
const path = o.path!
// checkpoint what setup wrote, then let the WAL grow: a second connection stops automatic checkpoints
const side = new Database(path)
side.pragma('wal_checkpoint(TRUNCATE)')
const reader = new Database(path, { readonly: true })
reader.exec('BEGIN')
reader.prepare('SELECT count(*) FROM events').get() // a read transaction pins the WAL: no checkpoint can reset it
const walBefore = statSync(`${path}-wal`).size
const cmds = Array.from({ length: n }, (_, i) => contactCommand(i, 1))
for (let k = 0; k < n / per; k++) {
  const r = per === 1 ? await ledger.execute(cmds[k]!) : await ledger.executeBatch(cmds.slice(k * per, (k + 1) * per))
  if (r._tag === 'Left') throw new Error(JSON.stringify(r.left))
}
const walAfter = statSync(`${path}-wal`).size
const pageSize = side.pragma('page_size', { simple: true }) as number
// which b-tree each page belongs to (dbstat reads the WAL too, through side's snapshot)
const owner = new Map<number, string>()
for (const r of side.prepare('SELECT name, pageno FROM dbstat').all() as { name: string; pageno: number }[]) owner.set(r.pageno, r.name)
const fd = openSync(`${path}-wal`, 'r')
const head = Buffer.alloc(24)
const byName = new Map<string, number>()
let frames = 0
let commits = 0
for (let off = 32; off + 24 + pageSize <= walAfter; off += 24 + pageSize) {
  readSync(fd, head, 0, 24, off)
  const page = head.readUInt32BE(0)
  if (head.readUInt32BE(4) !== 0) commits++
  frames++
  const name = page === 1 ? '(page 1: header, schema)' : (owner.get(page) ?? '(freelist or unknown)')
  byName.set(name, (byName.get(name) ?? 0) + 1)
}
closeSync(fd)
reader.exec('COMMIT')
reader.close()
side.close()
console.log(`${n} commands, ${per} per call, ${extra} extra events first: WAL grew ${walAfter - walBefore} bytes, ${frames} frames (pages), ${commits} commits`)
console.log(`pages per commit: ${(frames / commits).toFixed(2)}; per command: ${(frames / n).toFixed(2)}`)
for (const [name, c] of [...byName].sort((a, b) => b[1] - a[1])) console.log(`  ${name.padEnd(32)} ${(c / commits).toFixed(2)} per commit`)
await o.close()
process.exit(0)
