/**
 * The bundle's README.txt recipes, run as an auditor runs them, against a real exported bundle:
 * contact-ledger verify --bundle with the published key, sha256sum and leaves.txt, the Python
 * root check, and the OpenSSL 3 signature check against the published key. Each recipe must also
 * fail where the bundle was altered or signed by another key.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { cmd } from '../fixtures/domain.js'
import { AS_AUDITOR, READER_GRANTS, execAs, grantLine } from '../fixtures/cli.js'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'contact-ledger.mjs')
const cli = (args: string[], cwd?: string, input?: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CONTACT_LEDGER_KEY: '', CONTACT_LEDGER_VKEY: '' } })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}
const bash = (script: string, cwd: string) => spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8' })

/** The indented lines of the README from the line that starts with `first` to the one that starts with `last`, unindented. */
const recipe = (readme: string, first: string, last: string): string => {
  const lines = readme.split('\n')
  const from = lines.findIndex((l) => l.startsWith(`    ${first}`))
  const to = lines.findIndex((l, i) => i >= from && l.startsWith(`    ${last}`))
  expect(from, first).toBeGreaterThan(-1)
  expect(to, last).toBeGreaterThanOrEqual(from)
  return lines.slice(from, to + 1).map((l) => l.replace(/^ {4}/, '')).join('\n') + '\n'
}

describe('the bundle README recipes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-readme-'))
  const db = join(dir, 'register.db')
  const out = join(dir, 'bundle')
  let readme = ''
  beforeAll(() => {
    // the standard tools the recipes use are on the machine: skip nothing
    for (const tool of ['python3', 'openssl', 'sha256sum']) expect(spawnSync('which', [tool]).status, tool).toBe(0)
    const lines = Array.from({ length: 9 }, (_, i) => JSON.stringify(cmd.registerOrganisation(`0a000000-0000-4000-8000-${(0x400000 + i).toString(16).padStart(12, '0')}`, `Stichting ${i}`)))
    // the first five: b.beheer opens the register (READER_GRANTS' first grant) and grants the coordinator, who registers
    // the organisations numbered from there on (Stichting k at position k)
    const opening = [READER_GRANTS.split('\n')[0]!, grantLine('c.desmet', 'coordinator').trim()]
    const run = (args: string[], input?: string) => cli(args, undefined, input)
    expect(execAs(['--store', `sqlite:${db}`, '-'], opening.concat(lines.slice(opening.length, 5)).join('\n') + '\n', run).code).toBe(0)
    writeFileSync(join(dir, 'kept-checkpoint.note'), cli(['checkpoint', '--store', `sqlite:${db}`]).stdout)
    // the last four: the readers of rule 20 granted (an export is the auditor's restricted read), so the log stays 9 long
    expect(cli(['exec', '--store', `sqlite:${db}`, '--actor', 'b.beheer', '-'], undefined, READER_GRANTS.trim().split('\n').slice(1, 5).join('\n') + '\n').code).toBe(0)
    writeFileSync(join(dir, 'published.vkey'), cli(['key', 'public', '--store', `sqlite:${db}`]).stdout)
    expect(cli(['export', '--store', `sqlite:${db}`, '--out', out, ...AS_AUDITOR]).code).toBe(0)
    readme = readFileSync(join(out, 'README.txt'), 'utf8')
  })

  it('1. contact-ledger verify --bundle with the published key, and with the kept checkpoint', () => {
    for (const command of [recipe(readme, 'contact-ledger verify --bundle . --vkey', 'contact-ledger verify --bundle . --vkey'), recipe(readme, 'contact-ledger verify --bundle . --vkey ../published.vkey --since', 'contact-ledger verify')]) {
      const args = command.trim().split(/\s+/).slice(1)
      const r = cli(args, out)
      expect(r.code, command).toBe(0)
      expect(r.stdout).toContain('checked against the pinned key')
    }
  })

  it('2. sha256sum of a line equals its line of leaves.txt', () => {
    const script = recipe(readme, "( printf '\\000'; sed -n '1p'", "sed -n '1p' leaves.txt")
    for (const n of [1, 7]) {
      const r = bash(script.replaceAll("'1p'", `'${n}p'`), out)
      expect(r.stderr).toBe('')
      const [sum, leaf] = r.stdout.trim().split('\n')
      expect(sum!.split(' ')[0]).toMatch(/^[0-9a-f]{64}$/)
      expect(sum!.split(' ')[0]).toBe(leaf)
    }
  })

  it('3. the Python check: every root matches, and an altered entry is named', () => {
    const script = recipe(readme, "python3 - <<'PY'", 'PY')
    const r = bash(script, out)
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe('checkpoint size 9 root matches\ncheckpoints/5.note size 5 root matches\ncheckpoints/9.note size 9 root matches\n')
    const bad = join(dir, 'altered')
    cpSync(out, bad, { recursive: true })
    const entries = join(bad, 'entries.jsonl')
    writeFileSync(entries, readFileSync(entries, 'utf8').replace('Stichting 4"', 'Stichting X"'))
    const failed = bash(script, bad)
    expect(failed.status).not.toBe(0)
    expect(failed.stderr).toContain('entry 4 does not match leaf 4 of leaves.txt')
  })

  it('4. OpenSSL 3 verifies every checkpoint against the published key, and refuses another key or an altered note', () => {
    const script = recipe(readme, 'for f in checkpoint checkpoints/*.note; do', 'done')
    expect(script).toContain('-keyform DER') // OpenSSL 3 has no pkeyutl -inform
    const r = bash(script, out)
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe('Signature Verified Successfully\n'.repeat(3))
    // a bundle signed by another key of the same name: the published key's signature line is absent
    const forger = join(dir, 'forger')
    mkdirSync(forger)
    expect(cli(['key', 'init', '--key', join(forger, 'f.key')]).code).toBe(0)
    expect(cli(['export', '--store', `sqlite:${db}`, '--key', join(forger, 'f.key'), '--out', join(forger, 'bundle'), ...AS_AUDITOR]).code).toBe(0)
    cpSync(join(dir, 'published.vkey'), join(forger, 'published.vkey'))
    const forged = bash(script, join(forger, 'bundle'))
    expect(forged.stderr).toContain('checkpoint: not signed by the published key')
    expect(forged.stdout).toContain('checkpoint: FAILED')
    // an altered checkpoint body: the signature no longer verifies
    const altered = join(dir, 'altered-note')
    cpSync(out, altered, { recursive: true })
    const note = join(altered, 'checkpoint')
    writeFileSync(note, readFileSync(note, 'utf8').replace('\n9\n', '\n8\n'))
    const bad = bash(script, altered)
    expect(bad.stdout).toContain('checkpoint: FAILED')
    expect(bad.stdout.match(/Signature Verified Successfully/g)).toHaveLength(2)
  })
})
