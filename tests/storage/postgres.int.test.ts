import * as E from 'fp-ts/lib/Either.js'
import pg from 'pg'
import { expect, it } from 'vitest'
import { connectPostgres, openPostgres, postgresKeyStore, targetOf } from '../../adapters/postgres/index.js'
import { describeEventStoreConformance, describeKeyStoreConformance } from '../../src/testing/vitest.js'
import { orgTagOf, sampleContact, sampleOrganisation } from '../../src/testing/sample-events.js'
import { describePg, dropSchema, freshSchema, PG_URL } from './pg-server.js'

describePg('postgres', () => {
  describeEventStoreConformance('postgres', async () => {
    const schema = freshSchema()
    const opened = await openPostgres({ url: PG_URL, schema })
    if (E.isLeft(opened)) throw new Error(opened.left.message)
    return { store: opened.right.store, cleanup: async () => (await opened.right.close(), await dropSchema(schema)) }
  })

  describeKeyStoreConformance('postgres', async () => {
    const schema = freshSchema()
    const open = async () => {
      const pool = await connectPostgres(PG_URL, { max: 4 })
      if (E.isLeft(pool)) throw new Error(pool.left.message)
      const keys = await postgresKeyStore(pool.right, targetOf(PG_URL), { schema })
      if (E.isLeft(keys)) throw new Error(keys.left.message)
      return keys.right
    }
    const keys = await open()
    return { keys, reopen: async () => (await keys.close(), await open()), cleanup: () => dropSchema(schema) }
  })

  it('opens a register of schema version 1 (tags only in a GIN-indexed column), moves its tags into event_tags and keeps its conditions', async () => {
    const schema = freshSchema()
    const first = await openPostgres({ url: PG_URL, schema })
    if (E.isLeft(first)) throw new Error(first.left.message)
    const store = first.right.store
    expect(E.isRight(await store.append([sampleOrganisation(1), sampleOrganisation(2), sampleContact(1, [1, 2])])())).toBe(true)
    await first.right.close()
    // take the register back to how version 1 left it
    const admin = new pg.Client({ connectionString: PG_URL })
    await admin.connect()
    try {
      await admin.query(`DROP TABLE ${schema}.event_tags; DROP TABLE ${schema}.checkpoint_cosignatures; CREATE INDEX events_by_tags ON ${schema}.events USING gin (tags); UPDATE ${schema}.schema_version SET version = 1`)
      const again = await openPostgres({ url: PG_URL, schema })
      if (E.isLeft(again)) throw new Error(again.left.message)
      try {
        const tags = await admin.query(`SELECT tag, position::int AS position FROM ${schema}.event_tags ORDER BY position, tag`)
        const want = (await again.right.store.read()()) as E.Right<ReadonlyArray<{ position: number; tags: ReadonlyArray<string> }>>
        expect(tags.rows).toEqual(want.right.flatMap((e) => [...new Set(e.tags)].sort().map((tag) => ({ tag, position: e.position }))))
        // a write-open takes it to the latest version (3: checkpoint_cosignatures; 4: the append function; 5: its per-tag seeks)
        expect((await admin.query(`SELECT version FROM ${schema}.schema_version`)).rows).toEqual([{ version: 5 }])
        expect((await admin.query(`SELECT to_regclass('${schema}.checkpoint_cosignatures') IS NOT NULL AS made`)).rows).toEqual([{ made: true }])
        // the contact at 2 carries organisation 2's tag: a decision that saw only up to 1 conflicts
        const late = await again.right.store.append([sampleContact(2, [2])], { condition: { query: [{ tags: [orgTagOf(2)] }], after: 1 } })()
        expect(E.isLeft(late) && late.left._tag).toBe('Conflict')
        const onTime = await again.right.store.append([sampleContact(2, [2])], { condition: { query: [{ tags: [orgTagOf(2)] }], after: 2 } })()
        expect(E.isRight(onTime) && onTime.right.map((e) => e.position)).toEqual([3])
      } finally {
        await again.right.close()
      }
    } finally {
      await admin.end()
      await dropSchema(schema)
    }
  })
})
