/**
 * Profiling aid (not part of `npm run bench`): the time SQLite's COMMIT (the WAL write and its
 * fsync) takes per command, apart from the rest of the append. N recordContact commands go
 * through the ledger on a fresh register whose connection times each `COMMIT`; it prints the
 * median and the 90th percentile, the pages the WAL grew by per commit, and the rate.
 *
 * Usage: node --import tsx --conditions=source bench/profile/sqlite-commit.ts [N] [P]
 */
import { rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { connectSqlite, sqliteEventStore, type SqliteDatabase } from '../../adapters/sqlite/index.js'
import { contactCommand } from '../data.js'
import { readyLedger } from '../workloads/ours.js'

const n = Number(process.argv[2] ?? 2000)
const per = Number(process.argv[3] ?? 1)
const path = join(tmpdir(), `cl-commit-${process.pid}.db`)
const db = connectSqlite(path)
if (E.isLeft(db)) throw new Error(db.left.message)
const commits: number[] = []
let timing = false
const raw = db.right
// the same connection, with its COMMITs timed
const timed: SqliteDatabase = new Proxy(raw, {
  get: (target, key) => {
    if (key !== 'exec') {
      const v = Reflect.get(target, key, target) as unknown
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v
    }
    return (sql: string) => {
      if (!timing || sql !== 'COMMIT') return target.exec(sql)
      const t = process.hrtime.bigint()
      const r = target.exec(sql)
      commits.push(Number(process.hrtime.bigint() - t) / 1000)
      return r
    }
  },
})
const store = sqliteEventStore(timed, path)
if (E.isLeft(store)) throw new Error(store.left.message)
const ledger = await readyLedger(store.right)
const cmds = Array.from({ length: n }, (_, i) => contactCommand(i, 1))
raw.pragma('wal_checkpoint(TRUNCATE)')
raw.pragma('wal_autocheckpoint = 0') // the WAL's growth counts the pages; no checkpoint inside the timed commits
const wal0 = statSync(`${path}-wal`).size
timing = true
const t0 = performance.now()
for (let k = 0; k < n / per; k++) {
  const r = per === 1 ? await ledger.execute(cmds[k]!) : await ledger.executeBatch(cmds.slice(k * per, (k + 1) * per))
  if (r._tag === 'Left') throw new Error(JSON.stringify(r.left))
}
const ms = performance.now() - t0
const pages = (statSync(`${path}-wal`).size - wal0) / (4096 + 24)
commits.sort((a, b) => a - b)
const q = (f: number) => commits[Math.min(commits.length - 1, Math.floor(f * commits.length))]!
console.log(`COMMIT median ${q(0.5).toFixed(0)} µs, p90 ${q(0.9).toFixed(0)} µs; ${(pages / commits.length).toFixed(2)} pages/commit; ${((n * 1000) / ms).toFixed(0)} commands/s`)
await store.right.close()
for (const s of ['', '-wal', '-shm', '.checkpoint']) rmSync(`${path}${s}`, { force: true })
process.exit(0)
