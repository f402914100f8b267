/**
 * The append in one round trip on PostgreSQL (issue 18): a store places a batch against the
 * frontier its own last append left and the server-side function writes it only when the register
 * still holds that size. Two writers with their own stale frontiers, racing, must never fork the
 * tree or leave a gap; a moved register, a seen key and a matched condition answer as the
 * four-step protocol does; a register of schema 3 gets the function from its first write-open only.
 */
import * as E from 'fp-ts/lib/Either.js'
import pg from 'pg'
import { afterAll, expect, it } from 'vitest'
import { appendFunctionSql } from '../../adapters/postgres/append-function.js'
import { lockKey } from '../../adapters/postgres/schema.js'
import { connectPostgres, openPostgres, PG_SCHEMA_VERSION, postgresEventStore, targetOf, type PgPool } from '../../adapters/postgres/index.js'
import { verifyLog } from '../../src/audit/verify.js'
import type { NewEvent } from '../../src/domain/events.js'
import type { EventStore } from '../../src/ports/event-store.js'
import { orgTagOf, sampleContact, sampleOrganisation } from '../../src/testing/sample-events.js'
import { describePg, dropSchema, freshSchema, PG_URL } from './pg-server.js'

const schemas: string[] = []
const schemaFor = (): string => {
  const s = `${freshSchema()}_race`
  schemas.push(s)
  return s
}
afterAll(async () => {
  for (const s of schemas) await dropSchema(s)
})

const must = <A>(r: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right
}

/** A store on a pool of its own (its own connections and its own kept frontier). */
const openStore = async (schema: string, url = PG_URL) => {
  const opened = must(await openPostgres({ url, schema, max: 4 }))
  return { store: opened.store, close: opened.close }
}

/** A pool whose statements are counted: `statements` (pool queries) and `clients` (connections taken for a transaction). */
const countingPool = (pool: PgPool) => {
  const seen = { statements: 0, clients: 0 }
  const counted: PgPool = {
    query: (q, v) => (seen.statements++, pool.query(q, v)),
    connect: async () => (seen.clients++, pool.connect()),
    end: () => pool.end(),
  }
  return { pool: counted, seen }
}

/** The whole log: positions dense from 0, each contact once, and the tree verified. */
/** A register written by today's code (an organisation and a contact), closed, and a client to alter it with. */
const writtenRegister = async (): Promise<{ schema: string; admin: pg.Client }> => {
  const schema = schemaFor()
  const first = await openStore(schema)
  must(await first.store.append([sampleOrganisation(1), sampleContact(1, [1])])())
  await first.close()
  const admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  return { schema, admin }
}

const checkLog = async (store: EventStore, contacts: ReadonlyArray<number>) => {
  const log = must(await store.read()())
  expect(log.map((e) => e.position)).toEqual([...log.keys()])
  const ids = log.filter((e) => e.type === 'ContactRecorded').map((e) => (e.data as { contactId: string }).contactId)
  expect(new Set(ids).size).toBe(ids.length)
  expect(ids.length).toBe(contacts.length)
  expect(must(await verifyLog(store)())._tag).toBe('Verified')
  return log
}

