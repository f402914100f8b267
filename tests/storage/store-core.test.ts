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
import { sampleOrganisation } from '../../src/testing/index.js'

const must = <A>(r: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right
}

/** A dialect that counts how many of its write transactions run at once. */
const counting = (inner: StorageDialect) => {
  let now = 0
  let most = 0
  const dialect: StorageDialect = {
    ...inner,
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
