/**
 * The append protocol in the core (`src/store`): one write transaction at a time on dialects that
 * share one connection, the frontier taken from the dialect when its own is not known, and a
 * missing tree node named as corruption.
 */
import * as E from 'fp-ts/lib/Either.js'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { memoryDialect } from '../../adapters/memory/dialect.js'
import { emptyTables } from '../../adapters/memory/schema.js'
import { openSqlite } from '../../adapters/sqlite/index.js'
import { eventStoreOver, type StorageDialect } from '../../src/store/index.js'
import { sampleContact, sampleOrganisation } from '../../src/testing/index.js'

const must = <A>(r: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right
}

/** A dialect that counts how many of its write transactions run at once. */
const counting = (inner: StorageDialect) => {
  let now = 0
  let most = 0
  // it replaces `transact`, so it drops the synchronous one, as the port asks of a wrapper
  const { transactSync: _sync, ...rest } = inner
  const dialect: StorageDialect = {
    ...rest,
    transact: (plan) => () => {
      most = Math.max(most, ++now)
      // a turn of the event loop inside the transaction, where a second one could start
      return new Promise<void>((r) => setTimeout(r, 1)).then(() => inner.transact(plan)()).finally(() => void now--)
    },
  }
  return { dialect, most: () => most }
}

describe('eventStoreOver', () => {
  it('runs one write transaction at a time on a dialect without parallel transactions', async () => {
    const c = counting(memoryDialect())
    const store = eventStoreOver(c.dialect)
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => store.append([sampleOrganisation(i)])()))
    expect(results.every(E.isRight)).toBe(true)
    expect(c.most()).toBe(1)
    expect(must(await store.size()())).toBe(12)
  })

  it('on a synchronous dialect, appends and checkpoints started together all land, in the order they were started', async () => {
    const tables = emptyTables()
    const inner = memoryDialect(tables)
    // each checkpoint notes how many events were stored when it was written
    const seen: number[] = []
    const store = eventStoreOver({ ...inner, putCheckpoint: (c) => () => (seen.push(tables.events.length), inner.putCheckpoint(c)()) })
    // a checkpoint queued first makes the appends behind it wait their turn rather than jump it
    const tasks = Array.from({ length: 20 }, (_, i) =>
      i % 4 === 0 ? store.putCheckpoint({ treeSize: i, note: `n${i}` })() : store.append([sampleOrganisation(i)])(),
    )
    const results = await Promise.all(tasks)
    expect(results.filter(E.isLeft)).toEqual([])
    expect(seen).toEqual([0, 3, 6, 9, 12])
    const positions = results.flatMap((r, i) => (i % 4 === 0 || E.isLeft(r) ? [] : [(r.right as ReadonlyArray<{ position: number }>)[0]!.position]))
    expect(positions).toEqual(Array.from({ length: 15 }, (_, k) => k))
    expect(tables.texts).toHaveLength(15)
    // and alone, an append runs at once (no queue to wait for)
    const alone = store.append([sampleOrganisation(99)])()
    expect(tables.events).toHaveLength(16)
    expect(must(await alone).map((e) => e.position)).toEqual([15])
    expect(must(await store.checkpoints()()).map((c) => c.treeSize)).toEqual([0, 4, 8, 12, 16])
  })

  it('on a synchronous dialect, a failed condition and a repeated key append nothing, and the next append lands after the last', async () => {
    const store = eventStoreOver(memoryDialect())
    const first = must(await store.append([sampleOrganisation(1)])())
    const org = first[0]!.tags[0]!
    const stale = await store.append([sampleOrganisation(2)], { condition: { query: [{ tags: [org] }], after: -1 } })()
    expect(E.isLeft(stale) && stale.left).toMatchObject({ _tag: 'Conflict' })
    expect(must(await store.size()())).toBe(1)
    const next = must(await store.append([sampleOrganisation(3)], { condition: { query: [{ tags: [org] }], after: 0 } })())
    expect(next.map((e) => e.position)).toEqual([1])
  })

  it('on the memory dialect, a condition over several tags and several types sees a later event whatever its type', async () => {
    const store = eventStoreOver(memoryDialect())
    const tags = ['probe:x', 'probe:y']
    must(await store.append([{ ...sampleContact(1, [1]), tags }])())
    must(await store.append([{ ...sampleOrganisation(1), tags }])())
    const query = [{ types: ['OrganisationRegistered', 'ContactRecorded'], tags }]
    expect(must(await store.read({ query })()).map((e) => e.position)).toEqual([0, 1])
    // position 1 lies after 0: the condition fails, and nothing is appended
    const r = await store.append([sampleOrganisation(2)], { condition: { query, after: 0 } })()
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'Conflict' })
    expect(must(await store.size()())).toBe(2)
  })

  it('on one SQLite connection, lets concurrent appends and checkpoints all land, none inside another’s transaction', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-core-'))
    const opened = must(await openSqlite({ path: join(dir, 'register.db') }))
    try {
      const tasks = Array.from({ length: 20 }, (_, i) =>
        i % 4 === 3 ? opened.store.putCheckpoint({ treeSize: i, note: `n${i}` })() : opened.store.append([sampleOrganisation(i)])(),
      )
      const results = await Promise.all(tasks)
      expect(results.filter(E.isLeft)).toEqual([])
      expect(must(await opened.store.size()())).toBe(15)
      expect(must(await opened.store.checkpoints()()).map((c) => c.treeSize)).toEqual([3, 7, 11, 15, 19])
    } finally {
      await opened.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('reads the frontier from the dialect when another writer appended, and names a missing node as corruption', async () => {
    const tables = emptyTables()
    const first = eventStoreOver(memoryDialect(tables))
    const second = eventStoreOver(memoryDialect(tables))
    must(await first.append([sampleOrganisation(1), sampleOrganisation(2), sampleOrganisation(3)])())
    must(await second.append([sampleOrganisation(4)])())
    must(await first.append([sampleOrganisation(5)])())
    const all = must(await first.read()())
    expect(all.map((e) => e.position)).toEqual([0, 1, 2, 3, 4])
    tables.nodes.delete('2:0')
    const r = await second.append([sampleOrganisation(6)])()
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'StoreError', reason: 'corrupt', message: expect.stringMatching(/tree nodes of a tree of size 5.*run verify/) })
    expect(must(await second.size()())).toBe(5)
  })
})
