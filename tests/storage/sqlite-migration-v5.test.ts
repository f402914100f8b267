/**
 * A register written at SQLite schema 4 (tests/fixtures/registers/v4-sqlite: written by the code
 * of the commit its README names, tree nodes keyed by level and index) is migrated by its first
 * write-open, in one transaction, to schema 5 (nodes keyed by post-order position): the entries
 * are not rewritten, and it verifies, proves and renders the same bytes as before. A command that
 * only reads reads it at schema 4 and never migrates it.
 */
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { keysPathOf, openSqlite, SQLITE_GUARD_TRIGGERS, SQLITE_SCHEMA_VERSION } from '../../adapters/sqlite/index.js'
import { nodeAtPostOrder, postOrderOf } from '../../adapters/sqlite/post-order.js'
import { parseVerifierKey, proveConsistency, proveInclusion, verifyLog } from '../../src/audit/index.js'
import { renderAt, treeRootAt } from '../../src/ledger/reports.js'
import { snapshotEventCheck } from '../../src/ledger/snapshot.js'
import type { EventStore } from '../../src/store/index.js'
import { sampleOrganisation } from '../../src/testing/index.js'
import { cli } from '../fixtures/cli.js'

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'registers', 'v4-sqlite')
const SIZE = 196

const must = <A>(e: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

const copy = (): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'cl-v4-sqlite-')), 'register.db')
  copyFileSync(join(FIXTURE, 'register.db'), path)
  copyFileSync(join(FIXTURE, 'register.db.keys'), keysPathOf(path))
  return path
}

