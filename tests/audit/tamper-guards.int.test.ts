/**
 * The register's tables are append-only at the database level (issue 14): with the triggers on, a
 * direct UPDATE or DELETE (PostgreSQL: and TRUNCATE) of the log, the tag index, the tree nodes and
 * the stored checkpoints fails through any connection that has not dropped them, so an exclusion
 * cannot be hidden from a decision that way; a write-open puts them on a register written before
 * them, a read-only open changes nothing (DOMAIN.md rule 22); `rebuildIndexes` (verify --repair)
 * still repairs, and leaves them on.
 */
import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, describe, expect, it } from 'vitest'
import { memoryKeyStore } from '../../adapters/memory/index.js'
import { dropGuardsSql } from '../../adapters/postgres/guards.js'
import { connectPostgres, openPostgres, PG_GUARDED_TABLES } from '../../adapters/postgres/index.js'
import { connectSqlite, openSqlite, SQLITE_GUARD_TRIGGERS, SQLITE_SCHEMA_VERSION } from '../../adapters/sqlite/index.js'
import { rebuildIndexes, verifyIndexes } from '../../src/audit/index.js'
import { createLedger, fixedClock, sequentialIds, type EventStore } from '../../src/index.js'
import { cmd, NOW, ORG_A, ORG_B, run, grantFixtureRoles } from '../fixtures/domain.js'
import { describePg, dropSchema, freshSchema, PG_URL } from '../storage/pg-server.js'

