/**
 * Tampering with a real SQLite register by editing its rows with SQL: 200 random trials, and
 * `verifyLog` names the right position every time.
 */
import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { connectSqlite, openSqliteEventStore, SQLITE_GUARD_TRIGGERS } from '../../adapters/sqlite/index.js'
import { canonicalJson } from '../../src/audit/canonical.js'
import { generateSigner } from '../../src/audit/note.js'
import { verifyLog } from '../../src/audit/verify.js'
import { encodeStored } from '../../src/domain/events.js'
import type { EventStore } from '../../src/ports/event-store.js'
import { buildAuditLog, tamperTrials, type TamperLab } from './tamper-suite.js'

const must = <A>(e: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

/** A SQLite register built once; each trial tampers with a copy of the file. */
const sqliteLab = async (): Promise<TamperLab> => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-tamper-sqlite-'))
  const base = join(dir, 'base.db')
  const signer = must(generateSigner('contact-ledger.local/register'))
  const store = must(openSqliteEventStore(base))
  await buildAuditLog(store, signer)
  const entries = must(await store.read()()).map((e) => canonicalJson(encodeStored(e)))
  const verified = must(await verifyLog(store)())
  expect(verified._tag).toBe('Verified')
  await store.close()
  let n = 0
  return {
    entries,
    verifierKey: signer.verifierKey,
    fresh: async () => {
      const path = join(dir, `trial-${n++}.db`)
      copyFileSync(base, path)
      const db = must(connectSqlite(path))
      // an insider with write access to the file drops the append-only triggers first (guards.ts)
      for (const t of SQLITE_GUARD_TRIGGERS) db.exec(`DROP TRIGGER IF EXISTS ${t}`)
      const sql = (text: string, ...params: unknown[]) => db.prepare(text).run(...params)
      let store: EventStore | undefined
      const tamperer = {
        setEntry: async (p: number, text: string) => void sql('UPDATE events SET entry = ? WHERE position = ?', text, p),
        deleteEntry: async (p: number) => void sql('DELETE FROM events WHERE position = ?', p),
        swapEntries: async (i: number, j: number) => {
          sql('UPDATE events SET entry = ? WHERE position = ?', entries[j], i)
          sql('UPDATE events SET entry = ? WHERE position = ?', entries[i], j)
        },
        appendWithoutTree: async (text: string) => {
          const record = JSON.parse(text) as { position: number; type: string }
          sql('INSERT INTO events (position, type, idempotency_key, entry) VALUES (?, ?, NULL, ?)', record.position, record.type, text)
        },
      }
      return {
        tamperer,
        open: async () => {
          db.close()
          store = must(openSqliteEventStore(path))
          return store
        },
        close: async () => (store === undefined ? void db.close() : store.close()),
      }
    },
  }
}

describe('tampering with a SQLite register (SQL edits of its rows)', () => {
  it('names the right position in 200 random trials: byte change in data/type/tags/meta, delete, swap, append without tree', async () => {
    const seen = await tamperTrials(await sqliteLab(), 200)
    expect(Object.keys(seen).sort()).toEqual(['append', 'byte', 'delete', 'swap'])
  })
})
