/**
 * The audit commands end to end on a SQLite register, through the real binary: checkpoint,
 * key public, prove, export, verify (store and bundle), exit codes and one-line errors.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { connectSqlite } from '../../adapters/sqlite/index.js'
import { dropSqliteGuards } from '../fixtures/insider.js'
import { verifyCheckpoint } from '../../src/audit/checkpoint.js'
import { hashLeaf } from '../../src/audit/hash.js'
import { verifyTlogProof } from '../../src/audit/tlog-proof.js'
import { verifyConsistency, verifyInclusion } from '../../src/audit/verify-proof.js'
import { cmd } from '../fixtures/domain.js'
import { AS_AUDITOR, execAs, grantLine, grantsFor } from '../fixtures/cli.js'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'contact-ledger.mjs')

/** Runs the real command line in a child process. */
const cli = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CONTACT_LEDGER_KEY: '' } })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const N = 12
const LINES = Array.from({ length: N }, (_, i) =>
  JSON.stringify(cmd.registerOrganisation(`0a000000-0000-4000-8000-${(0x200000 + i).toString(16).padStart(12, '0')}`, `Stichting ${i}`)),
).join('\n') + '\n'
/** The grants execAs opens the register with before the N registrations (grantsFor): `Stichting i` is at position OPENED + i. */
const OPENED = grantsFor(LINES).split('\n').length - 1
/** The log's size before the export: the opening grants and the N registrations. */
const TREE = OPENED + N
/** The log's size once the auditor is granted (one more entry), from the export on. */
const SIZE = TREE + 1
const b = (s: string) => Buffer.from(s, 'base64')
const must = <A>(e: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

describe('audit commands on a SQLite register', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-audit-cli-'))
  const db = join(dir, 'register.db')
  const store = `sqlite:${db}`
  const out = join(dir, 'bundle')
  let vkey = ''
  beforeAll(() => {
    expect(execAs(['--store', store, '-'], LINES, cli).code).toBe(0)
  })

  it('checkpoint makes the default key beside the store (saying so), and key public prints its verifier key', () => {
    const r = cli(['checkpoint', '--store', store])
    expect(r.code).toBe(0)
    expect(r.stderr).toContain(`made a new checkpoint signing key ${db}.key`)
    expect(statSync(`${db}.key`).mode & 0o777).toBe(0o600)
    const pub = cli(['key', 'public', '--store', store])
    expect(pub.code).toBe(0)
    vkey = pub.stdout.trim()
    expect(vkey).toMatch(/^contact-ledger\.local\/register\+[0-9a-f]{8}\+A[A-Za-z0-9+/]{43}$/)
    expect(must(verifyCheckpoint(r.stdout, vkey))).toMatchObject({ origin: 'contact-ledger.local/register', treeSize: TREE })
    const seed = readFileSync(`${db}.key`, 'utf8').trim().split('+').slice(4).join('+') // the base64 key may hold '+'
    expect(seed).toHaveLength(44)
    expect(r.stdout + r.stderr + pub.stdout + pub.stderr).not.toContain(seed)
    // a register with no origin recorded (rule 24) signs, but says its name is not fit to publish and how to record one
    expect(cli(['checkpoint', '--store', store]).stderr).toMatch(/^contact-ledger: warning: the register has no origin configured, .*configureRegister.*\n$/)
  })

  it('prove inclusion and consistency print proofs that verify; tlog-proof receipts verify offline', () => {
    const inc = cli(['prove', 'inclusion', '--store', store, '--position', '3', '--size', '9'])
    expect(inc.code).toBe(0)
    const p = JSON.parse(inc.stdout)
    expect(Object.keys(p)).toEqual(['leafIndex', 'treeSize', 'leafHash', 'rootHash', 'proof'])
    expect(verifyInclusion(p.leafIndex, p.treeSize, b(p.leafHash), p.proof.map(b), b(p.rootHash))).toEqual(E.right(undefined))
    const con = cli(['prove', 'consistency', '--store', store, '--from', '9'])
    expect(con.code).toBe(0)
    const c = JSON.parse(con.stdout)
    expect(Object.keys(c)).toEqual(['oldSize', 'newSize', 'oldRoot', 'newRoot', 'proof'])
    expect(c).toMatchObject({ oldSize: 9, newSize: TREE, oldRoot: p.rootHash })
    expect(verifyConsistency(c.oldSize, c.newSize, c.proof.map(b), b(c.oldRoot), b(c.newRoot))).toEqual(E.right(undefined))
    const receipt = cli(['prove', 'inclusion', '--store', store, '--position', '3', '--format', 'tlog-proof'])
    expect(receipt.code).toBe(0)
    expect(receipt.stdout.startsWith('c2sp.org/tlog-proof@v1\nindex 3\n')).toBe(true)
    expect(must(verifyTlogProof(receipt.stdout, b(p.leafHash), vkey))).toMatchObject({ index: 3, checkpoint: { treeSize: TREE } })
  })

  it('prove refuses positions and sizes outside the log with exit 2 and one line', () => {
    for (const args of [
      ['prove', 'inclusion', '--position', String(TREE)],
      ['prove', 'inclusion', '--position', '1', '--size', String(TREE + 5)],
      ['prove', 'consistency', '--from', '0'],
      ['prove', 'consistency', '--from', '5', '--to', '3'],
      ['prove', 'inclusion', '--position', 'x'],
    ]) {
      const r = cli([...args, '--store', store])
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
    }
  })

  it('export writes a bundle that verify --bundle, sha256sum and the README\'s Python check', () => {
    // an export is every entry: restricted (rule 20); the auditor is granted first (one more entry)
    expect(cli(['exec', '--store', store, '--actor', 'b.beheer', '-'], grantLine('e.auditor', 'auditor')).code).toBe(0)
    const r = cli(['export', '--store', store, '--out', out, ...AS_AUDITOR])
    expect(r.code).toBe(0)
    expect(readdirSync(out).sort()).toEqual(['README.txt', 'checkpoint', 'checkpoints', 'entries.jsonl', 'key.vkey', 'leaves.txt'])
    expect(readFileSync(join(out, 'key.vkey'), 'utf8')).toBe(vkey + '\n')
    const lines = readFileSync(join(out, 'entries.jsonl'), 'utf8').split('\n').slice(0, -1)
    expect(lines).toHaveLength(SIZE)
    const log = cli(['log', '--store', store, ...AS_AUDITOR]).stdout.trim().split('\n')
    // the same entries as `log` reads them; `log` without --unseal shows each sealed text (a grant's reason, rule 21) as {"sealed":true}
    const masked = (v: unknown): unknown =>
      typeof v !== 'object' || v === null
        ? v
        : (v as { sealed?: unknown }).sealed === 'A256GCM'
          ? { sealed: true }
          : Array.isArray(v)
            ? v.map(masked)
            : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, masked(x)]))
    expect(lines.some((l) => l.includes('"sealed":"A256GCM"'))).toBe(true)
    expect(lines.map((l) => masked(JSON.parse(l)))).toEqual(log.map((l) => JSON.parse(l)))
    const proof = JSON.parse(cli(['prove', 'inclusion', '--store', store, '--position', '5']).stdout)
    expect(hashLeaf(Buffer.from(lines[5]!)).toString('base64')).toBe(proof.leafHash)
    expect(readdirSync(join(out, 'checkpoints'))).toContain(`${SIZE}.note`)
    const ok = cli(['verify', '--bundle', out, '--json', '--vkey', vkey])
    expect(ok.code).toBe(0)
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, treeSize: SIZE, rootHash: proof.rootHash })
    // the README's standard-tool recipes
    const readme = readFileSync(join(out, 'README.txt'), 'utf8')
    const sha = spawnSync('bash', ['-c', `( printf '\\000'; sed -n '6p' entries.jsonl | head -c -1 ) | sha256sum`], { cwd: out, encoding: 'utf8' })
    expect(b(proof.leafHash).toString('hex')).toBe(sha.stdout.split(' ')[0])
    const python = readme.split("python3 - <<'PY'\n")[1]!.split('    PY\n')[0]!.replace(/^ {4}/gm, '')
    const py = spawnSync('python3', ['-'], { cwd: out, input: python, encoding: 'utf8' })
    expect(py.stderr).toBe('')
    expect(py.stdout).toContain(`checkpoint size ${SIZE} root matches`)
  })

  it('verify --bundle names an altered line by its own position (leaves.txt), and a non-canonical line itself', () => {
    const path = join(out, 'entries.jsonl')
    const original = readFileSync(path, 'utf8')
    const lines = original.split('\n')
    const at = OPENED + 7 // Stichting 7
    lines[at] = lines[at]!.replace('Stichting 7', 'Stichting X')
    writeFileSync(path, lines.join('\n'))
    const r = cli(['verify', '--bundle', out, '--vkey', vkey])
    // the signed checkpoint vouches for leaves.txt, and leaves.txt names the line that differs
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(new RegExp(`^verification failed at position ${at}: line ${at + 1} of entries.jsonl is not entry ${at} of the signed log: .*the entry was altered`))
    lines[at] = JSON.stringify(JSON.parse(original.split('\n')[at]!), null, 1).replace(/\n/g, '')
    writeFileSync(path, lines.join('\n'))
    expect(cli(['verify', '--bundle', out, '--json']).stdout).toMatch(new RegExp(`"position":${at}.*canonical`))
    writeFileSync(path, original)
    expect(cli(['verify', '--bundle', out, '--vkey', vkey]).code).toBe(0)
  })

  it('verify exits 0 on the register and 1 naming the first position after an SQL edit', () => {
    const ok = cli(['verify', '--store', store])
    expect(ok.code).toBe(0)
    expect(ok.stdout).toMatch(new RegExp(`^verified: ${SIZE} entries, root .*, \\d+ checkpoints \\(signatures checked\\)`))
    const raw = must(connectSqlite(db))
    dropSqliteGuards(raw) // the file's owner, around the append-only triggers
    raw.prepare("UPDATE events SET entry = replace(entry, 'Stichting 4', 'Stichting Q') WHERE position = ?").run(OPENED + 4)
    raw.close()
    const bad = cli(['verify', '--store', store, '--json'])
    expect(bad.code).toBe(1)
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, position: OPENED + 4, kind: 'entry' })
    expect(cli(['verify', '--store', store]).stdout).toMatch(new RegExp(`^verification failed at position ${OPENED + 4}: `))
  })

  it('refuses a default key file readable by others with exit 2 and says chmod 600', () => {
    chmodSync(`${db}.key`, 0o644)
    const r = cli(['checkpoint', '--store', store])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`chmod 600 ${db}.key`)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    chmodSync(`${db}.key`, 0o600)
  })
})
