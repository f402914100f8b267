/**
 * Key files are written atomically (issue 14): a process killed while writing the signing key (a
 * full disk, SIGKILL, here a file-size limit of 0 that kills the writer with SIGXFSZ at its first
 * byte) leaves no key file, or a whole one, never a truncated key that blocks every later
 * checkpoint; a temporary file left behind is ignored; an existing key is never replaced.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeFileAtomic } from '../../cli/atomic-file.js'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'contact-ledger.mjs')
const env = { ...process.env, NO_COLOR: '1', CONTACT_LEDGER_KEY: '' }
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal }
}
/** The command line run under a file-size limit of 0 blocks: its first write to a file kills it. */
const cliWithoutDisk = (args: string[]) =>
  spawnSync('sh', ['-c', `ulimit -f 0; exec "$0" "$@"`, process.execPath, BIN, ...args], { encoding: 'utf8', env })

describe('atomic key files', () => {
  it('a key init killed while writing leaves no key file; the next key init makes a whole one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-keyfile-'))
    const key = join(dir, 'register.key')
    const killed = cliWithoutDisk(['key', 'init', '--key', key])
    expect(killed.status === 0).toBe(false)
    expect(readdirSync(dir).filter((f) => f === 'register.key')).toEqual([])
    const made = cli(['key', 'init', '--key', key])
    expect(made.code).toBe(0)
    expect(readFileSync(key, 'utf8')).toMatch(/^PRIVATE\+KEY\+.+\n$/)
    expect(statSync(key).mode & 0o777).toBe(0o600)
    expect(cli(['key', 'public', '--key', key]).code).toBe(0)
  })

  it('a temporary file a crash left behind is ignored; a checkpoint beside a register makes and uses a whole key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-keyfile-'))
    const db = join(dir, 'register.db')
    writeFileSync(join(dir, '.register.db.key.4242.deadbeef.tmp'), '')
    // the opening grant: an entry like any other, to checkpoint
    const opening = JSON.stringify({ command: 'grantRole', payload: { actorId: 'b.beheer', role: 'administrator', grantedOn: '2020-01-01' } })
    expect(spawnSync(process.execPath, [BIN, 'exec', '--store', `sqlite:${db}`, '--actor', 'b.beheer', '-'], { input: opening + '\n', env }).status).toBe(0)
    expect(cli(['checkpoint', '--store', `sqlite:${db}`]).code).toBe(0)
    expect(cli(['verify', '--store', `sqlite:${db}`]).code).toBe(0)
    expect(readFileSync(`${db}.key`, 'utf8')).toMatch(/^PRIVATE\+KEY\+/)
  })

  it('an empty key file (left by an older version) is named with what to do, not "no usable key"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-keyfile-'))
    const key = join(dir, 'old.key')
    writeFileSync(key, '', { mode: 0o600 })
    const r = cli(['key', 'public', '--key', key])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`the key file ${key} is empty: a write of it never finished`)
  })

  it('never replaces an existing key: key init refuses, the bytes stay, no temporary file stays', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-keyfile-'))
    const key = join(dir, 'register.key')
    expect(cli(['key', 'init', '--key', key]).code).toBe(0)
    const before = readFileSync(key, 'utf8')
    const again = cli(['key', 'init', '--key', key])
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('exists already')
    expect(readFileSync(key, 'utf8')).toBe(before)
    expect(readdirSync(dir)).toEqual(['register.key'])
  })

  it('writeFileAtomic: overwrite replaces whole; without it EEXIST; mode 0600 whatever the umask', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-atomic-'))
    const path = join(dir, 'f')
    writeFileAtomic(path, 'one\n')
    expect(() => writeFileAtomic(path, 'two\n')).toThrow(expect.objectContaining({ code: 'EEXIST' }))
    expect(readFileSync(path, 'utf8')).toBe('one\n')
    writeFileAtomic(path, 'three\n', { overwrite: true })
    expect(readFileSync(path, 'utf8')).toBe('three\n')
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(readdirSync(dir)).toEqual(['f'])
  })
})
