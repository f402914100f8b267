/** `key init`, `key public` and the key file rules, through the command line's `main()`. */
import { chmodSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { main } from '../../cli/main.js'

/** Runs `main()` in this process, capturing stdout and stderr. */
const run = async (args: string[]) => {
  let stdout = ''
  let stderr = ''
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true))
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true))
  try {
    const code = await main(args)
    return { code, stdout, stderr }
  } finally {
    out.mockRestore()
    err.mockRestore()
    process.exitCode = 0
  }
}

describe('the signing key file', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cl-key-'))
    delete process.env['CONTACT_LEDGER_KEY']
  })
  afterEach(() => delete process.env['CONTACT_LEDGER_KEY'])

  it('key init writes a Go-style private key with mode 600 and prints only the verifier key', async () => {
    const key = join(dir, 'register.key')
    const r = await run(['key', 'init', '--origin', 'minszw.example/register', '--key', key])
    expect(r.code).toBe(0)
    expect(statSync(key).mode & 0o777).toBe(0o600)
    const secret = readFileSync(key, 'utf8').trim()
    expect(secret).toMatch(/^PRIVATE\+KEY\+minszw\.example\/register\+[0-9a-f]{8}\+A[A-Za-z0-9+/]{43}$/)
    expect(r.stdout).toMatch(/^minszw\.example\/register\+[0-9a-f]{8}\+A[A-Za-z0-9+/]{43}\n$/)
    // PRIVATE+KEY+origin+hash+key: the base64 key may itself hold '+'
    const seed = secret.split('+').slice(4).join('+')
    expect(seed).toHaveLength(44)
    expect(r.stdout + r.stderr).not.toContain(seed)
    const pub = await run(['key', 'public', '--key', key])
    expect(pub).toMatchObject({ code: 0, stdout: r.stdout })
    const again = await run(['key', 'init', '--key', key])
    expect(again.code).toBe(2)
    expect(again.stderr).toMatch(/exists already/)
  })

  it('refuses a key file that group or others may read, telling to chmod 600, and never prints the key', async () => {
    const key = join(dir, 'k')
    await run(['key', 'init', '--key', key])
    const seed = readFileSync(key, 'utf8').trim().split('+').slice(4).join('+') // the base64 key may hold '+'
    expect(seed).toHaveLength(44)
    for (const mode of [0o640, 0o604, 0o644]) {
      chmodSync(key, mode)
      for (const args of [['key', 'public', '--key', key], ['checkpoint', '--store', 'memory:', '--key', key]]) {
        const r = await run(args)
        expect(r.code).toBe(2)
        expect(r.stderr).toContain(`chmod 600 ${key}`)
        expect(r.stderr.trim().split('\n')).toHaveLength(1)
        expect(r.stdout + r.stderr).not.toContain(seed)
      }
    }
  })

  it('names a missing or unusable key file without echoing its content', async () => {
    const missing = await run(['key', 'public', '--key', join(dir, 'nope')])
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('key init --key') })
    const bad = join(dir, 'bad')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(bad, 'PRIVATE+KEY+x+00000000+AVERYSECRETVALUEAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n', { mode: 0o600 })
    const r = await run(['key', 'public', '--key', bad])
    expect(r.code).toBe(2)
    expect(r.stderr).not.toContain('VERYSECRET')
  })

  it('takes the key from CONTACT_LEDGER_KEY, and a memory store has no default key', async () => {
    const none = await run(['checkpoint', '--store', 'memory:'])
    expect(none).toMatchObject({ code: 2, stderr: expect.stringContaining('--key PATH') })
    const key = join(dir, 'env.key')
    await run(['key', 'init', '--key', key])
    process.env['CONTACT_LEDGER_KEY'] = key
    const cp = await run(['checkpoint', '--store', 'memory:'])
    expect(cp.code).toBe(0)
    expect(cp.stdout).toMatch(/^contact-ledger\.local\/register\n0\n47DEQpj8HBSa\+\/TImW\+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n— contact-ledger\.local\/register /)
  })
})