/** What the file holds, read with the driver alone. */
const onDisk = (path: string) => {
  const db = new Database(path, { readonly: true })
  try {
    const nodeColumns = (db.prepare(`SELECT name FROM pragma_table_info('nodes') ORDER BY cid`).all() as { name: string }[]).map((r) => r.name)
    return {
      version: db.pragma('user_version', { simple: true }) as number,
      nodeColumns,
      entries: db.prepare('SELECT position, type, idempotency_key, entry FROM events ORDER BY position').all(),
      tags: db.prepare('SELECT tag, type, position FROM event_tags ORDER BY tag, type, position').all(),
      nodes: (db.prepare('SELECT level, idx, hash FROM nodes').all() as { level: number; idx: number; hash: Buffer }[]).map((n) => `${n.level}:${n.idx}:${n.hash.toString('hex')}`).sort(),
      keyed: nodeColumns.includes('id') ? (db.prepare('SELECT id, level, idx FROM nodes ORDER BY id').all() as { id: number; level: number; idx: number }[]) : [],
      cosignatures: db.prepare('SELECT tree_size, line FROM checkpoint_cosignatures').all(),
      typeIndex: (db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'events_by_type'`).get() as { sql: string }).sql,
      triggers: (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all() as { name: string }[]).map((r) => r.name),
    }
  } finally {
    db.close()
  }
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/** What a user gets from the register: verification, roots, proofs, checkpoints and report bytes. */
const observe = async (store: EventStore) => {
  const verifier = must(parseVerifierKey(readFileSync(join(FIXTURE, 'register.vkey'), 'utf8').trim()))
  const verified = must(await verifyLog(store, { verifiers: [verifier], checkEvent: snapshotEventCheck, checkTypes: ['ReportSnapshotTaken'] })())
  const roots = []
  for (const size of [1, 2, 3, 150, 155, 156, 158, 161, 166, 174, 183, SIZE]) roots.push(Buffer.from(must(await treeRootAt(store, size))).toString('hex'))
  const inclusions = []
  for (const [index, size] of [[0, 1], [0, SIZE], [7, 155], [154, 155], [155, 156], [170, 183], [SIZE - 1, SIZE], [128, 190]] as const)
    inclusions.push(must(await proveInclusion(store, index, size)()))
  const consistencies = []
  for (const [from, to] of [[1, SIZE], [150, 155], [155, SIZE], [157, 183], [183, SIZE]] as const) consistencies.push(must(await proveConsistency(store, from, to)()))
  const overview = must(await renderAt(store, { kind: 'annual-overview', year: 2024 }, { format: 'html', language: 'nl', at: 150, version: 1 }))
  const audit = must(await renderAt(store, { kind: 'audit-view' }, { format: 'json' }))
  return { verified, roots, inclusions, consistencies, checkpoints: must(await store.checkpoints()()), overview: sha256(overview.text), audit: sha256(audit.text) }
}

describe('a SQLite register of schema 4 (tests/fixtures/registers/v4-sqlite)', () => {
  it('read by a command that only reads, stays at schema 4, byte for byte, and verifies, proves and renders', async () => {
    const path = copy()
    const before = readFileSync(path)
    const opened = must(await openSqlite({ path, create: false }))
    const seen = await observe(opened.store)
    await opened.close()
    expect(seen.verified).toMatchObject({ _tag: 'Verified', treeSize: SIZE, checkpoints: 4, signaturesChecked: true })
    // the 2024 overview at the snapshot's size, as version 1 recorded it (tests/versions/register-v1.ts)
    expect(seen.overview).toBe('6c9d92315a14a940c81fa1add1da0eb10fc910a5a3a92efa34a9f3c5dd12dd8e')
    expect(seen.checkpoints.at(-1)!.note).toMatch(/— audit\.example\/witness C63A3l.*\n$/)
    expect(readFileSync(path)).toEqual(before)
    expect(onDisk(path)).toMatchObject({ version: 4, nodeColumns: ['level', 'idx', 'hash'] })
    // as the command line runs it
    const out = cli(['verify', '--store', `sqlite:${path}`, '--no-signatures'])
    expect(out.code).toBe(0)
    expect(readFileSync(path)).toEqual(before)
  })

  it('is migrated by its first write-open in one step: nodes keyed by post-order position, entries untouched, everything read as before', async () => {
    const path = copy()
    const read = must(await openSqlite({ path, create: false }))
    const expected = await observe(read.store)
    await read.close()
    const was = onDisk(path)
    const opened = must(await openSqlite({ path }))
    const now = onDisk(path)
    expect(now.version).toBe(SQLITE_SCHEMA_VERSION)
    expect(now.nodeColumns).toEqual(['id', 'level', 'idx', 'hash'])
    // the canonical entries, their derived columns and tags are the same rows; the tree the same hashes
    expect(now.entries).toEqual(was.entries)
    expect(now.tags).toEqual(was.tags)
    expect(now.nodes).toEqual(was.nodes)
    expect(now.nodes).toHaveLength(2 * SIZE - 3) // 196 = 0b11000100: three complete subtrees on the right edge
    expect(now.keyed.map((n) => n.id)).toEqual(now.keyed.map((_, i) => i))
    for (const n of now.keyed) expect(postOrderOf({ level: n.level, index: n.idx })).toBe(n.id)
    expect(now.cosignatures).toEqual(was.cosignatures)
    expect(now.triggers).toEqual([...SQLITE_GUARD_TRIGGERS].sort())
    // the type index, rebuilt from the entries' type column, without the bulk type
    expect(was.typeIndex).not.toMatch(/WHERE/)
    expect(now.typeIndex).toMatch(/WHERE type <> 'ContactRecorded'$/)
    expect(await observe(opened.store)).toEqual(expected)
    // the next append lands at the tail of the re-keyed tree, and the register still verifies
    must(await opened.store.append([sampleOrganisation(77)])())
    const after = onDisk(path)
    expect(after.keyed.map((n) => n.id)).toEqual(after.keyed.map((_, i) => i))
    // leaf 196 completes no node (it is a left child): one row, key 389, right after the 389 before it
    expect(after.keyed).toHaveLength(2 * SIZE - 3 + 1)
    expect(after.keyed.at(-1)).toEqual({ id: 389, level: 0, idx: 196 })
    expect(nodeAtPostOrder(389)).toEqual({ level: 0, index: 196 })
    expect(must(await verifyLog(opened.store)())).toMatchObject({ _tag: 'Verified', treeSize: SIZE + 1 })
    await opened.close()
    // a second open finds it migrated and changes nothing
    const again = must(await openSqlite({ path }))
    expect(must(await again.store.size()())).toBe(SIZE + 1)
    await again.close()
    expect(onDisk(path).entries).toHaveLength(SIZE + 1)
  })

  it('with a tree row that names no node (written by hand), the migration fails as a whole: the file stays at schema 4 and the error says what to do', async () => {
    const path = copy()
    const raw = new Database(path)
    raw.exec('DROP TRIGGER nodes_no_update; DROP TRIGGER nodes_no_delete')
    raw.prepare('INSERT INTO nodes (level, idx, hash) VALUES (?, ?, ?)').run(3, -1, Buffer.alloc(32))
    raw.pragma('wal_checkpoint(TRUNCATE)')
    raw.close()
    const was = onDisk(path)
    const r = await openSqlite({ path })
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'StoreError', reason: 'corrupt', message: expect.stringMatching(/names no node \(level 3, idx -1\).*nothing was changed.*verify/) })
    const now = onDisk(path)
    expect(now).toEqual(was)
    expect(now.version).toBe(4)
    const tables = new Database(path, { readonly: true })
    expect(tables.prepare(`SELECT name FROM sqlite_master WHERE name = 'nodes_v5'`).get()).toBeUndefined()
    tables.close()
    // a command that only reads still reads it as it is
    const read = must(await openSqlite({ path, create: false }))
    expect(must(await read.store.size()())).toBe(SIZE)
    await read.close()
  })
})