describePg('the PostgreSQL append in one round trip', () => {
  it('two stores with their own kept frontiers, appending at once, leave one dense, verifiable log and every event once', async () => {
    const schema = schemaFor()
    const a = await openStore(schema)
    const b = await openStore(schema)
    try {
      // each keeps the frontier of its own first append; every later append of the other makes it stale
      must(await a.store.append([sampleOrganisation(1)])())
      must(await b.store.append([sampleOrganisation(2)])())
      let n = 0
      const sent: number[] = []
      const batchOf = (k: number): NewEvent[] => Array.from({ length: 1 + (k % 3) }, () => (sent.push(++n), sampleContact(n, [1 + (n % 2)])))
      const appends = Array.from({ length: 40 }, (_, k) => (k % 2 === 0 ? a : b).store.append(batchOf(k))())
      const answers = await Promise.all(appends)
      for (const r of answers) expect(E.isRight(r) ? 'ok' : r.left.message).toBe('ok')
      // the receipts' positions are where the events are, and none is claimed twice
      const claimed = answers.flatMap((r) => (E.isRight(r) ? r.right.map((e) => e.position) : []))
      expect(new Set(claimed).size).toBe(claimed.length)
      const log = await checkLog(a.store, sent)
      expect(log.length).toBe(2 + sent.length)
      // and the other store appends on after all that, where the log ends
      const next = must(await b.store.append([sampleContact(++n, [2])])())
      expect(next.map((e) => e.position)).toEqual([log.length])
      await checkLog(b.store, [...sent, n])
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('a frontier another writer moved: a condition its events hit and a key it stored are conflicts; otherwise the batch lands where the log ends', async () => {
    const schema = schemaFor()
    const a = await openStore(schema)
    const b = await openStore(schema)
    try {
      must(await a.store.append([sampleOrganisation(1), sampleOrganisation(2)])()) // a keeps the frontier at 2
      must(await b.store.append([sampleContact(1, [1])])()) // position 2, tagged organisation 1
      const onOne = await a.store.append([sampleContact(2, [1])], { condition: { query: [{ tags: [orgTagOf(1)] }], after: 1 } })()
      expect(E.isLeft(onOne) && onOne.left).toMatchObject({ _tag: 'Conflict' })
      // a decision about organisation 2 saw everything that concerns it: it lands after b's event
      const onTwo = must(await a.store.append([sampleContact(3, [2])], { condition: { query: [{ tags: [orgTagOf(2)] }], after: 1 } })())
      expect(onTwo.map((e) => e.position)).toEqual([3])
      must(await b.store.append([sampleContact(4, [2], {}, { idempotencyKey: 'k-once' })])())
      const again = await a.store.append([sampleContact(5, [2], {}, { idempotencyKey: 'k-once' })])()
      expect(E.isLeft(again) && again.left).toMatchObject({ _tag: 'Conflict' })
      // a condition over several tags at once (all of them) and over types
      const both = await a.store.append([sampleContact(6, [1, 2])], { condition: { query: [{ tags: [orgTagOf(1), orgTagOf(2)] }, { types: ['OrganisationRegistered'] }], after: 4 } })()
      expect(E.isRight(both) && both.right.map((e) => e.position)).toEqual([5])
      must(await b.store.append([sampleContact(7, [1, 2])])())
      const late = await a.store.append([sampleContact(8, [1])], { condition: { query: [{ tags: [orgTagOf(1), orgTagOf(2)] }], after: 5 } })()
      expect(E.isLeft(late) && late.left).toMatchObject({ _tag: 'Conflict' })
      await checkLog(a.store, [1, 3, 4, 6, 7])
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('an append whose frontier is kept is one statement on the server, a batch of a hundred too', async () => {
    const schema = schemaFor()
    await (await openStore(schema)).close()
    const raw = must(await connectPostgres(PG_URL, { max: 2 }))
    const { pool, seen } = countingPool(raw)
    const store = must(await postgresEventStore(pool, targetOf(PG_URL), { schema }))
    try {
      // the first append has no frontier of its own yet: the four steps, in a transaction on a connection of its own
      const opened = { ...seen }
      must(await store.append([sampleOrganisation(1)])())
      expect({ statements: seen.statements - opened.statements, clients: seen.clients - opened.clients }).toEqual({ statements: 0, clients: 1 })
      const before = { ...seen }
      must(await store.append([sampleContact(1, [1])])())
      expect({ statements: seen.statements - before.statements, clients: seen.clients - before.clients }).toEqual({ statements: 1, clients: 0 })
      const batch = Array.from({ length: 100 }, (_, k) => sampleContact(2 + k, [1]))
      const mid = { ...seen }
      const placed = must(await store.append(batch, { condition: { query: [{ tags: [orgTagOf(1)] }], after: 1 } })())
      expect(placed.map((e) => e.position)).toEqual(batch.map((_, k) => 2 + k))
      expect({ statements: seen.statements - mid.statements, clients: seen.clients - mid.clients }).toEqual({ statements: 1, clients: 0 })
      await checkLog(store, [1, ...batch.map((_, k) => 2 + k)])
    } finally {
      await store.close()
    }
  })

  it('under a serializable default isolation (a role or database setting) appends take the locked path and still never fork', async () => {
    const schema = schemaFor()
    const strict = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent('-c default_transaction_isolation=serializable')}`
    const a = await openStore(schema, strict)
    const b = await openStore(schema)
    try {
      must(await a.store.append([sampleOrganisation(1)])())
      must(await b.store.append([sampleOrganisation(2)])())
      const answers = await Promise.all(Array.from({ length: 20 }, (_, k) => (k % 2 === 0 ? a : b).store.append([sampleContact(k, [1])])()))
      for (const r of answers) expect(E.isRight(r) ? 'ok' : r.left.message).toBe('ok')
      await checkLog(a.store, [...Array(20).keys()])
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('a register whose schema was renamed, with another register made under its old name, appends to itself only', async () => {
    const old = schemaFor()
    const renamed = schemaFor()
    const first = await openStore(old)
    must(await first.store.append([sampleOrganisation(1)])())
    await first.close()
    const admin = new pg.Client({ connectionString: PG_URL })
    await admin.connect()
    try {
      await admin.query(`ALTER SCHEMA ${old} RENAME TO ${renamed}`)
    } finally {
      await admin.end()
    }
    const other = await openStore(old)
    const moved = await openStore(renamed)
    try {
      must(await other.store.append([sampleOrganisation(2)])()) // the same size as the renamed register
      must(await moved.store.append([sampleContact(1, [1])])())
      must(await moved.store.append([sampleContact(2, [1])])())
      expect(must(await moved.store.read()()).map((e) => e.type)).toEqual(['OrganisationRegistered', 'ContactRecorded', 'ContactRecorded'])
      expect(must(await other.store.read()()).map((e) => e.type)).toEqual(['OrganisationRegistered'])
      await checkLog(moved.store, [1, 2])
    } finally {
      await other.close()
      await moved.close()
    }
  })

  it('a register of schema 4 (its function scanning for tag = ANY) gets the per-tag seeks from its first write-open, and its conditions hold', async () => {
    const { schema, admin } = await writtenRegister()
    const state = async () => ({
      version: Number((await admin.query(`SELECT version FROM ${schema}.schema_version`)).rows[0]?.version),
      lateral: /unnest\(\$2\) AS q\(tag\)/.test(
        String((await admin.query(`SELECT pg_get_functiondef(p.oid) AS def FROM pg_proc p JOIN pg_namespace s ON s.oid = p.pronamespace WHERE s.nspname = $1 AND p.proname = 'append_placed'`, [schema])).rows[0]?.def),
      ),
    })
    try {
      // the function exactly as schema 4 made it
      await admin.query(`${appendFunctionSql(`"${schema}"`, lockKey('append', schema), 'any')}; UPDATE "${schema}".schema_version SET version = 4`)
      expect(await state()).toEqual({ version: 4, lateral: false })
      const reader = must(await openPostgres({ url: PG_URL, schema, create: false }))
      expect(must(await reader.store.read()()).map((e) => e.position)).toEqual([0, 1])
      await reader.close()
      expect(await state()).toEqual({ version: 4, lateral: false })
      const writer = await openStore(schema)
      try {
        expect(await state()).toEqual({ version: 5, lateral: true })
        // single-tag items make one AnyTag group: met when nothing came after, a Conflict when something did
        const query = [{ tags: [orgTagOf(1)] }, { tags: [orgTagOf(2)] }]
        must(await writer.store.append([sampleContact(2, [1])], { condition: { query, after: 1 } })())
        const stale = await writer.store.append([sampleContact(3, [1])], { condition: { query, after: 1 } })()
        expect(E.isLeft(stale) && stale.left._tag).toBe('Conflict')
        // the same group asking only registrations: the contact since does not match it
        const typed = [{ tags: [orgTagOf(1)], types: ['OrganisationRegistered'] }, { tags: [orgTagOf(2)], types: ['OrganisationRegistered'] }]
        must(await writer.store.append([sampleContact(3, [1])], { condition: { query: typed, after: 1 } })())
        await checkLog(writer.store, [1, 2, 3])
      } finally {
        await writer.close()
      }
    } finally {
      await admin.end()
    }
  })

  it('a register of schema 3 (as main wrote it) gets the function from its first write-open, never from a read-only open', async () => {
    const { schema, admin } = await writtenRegister()
    const state = async () => ({
      version: Number((await admin.query(`SELECT version FROM ${schema}.schema_version`)).rows[0]?.version),
      fn: (await admin.query(`SELECT count(*)::int AS n FROM pg_proc p JOIN pg_namespace s ON s.oid = p.pronamespace WHERE s.nspname = $1 AND p.proname = 'append_placed'`, [schema])).rows[0]?.n,
    })
    try {
      await admin.query(`DROP FUNCTION ${schema}.append_placed; UPDATE ${schema}.schema_version SET version = 3`)
      expect(await state()).toEqual({ version: 3, fn: 0 })
      const reader = must(await openPostgres({ url: PG_URL, schema, create: false }))
      expect(must(await reader.store.read()()).map((e) => e.position)).toEqual([0, 1])
      await reader.close()
      expect(await state()).toEqual({ version: 3, fn: 0 })
      const writer = await openStore(schema)
      try {
        expect(await state()).toEqual({ version: PG_SCHEMA_VERSION, fn: 1 })
        must(await writer.store.append([sampleContact(2, [1])])())
        expect(must(await writer.store.append([sampleContact(3, [1])])()).map((e) => e.position)).toEqual([3])
        // a function dropped by hand (a restore that left it out): appends take the four steps
        await admin.query(`DROP FUNCTION ${schema}.append_placed`)
        expect(must(await writer.store.append([sampleContact(4, [1])])()).map((e) => e.position)).toEqual([4])
        await checkLog(writer.store, [1, 2, 3, 4])
      } finally {
        await writer.close()
      }
    } finally {
      await admin.end()
    }
  })
})
