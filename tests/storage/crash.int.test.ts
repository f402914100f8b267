/**
 * Crash safety: a process appending batches to a SQLite register is killed with SIGKILL, 20 times.
 * After each kill the register opens, holds only whole batches (every batch it reported committed
 * among them), every event reads back, and the tree's root equals one recomputed from the entries.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { openSqliteEventStore } from '../../adapters/sqlite/index.js'
import { entryBytes } from '../../src/audit/canonical.js'
import { hashLeaf } from '../../src/audit/hash.js'
import { extendTree, frontierIds, nodeKey, rootFromFrontier } from '../../src/audit/tree.js'

const APPENDER = join(import.meta.dirname, 'children', 'batches.ts')

/** Starts the appender, waits until it reported `after` more commits, then kills it. */
const appendThenKill = (path: string, seed: number, after: number): Promise<string[]> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', APPENDER, path, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => {
      out += d
      if (out.split('\n').length > after) child.kill('SIGKILL')
    })
    child.stderr.on('data', (d) => (err += d))
    child.on('close', (_code, signal) => (signal === 'SIGKILL' ? resolve(out.split('\n').filter((l) => l !== '')) : reject(new Error(`appender ended without being killed: ${err}`))))
  })

describe('a SQLite register under SIGKILL', () => {
  it('keeps whole batches only, opens, reads back, and its root matches a recomputation, 20 times', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-crash-'))
    const path = join(dir, 'register.db')
    const committed = new Map<string, number>()
    try {
      for (let round = 0; round < 20; round++) {
        for (const line of await appendThenKill(path, round + 1, 3 + (round % 7))) {
          const [batch, size] = line.split(' ')
          committed.set(batch!, Number(size))
        }
        const store = openSqliteEventStore(path)
        if (E.isLeft(store)) throw new Error(store.left.message)
        const all = await store.right.read()()
        const size = await store.right.size()()
        if (E.isLeft(all) || E.isLeft(size)) throw new Error('read failed')
        const log = all.right
        expect(log.map((e) => e.position)).toEqual([...Array(size.right).keys()])
        // whole batches, each contiguous
        const batches = new Map<string, number[]>()
        for (const e of log) batches.set(e.meta.correlationId, [...(batches.get(e.meta.correlationId) ?? []), e.position])
        for (const [batch, positions] of batches) {
          const first = log[positions[0]!]!
          const total = Number(/of (\d+)$/.exec((first.data as { subject: string }).subject)![1])
          expect(positions, batch).toEqual(Array.from({ length: total }, (_, i) => positions[0]! + i))
        }
        for (const [batch, n] of committed) expect(batches.get(batch)?.length, `committed batch ${batch}`).toBe(n)
        // the stored tree equals one rebuilt from the entries
        const rebuilt = new Map(extendTree(0, [], log.map((e) => hashLeaf(entryBytes(e)))).map((n) => [nodeKey(n), n.hash]))
        const ids = frontierIds(log.length)
        const stored = await store.right.nodes(ids)()
        if (E.isLeft(stored)) throw new Error(stored.left.message)
        expect(Buffer.from(rootFromFrontier(stored.right as Uint8Array[])).toString('hex')).toBe(
          Buffer.from(rootFromFrontier(ids.map((id) => rebuilt.get(nodeKey(id))!))).toString('hex'),
        )
        await store.right.close()
      }
      expect(committed.size).toBeGreaterThanOrEqual(20 * 3)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 300_000)
})
