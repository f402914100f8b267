/**
 * Tampering with derived data (issue 14): the tag index, the type and idempotency-key columns,
 * the checkpoints a report snapshot records and stray tree nodes are recomputed from the entries
 * by `verifyLog` (through `verifyIndexes`) and every difference is named with its table and
 * position, on SQLite and PostgreSQL. `rebuildIndexes` puts the derived rows back from the entries
 * in one transaction, after which a decision sees the exclusion again.
 */
import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, describe, expect, it } from 'vitest'
import { memoryKeyStore } from '../../adapters/memory/index.js'
import { connectPostgres, openPostgres } from '../../adapters/postgres/index.js'
import { dropGuardsSql } from '../../adapters/postgres/guards.js'
import { connectSqlite, openSqlite, SQLITE_GUARD_TRIGGERS } from '../../adapters/sqlite/index.js'
import { rebuildIndexes, verifyIndexes, verifyLog } from '../../src/audit/index.js'
import { createLedger, fixedClock, sequentialIds, type EventStore } from '../../src/index.js'
import { cmd, NOW, ORG_A, ORG_B, run, grantFixtureRoles } from '../fixtures/domain.js'
import { describePg, dropSchema, freshSchema, PG_URL } from '../storage/pg-server.js'

const must = <A>(e: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

/** A register with two organisations, contacts (one keyed) and A's exclusion; the positions that matter. */
const fill = async (store: EventStore) => {
  await grantFixtureRoles(store)
  const ledger = createLedger({ store, keys: memoryKeyStore(), clock: fixedClock(NOW), ids: sequentialIds() })
  await run(ledger, cmd.registerOrganisation(), cmd.registerOrganisation(ORG_B, 'Vereniging Elders'), cmd.contact([ORG_A, ORG_B]))
  await run(ledger, { ...cmd.contact([ORG_B]), idempotencyKey: 'agenda#1' }, cmd.statement(), cmd.exclude())
  const events = must(await store.read()())
  return {
    exclusion: events.find((e) => e.type === 'ExclusionDecided')!.position,
    keyed: events.find((e) => e.meta.idempotencyKey === 'agenda#1')!.position,
    size: events.length,
  }
}

/** A contact with the excluded organisation after its exclusion: what the tag index must never let through. */
const forbidden = cmd.contact([ORG_A], { occurredOn: '2025-02-01' })

interface Lab {
  readonly name: string
  readonly tagTables: ReadonlyArray<string>
  /** A one-byte blob literal in the dialect's SQL. */
  readonly blob: string
  /** A fresh register, filled; `sql` runs on its raw tables; `open` opens it as the library does. */
  readonly fresh: () => Promise<{ sql: (text: string) => Promise<void>; open: () => Promise<EventStore>; close: () => Promise<void> }>
}

const failureOf = async (store: EventStore) => {
  const r = must(await verifyLog(store)())
  return r._tag === 'VerificationFailure' ? { kind: r.kind, position: r.position, reason: r.reason } : undefined
}

const suite = (lab: () => Lab) => {
  const cases: ReadonlyArray<{ what: string; tamper: (p: { exclusion: number; keyed: number; size: number }) => string[]; at: (p: { exclusion: number; keyed: number; size: number }) => number; names: RegExp; repairable: boolean }> = [
    {
      what: "the exclusion's tag rows deleted",
      tamper: (p) => [`DELETE FROM event_tags WHERE position = ${p.exclusion}`],
      at: (p) => p.exclusion,
      names: /event_tags lacks the row for tag organisation:/,
      repairable: true,
    },
    {
      what: 'the type column altered',
      tamper: (p) => [`UPDATE events SET type = 'ContactRecorded' WHERE position = ${p.exclusion}`],
      at: (p) => p.exclusion,
      names: /the type index \(events\.type\) says "ContactRecorded" at position \d+, but the entry is a ExclusionDecided/,
      repairable: true,
    },
    {
      what: 'a tag row added to an entry',
      tamper: () => [`INSERT INTO event_tags (tag, type, position) VALUES ('organisation:${ORG_A}', 'OrganisationRegistered', 1)`],
      at: () => 1,
      names: /event_tags holds a row for tag organisation:0a.* at position 1 that the entry does not have/,
      repairable: true,
    },
    {
      what: 'a tag row where the log has no entry',
      tamper: () => [`INSERT INTO event_tags (tag, type, position) VALUES ('organisation:${ORG_A}', 'ExclusionDecided', 4000)`],
      at: () => 4000,
      names: /event_tags holds a row for tag organisation:.* at position 4000, where the log has no entry/,
      repairable: true,
    },
    {
      // the row count stays the same: only the lookup of the rows the entries want can see it
      what: 'a tag row moved to another position (deleted at the exclusion, added at entry 1)',
      tamper: (p) => [
        `DELETE FROM event_tags WHERE position = ${p.exclusion} AND tag = 'organisation:${ORG_A}'`,
        `INSERT INTO event_tags (tag, type, position) VALUES ('organisation:${ORG_A}', 'OrganisationRegistered', 1)`,
      ],
      at: (p) => p.exclusion,
      names: /event_tags lacks the row for tag organisation:0a.* \(ExclusionDecided\) at position \d+/,
      repairable: true,
    },
    {
      what: "a tag row's type altered (the row count unchanged)",
      tamper: (p) => [`UPDATE event_tags SET type = 'ContactRecorded' WHERE position = ${p.exclusion} AND tag = 'organisation:${ORG_A}'`],
      at: (p) => p.exclusion,
      names: /event_tags lacks the row for tag organisation:0a.* \(ExclusionDecided\) at position \d+/,
      repairable: true,
    },
    {
      what: 'a tag row added at the last entry and one where the log has no entry (the first is named)',
      tamper: (p) => [
        `INSERT INTO event_tags (tag, type, position) VALUES ('organisation:${ORG_B}', 'ExclusionDecided', ${p.size - 1})`,
        `INSERT INTO event_tags (tag, type, position) VALUES ('organisation:${ORG_A}', 'ExclusionDecided', ${p.size + 3})`,
      ],
      at: (p) => p.size - 1,
      names: /event_tags holds a row for tag organisation:.* at position \d+ that the entry does not have/,
      repairable: true,
    },
    {
      what: 'the idempotency key column altered',
      tamper: (p) => [`UPDATE events SET idempotency_key = NULL WHERE position = ${p.keyed}`],
      at: (p) => p.keyed,
      names: /events\.idempotency_key\) holds none at position \d+, but the entry's key is "agenda#1"/,
      repairable: true,
    },
    {
      what: 'a tree node beyond the tree',
      tamper: () => [`INSERT INTO nodes (level, idx, hash) VALUES (2, 40, ${lab().blob})`],
      at: () => 160,
      names: /nodes holds node 2:40, beyond the tree of \d+ entries/,
      repairable: false,
    },
  ]
  for (const c of cases)
    it(`${c.what}: verify names the table and position${c.repairable ? '; a rebuild repairs it' : ''}`, async () => {
      const l = lab()
      const r = await l.fresh()
      try {
        const store0 = await r.open()
        const p = await fill(store0)
        await store0.close()
        for (const q of c.tamper(p)) await r.sql(q)
        const store = await r.open()
        const failure = await failureOf(store)
        expect(failure?.kind).toBe('index')
        expect(failure?.position).toBe(c.at(p))
        expect(failure?.reason).toMatch(c.names)
        must(await rebuildIndexes(store)())
        if (c.repairable) expect(await failureOf(store)).toBeUndefined()
        else expect((await failureOf(store))?.kind).toBe('index')
        await store.close()
      } finally {
        await r.close()
      }
    })

  it("an exclusion hidden from the tag index (what would let a forbidden contact through) is named by verify; after the rebuild the contact is refused", async () => {
    const l = lab()
    const r = await l.fresh()
    try {
      const store0 = await r.open()
      const p = await fill(store0)
      await store0.close()
      await r.sql(`DELETE FROM event_tags WHERE position = ${p.exclusion}`)
      if (l.tagTables.includes('events.tags')) await r.sql(`UPDATE events SET tags = '{}' WHERE position = ${p.exclusion}`)
      const store = await r.open()
      expect((await failureOf(store))?.reason).toMatch(new RegExp(`^${l.tagTables[0]!.replace('.', '\\.')} lacks the row for tag organisation:${ORG_A} \\(ExclusionDecided\\) at position ${p.exclusion}`))
      const counts = must(await rebuildIndexes(store)())
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
      expect(must(await verifyIndexes(store)())._tag).toBe('IndexesVerified')
      const ledger = createLedger({ store, keys: memoryKeyStore(), clock: fixedClock(NOW), ids: sequentialIds() })
      const refused = await ledger.execute(forbidden)
      expect(E.isLeft(refused)).toBe(true)
      expect(must(await store.size()())).toBe(p.size)
      await store.close()
    } finally {
      await r.close()
    }
  })
}

