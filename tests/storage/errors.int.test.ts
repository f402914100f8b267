/**
 * What a user meets when the store cannot be used: a locked or unreadable SQLite file, a schema
 * from a newer version, an unreachable PostgreSQL. Each is a tagged StoreError that says what to
 * do; the command line prints that one line and exits 2; nothing is half-written.
 */
import Database from 'better-sqlite3'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { openPostgres } from '../../adapters/postgres/index.js'
import { migrateSqlite, openSqliteEventStore, openSqliteKeyStore, SQLITE_SCHEMA_VERSION, connectSqlite } from '../../adapters/sqlite/index.js'
import { cmd, openedLedger, G, ORG_A, run } from '../fixtures/domain.js'
import { sampleOrganisation } from '../../src/testing/index.js'
import { cli, execAs } from '../fixtures/cli.js'

const tmp = () => mkdtempSync(join(tmpdir(), 'cl-err-'))
const commands = (dir: string) => {
  const file = join(dir, 'commands.jsonl')
  writeFileSync(file, [cmd.registerOrganisation(), cmd.contact([ORG_A])].map((c) => JSON.stringify(c)).join('\n') + '\n')
  return file
}
const oneLine = (stderr: string) => {
  expect(stderr.trim().split('\n')).toHaveLength(1)
  expect(stderr).not.toMatch(/at .*\.ts:\d+/)
}

describe('a locked SQLite register', () => {
  it('is a StoreError "locked" that says to try again, and the command line exits 2 with nothing half-written', async () => {
    const dir = tmp()
    const path = join(dir, 'register.db')
    const store = openSqliteEventStore(path, { busyTimeoutMs: 50 })
    if (E.isLeft(store)) throw new Error(store.left.message)
    await run(await openedLedger(store.right), cmd.registerOrganisation())
    const holder = new Database(path)
    holder.exec('BEGIN EXCLUSIVE')
    try {
      const r = await store.right.append([sampleOrganisation(2)])()
      expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'StoreError', reason: 'locked', message: expect.stringMatching(/another process holds the register .*; try again/) })
      const exec = execAs(['--store', `sqlite:${path}`, commands(dir)])
      expect(exec.code).toBe(2)
      oneLine(exec.stderr)
      expect(exec.stderr).toMatch(/another process holds the register/)
    } finally {
      holder.exec('ROLLBACK')
      holder.close()
    }
    const size = await store.right.size()()
    expect(size).toEqual(E.right(G + 1))
    await store.right.close()
  })
})

describe('an unreadable SQLite register', () => {
  it.each([
    ['a text file', (dir: string) => (writeFileSync(join(dir, 'notes.db'), 'dit is geen register\n'.repeat(200)), join(dir, 'notes.db'))],
    ['a directory', (dir: string) => (mkdirSync(join(dir, 'folder.db')), join(dir, 'folder.db'))],
    ['a file in a folder that does not exist', (dir: string) => join(dir, 'missing', 'register.db')],
    ['another program’s SQLite file', (dir: string) => {
      const db = new Database(join(dir, 'other.db'))
      db.exec('CREATE TABLE recipes (name TEXT)')
      db.close()
      return join(dir, 'other.db')
    }],
  ])('%s is a StoreError "unreadable"; exec and log exit 2 with one line, and the file is left as it was', (_, make) => {
    const dir = tmp()
    const path = make(dir)
    const before = (() => { try { return readFileSync(path) } catch { return null } })()
    const r = openSqliteEventStore(path)
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'StoreError', reason: 'unreadable', message: expect.stringContaining(path) })
    for (const args of [['exec', '--store', `sqlite:${path}`, '--actor', 'c.desmet', commands(dir)], ['log', '--store', `sqlite:${path}`]]) {
      const out = cli(args)
      expect(out.code).toBe(2)
      oneLine(out.stderr)
      expect(out.stderr).toContain(path)
      expect(out.stdout).toBe('')
    }
    const after = (() => { try { return readFileSync(path) } catch { return null } })()
    expect(after).toEqual(before)
  })
})

