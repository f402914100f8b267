/**
 * A register or key store that is missing, emptied or not a register is an error naming it
 * (issue 14: a `.db` truncated to 0 bytes verified as "0 entries" with exit 0; a deleted `.keys`
 * was silently made again and every person then read as erased). Both through the command line
 * and through the library's `openSqlite`.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSqlite } from '../../adapters/sqlite/index.js'
import { run, runExecAs } from './in-process.js'
import { AS_AUDITOR, READER_GRANTS, WRITER_GRANTS } from '../fixtures/cli.js'

const PERSON = '0a000000-0000-4000-8000-0000000000f1'
const OTHER = '0a000000-0000-4000-8000-0000000000f2'
let dir = ''
let n = 0

const keyFigure = (personId: string) => ({ command: 'registerKeyFigure', actor: { id: 'a.jansen', role: 'official' }, payload: { personId, name: `K. ${personId.slice(-2)}` } })
const erase = (personId: string) => ({ command: 'eraseKeyFigure', actor: { id: 'p.visser', role: 'privacy-officer' }, payload: { personId, reason: 'verzoek betrokkene' } })

/** A register with one key figure (and optionally a second, erased), in a folder of its own. */
const register = async (withErased = false): Promise<string> => {
  const d = join(dir, `r${n++}`)
  mkdirSync(d)
  const commands = withErased ? [keyFigure(OTHER), erase(OTHER)] : [keyFigure(PERSON)]
  // the readers of rule 20 granted first: log and person show are restricted reads
  writeFileSync(join(d, 'c.jsonl'), READER_GRANTS + WRITER_GRANTS + commands.map((c) => JSON.stringify(c)).join('\n') + '\n')
  const r = await runExecAs([join(d, 'c.jsonl'), '--store', `sqlite:${join(d, 'r.db')}`])
  expect([r.code, r.stderr]).toEqual([0, ''])
  return join(d, 'r.db')
}

const oneLine = (r: { code: number; stderr: string }, ...texts: string[]) => {
  expect(r.code).toBe(2)
  const lines = r.stderr.split('\n').filter((l) => l !== '')
  expect(lines).toHaveLength(1)
  for (const t of texts) expect(lines[0]).toContain(t)
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'contact-ledger-missing-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the register file', () => {
  it('emptied to 0 bytes: every read is exit 2 naming it (never "0 entries, verified"), and exec makes no fresh register', async () => {
    const db = await register()
    for (const f of readdirSync(join(db, '..')).filter((f) => /r\.db-(wal|shm)$/.test(f))) rmSync(join(db, '..', f))
    truncateSync(db, 0)
    for (const args of [['verify', '--no-signatures'], ['log'], ['report', 'annual', '--year', '2024'], ['prove', 'consistency', '--from', '1']])
      oneLine(await run([...args, '--store', `sqlite:${db}`]), db, 'empty')
    // a command that creates: the key store beside it says a register was there
    oneLine(await run(['exec', join(db, '..', 'c.jsonl'), '--store', `sqlite:${db}`, '--actor', 'a.jansen']), db, 'truncated')
    expect(statSync(db).size).toBe(0)
  })

  it('a folder, another program\'s file, or a cut-off copy: exit 2 naming it', async () => {
    const db = await register()
    oneLine(await run(['log', '--store', `sqlite:${join(dir)}`]), dir, 'folder')
    oneLine(await run(['log', '--store', `sqlite:${join(db, '..', 'c.jsonl')}`]), 'c.jsonl', 'not a SQLite register')
    await run(['checkpoint', '--store', `sqlite:${db}`]) // moves the WAL into the file
    const cut = join(db, '..', 'cut.db')
    copyFileSync(db, cut)
    copyFileSync(`${db}.keys`, `${cut}.keys`)
    truncateSync(cut, Math.floor(statSync(db).size / 2))
    const r = await run(['verify', '--no-signatures', '--store', `sqlite:${cut}`])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(cut)
  })
})

describe('the key store', () => {
  it.each([
    ['deleted', (keys: string) => rmSync(keys)],
    ['emptied to 0 bytes', (keys: string) => truncateSync(keys, 0)],
  ])('%s beside sealed personal data: exit 2 naming it, for reads and writes, and no fresh key store', async (how, spoil) => {
    const db = await register()
    const keys = `${db}.keys`
    await run(['checkpoint', '--store', `sqlite:${db}`])
    for (const f of ['-wal', '-shm']) rmSync(`${keys}${f}`, { force: true })
    spoil(keys)
    for (const args of [['person', 'show', PERSON, '--actor', 'a.jansen'], ['exec', join(db, '..', 'c.jsonl'), '--actor', 'a.jansen'], ['log', ...AS_AUDITOR], ['verify', '--no-signatures']])
      oneLine(await run([...args, '--store', `sqlite:${db}`]), keys, 'restore')
    if (how === 'deleted') expect(readdirSync(join(db, '..'))).not.toContain('r.db.keys')
    else expect(statSync(keys).size).toBe(0)
  })

  it('missing where every key figure was erased: nothing is lost, so the register opens', async () => {
    const db = await register(true)
    rmSync(`${db}.keys`)
    for (const f of ['-wal', '-shm']) rmSync(`${db}.keys${f}`, { force: true })
    const r = await run(['log', '--store', `sqlite:${db}`, ...AS_AUDITOR])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('KeyFigureErased')
  })

  it('the library refuses the same: openSqlite names the missing key store, and a read-only open an empty register', async () => {
    const db = await register()
    rmSync(`${db}.keys`)
    for (const f of ['-wal', '-shm']) rmSync(`${db}.keys${f}`, { force: true })
    const opened = await openSqlite({ path: db })
    expect(E.isLeft(opened) && opened.left.message).toContain(`${db}.keys is missing`)
    const empty = join(dir, 'empty.db')
    writeFileSync(empty, '')
    const ro = await openSqlite({ path: empty, create: false })
    expect(E.isLeft(ro) && ro.left.message).toContain('empty (0 bytes)')
    const absent = await openSqlite({ path: join(dir, 'absent.db'), create: false })
    expect(E.isLeft(absent) && absent.left.message).toContain('no register at')
    expect(readdirSync(dir)).not.toContain('absent.db')
    const fresh = await openSqlite({ path: join(dir, 'fresh.db') })
    expect(E.isRight(fresh)).toBe(true)
    if (E.isRight(fresh)) await fresh.right.close()
  })
})