const sqliteLab = (): Lab => ({
  name: 'sqlite',
  blob: `X'00'`,
  tagTables: ['event_tags'],
  fresh: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-tamper-idx-'))
    const path = join(dir, 'register.db')
    const opened: EventStore[] = []
    return {
      sql: async (text) => {
        const db = must(connectSqlite(path))
        // an insider with write access to the file drops the append-only triggers first; the next
        // write-open puts them on again, and the rebuild works around them in its own transaction
        for (const t of SQLITE_GUARD_TRIGGERS) db.exec(`DROP TRIGGER IF EXISTS ${t}`)
        db.exec(text)
        db.close()
      },
      open: async () => {
        const o = must(await openSqlite({ path }))
        opened.push(o.store)
        return o.store
      },
      close: async () => undefined,
    }
  },
})

describe('derived data on SQLite', () => {
  suite(sqliteLab)

  it('a checkpoint a report snapshot records, deleted from the checkpoints table, is named; the rebuild restores it from the snapshot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-tamper-cp-'))
    const path = join(dir, 'register.db')
    copyFileSync(join(import.meta.dirname, '../fixtures/registers/v1/register.db'), path)
    copyFileSync(join(import.meta.dirname, '../fixtures/registers/v1/register.db.keys'), `${path}.keys`)
    const db = must(connectSqlite(path))
    const snap = db.prepare(`SELECT position, json_extract(entry, '$.data.logSize') AS size FROM events WHERE type = 'ReportSnapshotTaken' ORDER BY position LIMIT 1`).get() as { position: number; size: number }
    db.exec('DELETE FROM checkpoints')
    db.close()
    const store = must(await openSqlite({ path })).store
    const failure = await failureOf(store)
    expect(failure).toEqual({
      kind: 'index',
      position: snap.position,
      reason: `the checkpoints table lacks the checkpoint at size ${snap.size} that the report snapshot at position ${snap.position} records: a checkpoint was deleted`,
    })
    expect(must(await rebuildIndexes(store)())['checkpoints']).toBeGreaterThan(0)
    expect(await failureOf(store)).toBeUndefined()
    await store.close()
  })
})