const must = <A>(e: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

/** Two organisations, a contact, A's exclusion on a statement, and a signed-looking stored checkpoint. */
const fill = async (store: EventStore) => {
  await grantFixtureRoles(store)
  const ledger = createLedger({ store, keys: memoryKeyStore(), clock: fixedClock(NOW), ids: sequentialIds() })
  await run(ledger, cmd.registerOrganisation(), cmd.registerOrganisation(ORG_B, 'Vereniging Elders'), cmd.contact([ORG_A, ORG_B]), cmd.statement(), cmd.exclude())
  must(await store.putCheckpoint({ treeSize: 5, note: 'contact-ledger.local/register\n5\nAAAA\n\n— sig\n' })())
  expect(must(await store.addCosignatures(5, ['— audit.example/witness BBBB'])())).toEqual(['— audit.example/witness BBBB'])
  return must(await store.read()()).find((e) => e.type === 'ExclusionDecided')!.position
}

const forbidden = cmd.contact([ORG_A], { occurredOn: '2025-02-01' })

/** Every edit an attacker would try through the application's connection, per table. */
const edits = (p: number): ReadonlyArray<readonly [string, string]> => [
  ['event_tags', `DELETE FROM event_tags WHERE position = ${p}`],
  ['event_tags', `UPDATE event_tags SET tag = 'organisation:x' WHERE position = ${p}`],
  ['events', `UPDATE events SET type = 'ContactRecorded' WHERE position = ${p}`],
  ['events', `DELETE FROM events WHERE position = ${p}`],
  ['nodes', `DELETE FROM nodes WHERE level = 0`],
  ['nodes', `UPDATE nodes SET idx = idx + 1000`],
  ['checkpoints', `DELETE FROM checkpoints`],
  ['checkpoints', `UPDATE checkpoints SET note = 'x'`],
  ['checkpoint_cosignatures', `DELETE FROM checkpoint_cosignatures`],
  ['checkpoint_cosignatures', `UPDATE checkpoint_cosignatures SET line = '— audit.example/witness CCCC'`],
  ['checkpoint_cosignatures', `UPDATE checkpoint_cosignatures SET tree_size = 4`],
]

interface Lab {
  /** A fresh register, written (and so guarded) by the library. */
  readonly fresh: () => Promise<{ sql: (text: string) => Promise<void>; open: (create?: boolean) => Promise<EventStore>; count: (table: string) => Promise<number> }>
  readonly dropGuards: string
}

const suite = (lab: Lab) => {
  it('every UPDATE and DELETE of the log, the tag index, the tree and the checkpoints fails and changes nothing; the forbidden contact is still refused', async () => {
    const r = await lab.fresh()
    const store = await r.open()
    const p = await fill(store)
    await store.close()
    const before = Object.fromEntries(await Promise.all(['events', 'event_tags', 'nodes', 'checkpoints', 'checkpoint_cosignatures'].map(async (t) => [t, await r.count(t)] as const)))
    for (const [table, sql] of edits(p)) {
      const err = await r.sql(sql).then(() => undefined, (e: unknown) => (e instanceof Error ? e.message : String(e)))
      expect(err, sql).toMatch(new RegExp(`the register is append-only: (UPDATE|DELETE) on (\\S+\\.)?${table} refused`))
    }
    for (const [t, n] of Object.entries(before)) expect(await r.count(t)).toBe(n)
    expect(before['checkpoint_cosignatures']).toBe(1)
    const again = await r.open()
    expect(must(await again.checkpoints()())).toEqual([{ treeSize: 5, note: 'contact-ledger.local/register\n5\nAAAA\n\n— sig\n— audit.example/witness BBBB\n' }])
    const ledger = createLedger({ store: again, keys: memoryKeyStore(), clock: fixedClock(NOW), ids: sequentialIds() })
    expect(E.isLeft(await ledger.execute(forbidden))).toBe(true)
    await again.close()
  })

  it('with the triggers dropped by hand (the database owner can), verify names the edit and the rebuild repairs it and puts them back', async () => {
    const r = await lab.fresh()
    const store = await r.open()
    const p = await fill(store)
    await store.close()
    await r.sql(`${lab.dropGuards}; DELETE FROM event_tags WHERE position = ${p}`)
    const reopened = await r.open(false) // a read-only open: the triggers stay off, nothing changes
    expect(must(await verifyIndexes(reopened)())._tag).toBe('VerificationFailure')
    must(await rebuildIndexes(reopened)())
    expect(must(await verifyIndexes(reopened)())._tag).toBe('IndexesVerified')
    await reopened.close()
    await expect(r.sql(`DELETE FROM event_tags WHERE position = ${p}`)).rejects.toThrow(/append-only/)
  })

  it('a checkpoint deleted under its cosignatures (triggers dropped by hand) is named by verify, and no rebuild hides it', async () => {
    const r = await lab.fresh()
    const store = await r.open()
    await fill(store)
    await store.close()
    await r.sql(`${lab.dropGuards}; DELETE FROM checkpoints WHERE tree_size = 5`)
    const reopened = await r.open(false)
    const found = must(await verifyIndexes(reopened)())
    expect(found).toMatchObject({ _tag: 'VerificationFailure', reason: expect.stringContaining('checkpoint_cosignatures holds a cosignature of the checkpoint at size 5, which the checkpoints table lacks: a checkpoint was deleted') })
    must(await rebuildIndexes(reopened)())
    expect(must(await verifyIndexes(reopened)())._tag).toBe('VerificationFailure')
    expect(await r.count('checkpoint_cosignatures')).toBe(1)
    await reopened.close()
    await expect(r.sql(`DELETE FROM checkpoint_cosignatures`)).rejects.toThrow(/append-only/)
  })
}

describe('append-only triggers on SQLite', () => {
  const sqliteLab = (path: string): Awaited<ReturnType<Lab['fresh']>> => ({
    sql: async (text) => {
      const db = must(connectSqlite(path))
      try {
        db.exec(text)
      } finally {
        db.close()
      }
    },
    open: async (create = true) => must(await openSqlite({ path, create })).store,
    count: async (table) => {
      const db = must(connectSqlite(path))
      try {
        return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
      } finally {
        db.close()
      }
    },
  })
  suite({
    fresh: async () => sqliteLab(join(mkdtempSync(join(tmpdir(), 'cl-guards-')), 'register.db')),
    dropGuards: SQLITE_GUARD_TRIGGERS.map((t) => `DROP TRIGGER IF EXISTS ${t}`).join('; '),
  })

  it('a register written before the triggers (the v1 fixture) gets none from a read-only open, and all from its next write-open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-guards-v1-'))
    const path = join(dir, 'register.db')
    copyFileSync(join(import.meta.dirname, '../fixtures/registers/v1/register.db'), path)
    copyFileSync(join(import.meta.dirname, '../fixtures/registers/v1/register.db.keys'), `${path}.keys`)
    const triggers = () => {
      const db = must(connectSqlite(path))
      try {
        return (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all() as Array<{ name: string }>).map((r) => r.name)
      } finally {
        db.close()
      }
    }
    const read = must(await openSqlite({ path, create: false }))
    await read.close()
    expect(triggers()).toEqual([])
    const write = must(await openSqlite({ path }))
    await write.close()
    expect(triggers()).toEqual([...SQLITE_GUARD_TRIGGERS].sort())
  })

  it('a register without the cosignature table (the v1 fixture) gets none from a read-only open, and gets it, guarded, from a write-open or its first stored cosignature', async () => {
    const copy = () => {
      const path = join(mkdtempSync(join(tmpdir(), 'cl-cosig-v1-')), 'register.db')
      copyFileSync(join(import.meta.dirname, '../fixtures/registers/v1/register.db'), path)
      copyFileSync(join(import.meta.dirname, '../fixtures/registers/v1/register.db.keys'), `${path}.keys`)
      return path
    }
    const schema = (path: string) => {
      const db = must(connectSqlite(path))
      try {
        const has = (type: string, name: string) => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?`).get(type, name) !== undefined
        return { table: has('table', 'checkpoint_cosignatures'), guarded: has('trigger', 'checkpoint_cosignatures_no_delete'), version: db.pragma('user_version', { simple: true }) }
      } finally {
        db.close()
      }
    }
    const a = copy()
    const read = must(await openSqlite({ path: a, create: false }))
    const stored = must(await read.store.checkpoints()())
    expect(stored).toHaveLength(4) // read as before, without cosignatures
    expect(schema(a)).toEqual({ table: false, guarded: false, version: 3 })
    // the first cosignature stored through that open is a write: it migrates, then stores
    const last = stored.at(-1)!
    expect(must(await read.store.addCosignatures(last.treeSize, ['— audit.example/witness BBBB'])())).toEqual(['— audit.example/witness BBBB'])
    expect(must(await read.store.checkpoints()()).at(-1)!.note).toBe(`${last.note}— audit.example/witness BBBB\n`)
    await read.close()
    expect(schema(a)).toEqual({ table: true, guarded: true, version: SQLITE_SCHEMA_VERSION })
    const b = copy()
    await must(await openSqlite({ path: b })).close()
    expect(schema(b)).toEqual({ table: true, guarded: true, version: SQLITE_SCHEMA_VERSION })
  })
})

const schemas: string[] = []
afterAll(async () => {
  for (const s of schemas) await dropSchema(s)
})

describePg('append-only triggers on PostgreSQL', () => {
  const pgLab = async () => {
    const schema = freshSchema()
    schemas.push(schema)
    const pool = must(await connectPostgres(PG_URL, { max: 1 }))
    const q = async (text: string) => {
      try {
        return await pool.query(`SET search_path TO "${schema}"; ${text}`)
      } catch (e) {
        throw e instanceof Error ? e : new Error(String(e))
      }
    }
    return { schema, pool, q }
  }
  suite({
    fresh: async () => {
      const { schema, q } = await pgLab()
      return {
        sql: async (text) => void (await q(text)),
        open: async (create = true) => must(await openPostgres({ url: PG_URL, schema, create })).store,
        count: async (table) => {
          const r = (await q(`SELECT count(*)::int AS n FROM ${table}`)) as unknown as Array<{ rows: Array<{ n: number }> }>
          return r[1]!.rows[0]!.n
        },
      }
    },
    // the schema is on the search path: the triggers named by table alone
    dropGuards: PG_GUARDED_TABLES.map((t) => `DROP TRIGGER IF EXISTS append_only ON ${t}; DROP TRIGGER IF EXISTS append_only_truncate ON ${t}`).join('; '),
  })

  it('TRUNCATE of a guarded table fails too', async () => {
    const { schema, q } = await pgLab()
    const opened = must(await openPostgres({ url: PG_URL, schema }))
    await fill(opened.store)
    await opened.close()
    for (const t of ['events', 'event_tags', 'nodes', 'checkpoints', 'checkpoint_cosignatures']) await expect(q(`TRUNCATE ${t} CASCADE`)).rejects.toThrow(/append-only: TRUNCATE on/)
  })

  it('a register written before the triggers gets them on its next write-open, not from a read-only one', async () => {
    const { schema, q } = await pgLab()
    const opened = must(await openPostgres({ url: PG_URL, schema }))
    await fill(opened.store)
    await opened.close()
    await q(dropGuardsSql(`"${schema}"`))
    const count = async () => ((await q(`SELECT count(*)::int AS n FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '${schema}' AND NOT t.tgisinternal`)) as unknown as Array<{ rows: Array<{ n: number }> }>)[1]!.rows[0]!.n
    expect(await count()).toBe(0)
    await (must(await openPostgres({ url: PG_URL, schema, create: false }))).close()
    expect(await count()).toBe(0)
    await (must(await openPostgres({ url: PG_URL, schema }))).close()
    expect(await count()).toBe(10)
  })
})
