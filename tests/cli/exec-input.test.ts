/**
 * What `exec` and `import` read is bounded and strict (issue 14): invalid UTF-8 is refused naming
 * its line and byte (it was stored as U+FFFD), a line over 256 KiB or an endless input refuses
 * the file before anything is applied (`exec /dev/zero` grew to 4.3 GB), a line nested deeper
 * than 32 levels is a DecodeError before JSON.parse builds it, and a BOM or CRLF changes nothing.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_JSON_DEPTH, nestsDeeperThan, utf8Problem } from '../../cli/input-limits.js'
import { run } from './in-process.js'

let dir = ''
let n = 0
const org = (name: string) => JSON.stringify({ command: 'registerOrganisation', actor: { id: 'c.desmet', role: 'coordinator' }, payload: { name, kind: 'self-organisation' } })
/** A register opened by b.beheer, with c.desmet granted coordinator (two entries, left out of `logOf`). */
const fresh = async () => {
  const store = `sqlite:${join(dir, `r${n++}.db`)}`
  const grant = (actorId: string, role: string) => JSON.stringify({ command: 'grantRole', payload: { actorId, role, grantedOn: '2020-01-01' } })
  const opened = await run(['exec', file(`grants-${n}.jsonl`, `${grant('b.beheer', 'administrator')}\n${grant('c.desmet', 'coordinator')}\n`), '--store', store, '--actor', 'b.beheer'])
  if (opened.code !== 0) throw new Error(`grants refused: ${opened.stdout}${opened.stderr}`)
  return store
}
const file = (name: string, bytes: Buffer | string) => {
  writeFileSync(join(dir, name), bytes)
  return join(dir, name)
}
/**
 * The register's stored entries after its two grants, one per line, read from the file itself (reading the log through
 * the command line is an auditor's restricted read, and these registers have no grants).
 */
const logOf = async (store: string) => {
  const path = store.slice('sqlite:'.length)
  if (!existsSync(path)) return ''
  const db = new Database(path, { readonly: true })
  try {
    return (db.prepare('SELECT entry FROM events WHERE position >= 2 ORDER BY position').all() as Array<{ entry: string }>).map((r) => `${r.entry}\n`).join('')
  } finally {
    db.close()
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'contact-ledger-exec-input-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('exec reads strict UTF-8', () => {
  it.each([
    ['an invalid byte', Buffer.from([0xff])],
    ['a cut-off sequence', Buffer.from([0xe2, 0x82])],
    ['an encoded lone surrogate', Buffer.from([0xed, 0xa0, 0x80])],
    ['an overlong slash', Buffer.from([0xc0, 0xaf])],
  ])('%s on line 3: exit 2 naming line 3 and the byte, nothing applied from the file', async (_, bad) => {
    const text = Buffer.concat([Buffer.from(`${org('Stichting Een')}\n${org('Stichting Twee')}\n{"command":"registerOrganisation","payload":{"name":"Stichting `), bad, Buffer.from('","kind":"other"}}\n')])
    const store = await fresh()
    const r = await run(['exec', file(`bad-${n}.jsonl`, text), '--store', store, '--actor', 'c.desmet'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/is not UTF-8 text: line 3, byte 64 of the line \(offset \d+ in the file\)/)
    expect(r.stdout).toBe('')
    expect(await logOf(store)).toBe('')
  })

  it('a BOM and CRLF line ends change nothing: every line applies', async () => {
    const store = await fresh()
    const r = await run(['exec', file('bom-crlf.jsonl', `\uFEFF${org('Stichting Bom')}\r\n${org('Stichting Crlf')}\r\n`), '--store', store, '--actor', 'c.desmet'])
    expect([r.code, r.stderr]).toEqual([0, ''])
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l).ok)).toEqual([true, true])
  })

  it('agrees with the WHATWG fatal decoder on any bytes', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true })
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 10 }), (bytes, s) => {
        for (const b of [bytes, Buffer.concat([Buffer.from(s, 'utf8'), bytes])]) {
          let valid = true
          try {
            fatal.decode(b)
          } catch {
            valid = false
          }
          expect(utf8Problem(b) === undefined).toBe(valid)
        }
      }),
      { numRuns: 2000 },
    )
  })
})

describe('exec input is bounded', () => {
  it('a line longer than 256 KiB refuses the file before anything applies', async () => {
    const store = await fresh()
    const long = org('x'.repeat(300 * 1024))
    const r = await run(['exec', file('long.jsonl', `${org('Stichting Voor')}\n${long}\n`), '--store', store, '--actor', 'c.desmet'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('line 2 is longer than 262,144 bytes')
    expect(await logOf(store)).toBe('')
  })

  it('an endless input (/dev/zero) is refused at once, not read into memory', async () => {
    const started = Date.now()
    const r = await run(['exec', '/dev/zero', '--store', await fresh(), '--actor', 'c.desmet'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('/dev/zero: line 1 is longer than')
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  it('a line nested deeper than 32 levels is a DecodeError naming its line; the other lines apply as before', async () => {
    const store = await fresh()
    const deep = JSON.stringify({ command: 'registerOrganisation', actor: { id: 'c.desmet', role: 'coordinator', x: JSON.parse('['.repeat(1500) + ']'.repeat(1500)) }, payload: { name: 'Diep', kind: 'other' } })
    const r = await run(['exec', file('deep.jsonl', `${deep}\n${org('Stichting Vlak')}\n`), '--store', store, '--actor', 'c.desmet'])
    expect(r.code).toBe(1)
    const answers = r.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(answers[0]).toEqual({ ok: false, error: { _tag: 'DecodeError', message: expect.stringContaining('line 1 nests arrays and objects deeper than 32 levels') } })
    expect(answers[1].ok).toBe(true)
    expect(await logOf(store)).not.toContain('Diep')
  })

  it('counts depth outside strings only', () => {
    expect(nestsDeeperThan('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBe(false)
    expect(nestsDeeperThan('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1))).toBe(true)
    expect(nestsDeeperThan(JSON.stringify({ s: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["\\' }))).toBe(false)
  })
})

describe('import reads strict UTF-8', () => {
  it('a CSV with an invalid byte on line 3: exit 2 naming the line and byte, nothing appended', async () => {
    const csv = Buffer.concat([Buffer.from('date,organisation,purpose\n01/02/2024,Stichting A,x\n01/03/2024,Stichting '), Buffer.from([0xe9]), Buffer.from(',y\n')])
    const mapping = file('m.json', JSON.stringify({ columns: { occurredOn: 'date', organisations: 'organisation', subject: 'purpose' }, dateFormat: 'DD/MM/YYYY' }))
    const store = await fresh()
    const r = await run(['import', 'csv', file('latin1.csv', csv), '--mapping', mapping, '--actor', 'a.jansen', '--coordinator', 'c.desmet', '--store', store])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/latin1\.csv is not UTF-8 text: line 3, byte 22 of the line/)
    expect(r.stderr).toContain('save it as CSV UTF-8')
    expect(await logOf(store)).toBe('')
  })
})