const schemas: string[] = []
afterAll(async () => {
  for (const s of schemas) await dropSchema(s)
})

describePg('derived data on PostgreSQL', () => {
  const pgLab = (): Lab => ({
    name: 'postgres',
    blob: `'\\x00'::bytea`,
    tagTables: ['events.tags', 'event_tags'],
    fresh: async () => {
      const schema = freshSchema()
      schemas.push(schema)
      const pool = must(await connectPostgres(PG_URL, { max: 1 }))
      return {
        // the tables' owner drops the append-only triggers first (guards.ts); the next write-open puts them on again
        sql: async (text) => void (await pool.query(`SET search_path TO "${schema}"; ${dropGuardsSql(`"${schema}"`)}; ${text}`)),
        open: async () => must(await openPostgres({ url: PG_URL, schema })).store,
        close: () => pool.end(),
      }
    },
  })
  suite(pgLab)

  it("the events.tags column emptied (the tag table intact) is named", async () => {
    const r = await pgLab().fresh()
    try {
      const store0 = await r.open()
      const p = await fill(store0)
      await store0.close()
      await r.sql(`UPDATE events SET tags = '{}' WHERE position = ${p.exclusion}`)
      const store = await r.open()
      expect((await failureOf(store))?.reason).toMatch(/^events\.tags lacks the row for tag/)
      must(await rebuildIndexes(store)())
      expect(await failureOf(store)).toBeUndefined()
      await store.close()
    } finally {
      await r.close()
    }
  })
})