describe('a register written by a newer contact-ledger', () => {
  it('is refused with StoreError "schema" and no change to the file', async () => {
    const dir = tmp()
    const path = join(dir, 'register.db')
    const store = openSqliteEventStore(path)
    if (E.isLeft(store)) throw new Error(store.left.message)
    await run(await openedLedger(store.right), cmd.registerOrganisation())
    await store.right.close()
    const db = new Database(path)
    db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION + 1}`)
    db.close()
    const before = readFileSync(path)
    const r = openSqliteEventStore(path)
    expect(readFileSync(path)).toEqual(before)
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'StoreError', reason: 'schema', message: expect.stringMatching(/newer contact-ledger.*upgrade/) })
    const out = cli(['log', '--store', `sqlite:${path}`])
    expect(out.code).toBe(2)
    oneLine(out.stderr)
    expect(out.stderr).toMatch(/newer contact-ledger/)
  })

  it('while a register written by an older version opens, migrates and keeps its events', async () => {
    const dir = tmp()
    const path = join(dir, 'register.db')
    const db = connectSqlite(path)
    if (E.isLeft(db)) throw new Error(db.left.message)
    expect(migrateSqlite(db.right, path, 1)).toEqual(E.right(1))
    db.right.close()
    // version 1 had no checkpoints table: a newer contact-ledger adds it on opening
    const store = openSqliteEventStore(path)
    if (E.isLeft(store)) throw new Error(store.left.message)
    const ledger = await openedLedger(store.right)
    await run(ledger, cmd.registerOrganisation(), cmd.contact([ORG_A]))
    expect(await store.right.putCheckpoint({ treeSize: 2, note: 'n' })()).toEqual(E.right(undefined))
    await store.right.close()
    const again = openSqliteEventStore(path)
    if (E.isLeft(again)) throw new Error(again.left.message)
    expect(await again.right.size()()).toEqual(E.right(G + 2))
    await again.right.close()
  })
})

describe('a SQLite register of schema version 2 (tags keyed by tag and position)', () => {
  it('opens, moves its tags to the (tag, type, position) key, and keeps its events and conditions', async () => {
    const path = join(tmp(), 'register.db')
    const store = openSqliteEventStore(path)
    if (E.isLeft(store)) throw new Error(store.left.message)
    await run(await openedLedger(store.right), cmd.registerOrganisation(), cmd.contact([ORG_A]))
    const before = await store.right.read()()
    await store.right.close()
    // take the file back to how version 2 left it
    const db = new Database(path)
    db.exec(`CREATE TABLE old_tags (tag TEXT NOT NULL, position INTEGER NOT NULL, type TEXT NOT NULL, PRIMARY KEY (tag, position)) WITHOUT ROWID;
             INSERT INTO old_tags SELECT tag, position, type FROM event_tags; DROP TABLE event_tags; ALTER TABLE old_tags RENAME TO event_tags;
             DROP TABLE checkpoint_cosignatures; PRAGMA user_version = 2;`)
    const tagsAt2 = db.prepare('SELECT tag, position, type FROM event_tags ORDER BY tag, position').all()
    db.close()
    const again = openSqliteEventStore(path)
    if (E.isLeft(again)) throw new Error(again.left.message)
    const check = new Database(path, { readonly: true })
    expect(check.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION)
    expect(check.prepare('SELECT tag, position, type FROM event_tags ORDER BY tag, position').all()).toEqual(tagsAt2)
    expect(String((check.prepare(`SELECT sql FROM sqlite_master WHERE name = 'event_tags'`).get() as { sql: string }).sql)).toMatch(/PRIMARY KEY \(tag, type, position\)/)
    check.close()
    expect(await again.right.read()()).toEqual(before)
    // the organisation's registration (position G, after the grants) is what a decision about it depends on
    const orgTag = (E.isRight(before) ? before.right[G]!.tags : [])[0]!
    const late = await again.right.append([sampleOrganisation(7)], { condition: { query: [{ types: ['OrganisationRegistered'], tags: [orgTag] }], after: -1 } })()
    expect(E.isLeft(late) && late.left._tag).toBe('Conflict')
    const onTime = await again.right.append([sampleOrganisation(7)], { condition: { query: [{ types: ['OrganisationRegistered'], tags: [orgTag] }], after: G } })()
    expect(E.isRight(onTime)).toBe(true)
    await again.right.close()
  })
})

describe('the SQLite key store', () => {
  it('lives in its own file and overwrites a destroyed key', async () => {
    const dir = tmp()
    const path = join(dir, 'register.db.keys')
    const keys = openSqliteKeyStore(path)
    if (E.isLeft(keys)) throw new Error(keys.left.message)
    const key = Buffer.from('6b6579'.repeat(10) + '00', 'hex').subarray(0, 32)
    const marker = Buffer.alloc(32, 0x5a)
    expect(await keys.right.put('p1', marker)()).toEqual(E.right(undefined))
    expect(E.isLeft(await keys.right.put('p1', key)())).toBe(true)
    expect(await keys.right.get('p1')()).toEqual(E.right(new Uint8Array(marker)))
    await keys.right.destroy('p1')()
    expect(await keys.right.get('p1')()).toEqual(E.right(null))
    await keys.right.close()
    const bytes = Buffer.concat([readFileSync(path), ...(['-wal'].flatMap((s) => { try { return [readFileSync(path + s)] } catch { return [] } }))])
    expect(bytes.includes(marker)).toBe(false)
  })
})

describe('an unreachable PostgreSQL server', () => {
  it('is a StoreError "unreachable" naming host and port; exec and log exit 2 with one line', async () => {
    const url = 'postgres://postgres@127.0.0.1:1/test'
    const r = await openPostgres({ url, connectTimeoutMs: 2000 })
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'StoreError', reason: 'unreachable', message: expect.stringMatching(/127\.0\.0\.1:1.*check that the server runs/) })
    const dir = tmp()
    for (const args of [['exec', '--store', url, '--actor', 'c.desmet', commands(dir)], ['log', '--store', url]]) {
      const out = cli(args)
      expect(out.code).toBe(2)
      oneLine(out.stderr)
      expect(out.stderr).toMatch(/cannot reach PostgreSQL at 127\.0\.0\.1:1/)
    }
  })
})
