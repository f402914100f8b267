/** Restricted reads and the access log (rule 20) on memory and SQLite; PostgreSQL in access-log-postgres.int.test.ts. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import * as E from 'fp-ts/lib/Either.js'
import { memoryAccessLog, memoryEventStore, memoryKeyStore } from '../../adapters/memory/index.js'
import { accessPathOf, openSqlite, openSqliteAccessLog } from '../../adapters/sqlite/index.js'
import { describeRestrictedReads } from './suite.js'

describeRestrictedReads('memory', async () => {
  const accessLog = memoryAccessLog()
  return {
    store: memoryEventStore(),
    keys: memoryKeyStore(),
    accessLog,
    deleteRecord: async (seq) => void accessLog.records.splice(accessLog.records.findIndex((r) => r.seq === seq), 1),
    cleanup: async () => undefined,
  }
})

describeRestrictedReads('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-access-'))
  const path = join(dir, 'register.db')
  const opened = await openSqlite({ path })
  if (E.isLeft(opened)) throw new Error(opened.left.message)
  const accessLog = openSqliteAccessLog(accessPathOf(path))
  if (E.isLeft(accessLog)) throw new Error(accessLog.left.message)
  return {
    ...opened.right,
    accessLog: accessLog.right,
    deleteRecord: async (seq) => {
      const db = new Database(accessPathOf(path))
      db.prepare('DELETE FROM access_records WHERE seq = ?').run(seq)
      db.close()
    },
    cleanup: async () => {
      await accessLog.right.close()
      await opened.right.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
})
