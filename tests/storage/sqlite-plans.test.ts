/**
 * The query plans of the SQLite register (schema 5), read with EXPLAIN QUERY PLAN: every read a
 * decision, a proof or verification makes seeks by a key or an index, never scans a table, except
 * a read of the bulk type alone (contacts), which walks the log from its start position.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { compileSelection, openSqliteEventStore } from '../../adapters/sqlite/index.js'
import { selectionOf } from '../../src/store/selection.js'
import { cmd, openedLedger, ORG_A, ORG_B, run } from '../fixtures/domain.js'

const register = async (): Promise<Database.Database> => {
  const path = join(mkdtempSync(join(tmpdir(), 'cl-plans-')), 'register.db')
  const store = openSqliteEventStore(path)
  if (E.isLeft(store)) throw new Error(store.left.message)
  await run(await openedLedger(store.right), cmd.registerOrganisation(), cmd.registerOrganisation(ORG_B, 'Vereniging Elders'), cmd.contact([ORG_A, ORG_B]), cmd.statement(), cmd.exclude())
  await store.right.close()
  const db = new Database(path, { readonly: true })
  return db
}

const plan = (db: Database.Database, sql: string, params: unknown[]): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ')

describe('SQLite query plans (schema 5)', () => {
  it('a decision reads its tags by the tag key and its rare types by the type index; the bulk type alone along the log', async () => {
    const db = await register()
    try {
      const read = (query: Parameters<typeof selectionOf>[0], from = 0) => {
        const m = compileSelection(selectionOf(query), from)!
        return plan(db, `SELECT entry FROM events WHERE position IN (${m.sql}) AND position < ? ORDER BY position`, [...m.params, 1e9])
      }
      expect(read([{ types: ['ExclusionDecided', 'ExclusionLifted'], tags: [`organisation:${ORG_A}`] }])).toMatch(/SEARCH event_tags USING PRIMARY KEY \(tag=\? AND type=\? AND position>\?\)/)
      expect(read([{ tags: [`organisation:${ORG_A}`, `organisation:${ORG_B}`] }])).toMatch(/SEARCH event_tags USING PRIMARY KEY \(tag=\?\)/)
      const rare = read([{ types: ['OrganisationRegistered', 'ExclusionDecided'] }])
      expect(rare).toMatch(/SEARCH events USING COVERING INDEX events_by_type \(type=\? AND position>\?\)/)
      expect(rare).not.toMatch(/SCAN/)
      expect(read([{ types: ['ContactRecorded'] }], 3)).toMatch(/SEARCH events USING INTEGER PRIMARY KEY \(rowid>\?\)/)
      expect(plan(db, 'SELECT 1 FROM events WHERE idempotency_key IN (?) LIMIT 1', ['k'])).toMatch(/SEARCH events USING (COVERING )?INDEX events_by_idempotency_key \(idempotency_key=\?\)/)
    } finally {
      db.close()
    }
  })

  it('tree nodes are read by their post-order key, one by one or as a range', async () => {
    const db = await register()
    try {
      expect(plan(db, 'SELECT hash FROM nodes WHERE id = ? AND level = ? AND idx = ?', [3, 0, 2])).toMatch(/^SEARCH nodes USING INTEGER PRIMARY KEY \(rowid=\?\)$/)
      expect(plan(db, 'SELECT id, level, idx, hex(hash) AS hash FROM nodes WHERE id BETWEEN ? AND ? ORDER BY id', [0, 7])).toMatch(/^SEARCH nodes USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)$/)
      expect(plan(db, 'SELECT level, idx FROM nodes WHERE id >= ? ORDER BY id LIMIT ?', [8, 3])).toMatch(/^SEARCH nodes USING INTEGER PRIMARY KEY \(rowid>\?\)$/)
      const index = db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'events_by_type'`).get() as { sql: string }
      expect(index.sql).toMatch(/WHERE type <> 'ContactRecorded'/)
    } finally {
      db.close()
    }
  })
})
