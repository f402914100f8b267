/**
 * Trust anchors through the real binary (CLI.md, "Trust anchors"; issue 16): checkpoints are
 * checked against the pinned key (`--vkey`), never a key that came with the data; without one the
 * output says so on its own line and exits 1 unless --no-signatures; `--since` catches a log that
 * was truncated, rolled back or forked; a bundle names an altered entry by its own position.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { connectSqlite } from '../../adapters/sqlite/index.js'
import { dropSqliteGuards } from '../fixtures/insider.js'
import { cmd } from '../fixtures/domain.js'
import { AS_AUDITOR, execAs, grantLine, grantsFor } from '../fixtures/cli.js'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'contact-ledger.mjs')

/** Runs the real command line with no key or pinned key from the environment. */
const cli = (args: string[], input?: string, env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CONTACT_LEDGER_KEY: '', CONTACT_LEDGER_VKEY: '', ...env },
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const must = <A>(e: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

const orgs = (from: number, to: number, prefix = 'Stichting') =>
  Array.from({ length: to - from }, (_, k) =>
    JSON.stringify(cmd.registerOrganisation(`0a000000-0000-4000-8000-${(0x300000 + from + k).toString(16).padStart(12, '0')}`, `${prefix} ${from + k}`)),
  ).join('\n') + '\n'

const exec = (db: string, from: number, to: number, prefix?: string) => expect(execAs(['--store', `sqlite:${db}`, '-'], orgs(from, to, prefix), cli).code).toBe(0)

/** The grants execAs opens a new register with (grantsFor): a new log's organisations are named from O, so that `Stichting k` is at position k. */
const O = grantsFor(orgs(0, 1)).split('\n').length - 1

/** An export is restricted (rule 20): the auditor granted, by the administrator who opened the register (one more entry). */
const grantAuditor = (db: string) => expect(cli(['exec', '--store', `sqlite:${db}`, '--actor', 'b.beheer', '-'], grantLine('e.auditor', 'auditor')).code).toBe(0)

describe('pinned trust anchors, kept checkpoints and precise bundle failures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-trust-'))
  const db = join(dir, 'register.db')
  const store = `sqlite:${db}`
  const vkeyFile = join(dir, 'register.vkey')
  const kept = join(dir, 'kept-12.note')
  const backup = join(dir, 'backup-12.db')
  let vkey = ''
  beforeAll(() => {
    exec(db, O, 12) // the opening grants and Stichting O … 11: twelve entries
    const cp = cli(['checkpoint', '--store', store])
    expect(cp.code).toBe(0)
    writeFileSync(kept, cp.stdout)
    copyFileSync(db, backup)
    vkey = cli(['key', 'public', '--store', store]).stdout.trim()
    writeFileSync(vkeyFile, vkey + '\n')
    exec(db, 12, 20)
    expect(cli(['checkpoint', '--store', store]).code).toBe(0)
  })

  it('verify on the store: the pinned key is named with its origin; the operator key says it is the operator\u2019s own', () => {
    const pinnedRun = cli(['verify', '--store', store, '--vkey', vkeyFile])
    expect(pinnedRun.code).toBe(0)
    const [first, signatures, ...rest] = pinnedRun.stdout.trim().split('\n')
    expect(first).toMatch(/^verified: 20 entries, root \S+, 2 checkpoints \(signatures checked\)$/)
    expect(signatures).toBe(`signatures: 2 of 2 checkpoints, the latest at size 20 of 20, checked against the pinned key ${vkey.split('+').slice(0, 2).join('+')} (origin contact-ledger.local/register)`)
    expect(rest).toEqual([])
    const line = cli(['verify', '--store', store, '--json'], undefined, { CONTACT_LEDGER_VKEY: vkey })
    expect(JSON.parse(line.stdout)).toMatchObject({ ok: true, trust: 'pinned', keys: [vkey.split('+').slice(0, 2).join('+')], signedCheckpoints: 2, latestSignedSize: 20 })
    const operator = cli(['verify', '--store', store])
    expect(operator.code).toBe(0)
    expect(operator.stdout).toContain(`checked against the operator's own signing key ${db}.key`)
    expect(operator.stdout).toContain('not a pinned trust anchor')
  })

  it('verify --key with a public key file says to pin it with --vkey (exit 2, one line)', () => {
    const r = cli(['verify', '--store', store, '--key', vkeyFile])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toEqual([`contact-ledger: ${vkeyFile} holds a verifier key (a public key), not a signing key: pin it with --vkey ${vkeyFile}`])
  })

  it('without any trusted key: every hash is checked, a line says no signature was, and exit 1 unless --no-signatures', () => {
    const copy = join(dir, 'copy.db')
    copyFileSync(db, copy) // an auditor's copy: no signing key beside it
    const r = cli(['verify', '--store', `sqlite:${copy}`])
    expect(r.code).toBe(1)
    const lines = r.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^verified: 20 entries, root \S+, 2 checkpoints \(hashes only\)$/)
    expect(lines[1]).toMatch(/^signatures: NOT CHECKED: no signature was checked against a trusted key; /)
    expect(JSON.parse(cli(['verify', '--store', `sqlite:${copy}`, '--json']).stdout)).toMatchObject({ ok: false, kind: 'unpinned', treeSize: 20 })
    const allowed = cli(['verify', '--store', `sqlite:${copy}`, '--no-signatures'])
    expect(allowed.code).toBe(0)
    expect(allowed.stdout.split('\n')[1]).toMatch(/^signatures: not checked \(--no-signatures\)/)
    // a hash that does not hold still fails, with or without a key
    const raw = must(connectSqlite(copy))
    dropSqliteGuards(raw) // the file's owner, around the append-only triggers
    raw.prepare("UPDATE events SET entry = replace(entry, 'Stichting 3', 'Stichting Q') WHERE position = 3").run()
    raw.close()
    expect(cli(['verify', '--store', `sqlite:${copy}`, '--no-signatures']).stdout).toMatch(/^verification failed at position 3: /)
  })

  it('a forged bundle (its own key) fails verify --bundle --vkey with exit 1 naming the key mismatch', () => {
    const forger = join(dir, 'forger')
    const fdb = join(forger, 'f.db')
    expect(cli(['key', 'init', '--key', join(dir, 'forged.key')]).code).toBe(0)
    rmSync(forger, { recursive: true, force: true })
    expect(spawnSync('mkdir', ['-p', forger]).status).toBe(0)
    exec(fdb, O, 20, 'Vereniging')
    grantAuditor(fdb)
    expect(cli(['export', '--store', `sqlite:${fdb}`, '--key', join(dir, 'forged.key'), '--out', join(forger, 'bundle'), ...AS_AUDITOR]).code).toBe(0)
    const forgedKey = readFileSync(join(forger, 'bundle', 'key.vkey'), 'utf8').trim().split('+').slice(0, 2).join('+')
    // without a pinned key the forgery's hashes all agree: that is why the exit is 1 and the line says so
    const unpinned = cli(['verify', '--bundle', join(forger, 'bundle')])
    expect(unpinned.code).toBe(1)
    expect(unpinned.stdout).toContain('no signature was checked against a trusted key')
    const r = cli(['verify', '--bundle', join(forger, 'bundle'), '--vkey', vkeyFile])
    expect(r.code).toBe(1)
    expect(r.stdout.trim().split('\n')).toHaveLength(1)
    expect(r.stdout).toContain(`key mismatch, it is signed by ${forgedKey}, not by the pinned key ${vkey.split('+').slice(0, 2).join('+')}`)
  })

  it('the checkpoint counts of export and verify --bundle agree, and an honest bundle verifies against the pinned key and the kept checkpoint', () => {
    const out = join(dir, 'bundle')
    // an export is restricted (rule 20): from a copy of the register with its auditor granted (one more entry),
    // so that the register the other tests check keeps its 20
    const granted = join(dir, 'granted.db')
    copyFileSync(db, granted)
    copyFileSync(`${db}.key`, `${granted}.key`)
    grantAuditor(granted)
    const exported = cli(['export', '--store', `sqlite:${granted}`, '--out', out, ...AS_AUDITOR])
    expect(exported.code).toBe(0)
    const count = /exported 21 entries, (\d+) checkpoints/.exec(exported.stdout)?.[1]
    expect(count).toBe('3')
    const r = cli(['verify', '--bundle', out, '--vkey', vkey, '--since', kept])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(new RegExp(`^verified: 21 entries, root \\S+, ${count} checkpoints \\(signatures checked\\)\\n`))
    expect(r.stdout).toContain('since: the log extends the kept checkpoint of size 12')
    expect(cli(['verify', '--bundle', out, '--key', vkeyFile]).code).toBe(2)
  })

  it('verify --bundle names the entry whose bytes changed (entry 12 at position 12), a changed leaves.txt line, and falls back without leaves.txt', () => {
    const out = join(dir, 'bundle-edit')
    cpSync(join(dir, 'bundle'), out, { recursive: true })
    const entries = join(out, 'entries.jsonl')
    const original = readFileSync(entries, 'utf8')
    writeFileSync(entries, original.replace('Stichting 12"', 'Stichting 21"'))
    const r = cli(['verify', '--bundle', out, '--vkey', vkey, '--json'])
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, position: 12, kind: 'entry' })
    writeFileSync(entries, original)
    const leaves = join(out, 'leaves.txt')
    const tree = readFileSync(leaves, 'utf8').split('\n')
    writeFileSync(leaves, [...tree.slice(0, 5), '0'.repeat(64), ...tree.slice(6)].join('\n'))
    expect(JSON.parse(cli(['verify', '--bundle', out, '--vkey', vkey, '--json']).stdout)).toMatchObject({ ok: false, position: 5, kind: 'tree' })
    rmSync(leaves)
    expect(cli(['verify', '--bundle', out, '--vkey', vkey]).code).toBe(0)
    writeFileSync(entries, original.replace('Stichting 12"', 'Stichting 21"'))
    const old = cli(['verify', '--bundle', out, '--vkey', vkey])
    expect(old.code).toBe(1)
    expect(old.stdout).toContain('no leaves.txt in this bundle to name the entry')
  })

  it('--since: an honest extension passes; a rolled-back file, an SQL truncation and a fork of the same origin fail naming both sizes', () => {
    expect(cli(['verify', '--store', store, '--vkey', vkeyFile, '--since', kept]).stdout).toContain(
      'since: the log extends the kept checkpoint of size 12 (root ',
    )
    const kept20 = join(dir, 'kept-20.note')
    writeFileSync(kept20, cli(['checkpoint', '--store', store]).stdout)
    // the file restored from a backup (a WAL lost after a crash): consistent in itself, so plain verify passes
    const rolled = join(dir, 'rolled.db')
    copyFileSync(backup, rolled)
    expect(cli(['verify', '--store', `sqlite:${rolled}`, '--vkey', vkeyFile]).code).toBe(0)
    const r = cli(['verify', '--store', `sqlite:${rolled}`, '--vkey', vkeyFile, '--since', kept20, '--json'])
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, kind: 'rollback', keptSize: 20, logSize: 12 })
    expect(cli(['verify', '--store', `sqlite:${rolled}`, '--vkey', vkeyFile, '--since', kept20]).stdout).toBe(
      'verification failed at position 12: the log has 12 entries but the kept checkpoint is of size 20: the log was truncated or rolled back\n',
    )
    // truncated with SQL: entries, their nodes and the later checkpoints removed
    const cut = join(dir, 'cut.db')
    copyFileSync(db, cut)
    const raw = must(connectSqlite(cut))
    dropSqliteGuards(raw) // the file's owner, around the append-only triggers
    raw.prepare('DELETE FROM events WHERE position >= 15').run()
    raw.prepare('DELETE FROM nodes WHERE (idx + 1) * (1 << level) > 15').run()
    raw.prepare('DELETE FROM checkpoints WHERE tree_size > 15').run()
    raw.close()
    // tag rows left behind name entries that are gone: verify's check of derived data sees it
    expect(cli(['verify', '--store', `sqlite:${cut}`, '--no-signatures', '--json']).stdout).toContain('"kind":"index"')
    // a careful truncation removes those too, and only the kept checkpoint tells
    const again = must(connectSqlite(cut))
    dropSqliteGuards(again)
    again.prepare('DELETE FROM event_tags WHERE position >= 15').run()
    again.close()
    expect(cli(['verify', '--store', `sqlite:${cut}`, '--no-signatures']).code).toBe(0)
    expect(cli(['verify', '--store', `sqlite:${cut}`, '--vkey', vkeyFile, '--since', kept20]).stdout).toMatch(/the log has 15 entries but the kept checkpoint is of size 20/)
    // a fork: another log of the same origin, signed with the same key, as long as the kept one and longer
    const fork = join(dir, 'fork.db')
    copyFileSync(`${db}.key`, `${fork}.key`)
    exec(fork, O, 25, 'Vereniging')
    expect(cli(['checkpoint', '--store', `sqlite:${fork}`]).code).toBe(0)
    expect(cli(['verify', '--store', `sqlite:${fork}`, '--vkey', vkeyFile]).code).toBe(0)
    const forked = cli(['verify', '--store', `sqlite:${fork}`, '--vkey', vkeyFile, '--since', kept, '--json'])
    expect(forked.code).toBe(1)
    expect(JSON.parse(forked.stdout)).toMatchObject({ kind: 'rollback', position: 11, keptSize: 12, logSize: 25 })
    expect(JSON.parse(forked.stdout).reason).toMatch(/does not extend the kept checkpoint of size 12: .*forked or rewritten/)
    // the bundle of a fork fails the same way
    grantAuditor(fork)
    expect(cli(['export', '--store', `sqlite:${fork}`, '--out', join(dir, 'fork-bundle'), ...AS_AUDITOR]).code).toBe(0)
    expect(cli(['verify', '--bundle', join(dir, 'fork-bundle'), '--vkey', vkey, '--since', kept]).stdout).toMatch(/^verification failed at position 11: .*kept checkpoint of size 12/)
  })

  it('bad trust input is one line and exit 2: a --vkey that is no key, a --since that is no checkpoint, a private key as --vkey', () => {
    for (const [args, text] of [
      [['--vkey', 'not-a-key'], 'not a verifier key line'],
      [['--vkey', join(dir, 'missing.vkey')], 'no such file'],
      [['--vkey', `${db}.key`], 'holds a private signing key'],
      [['--vkey', vkeyFile, '--since', join(dir, 'none.note')], '--since: cannot read'],
      [['--vkey', vkeyFile, '--since', vkeyFile], 'is not a signed checkpoint'],
    ] as const) {
      const r = cli(['verify', '--store', store, ...args])
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toContain(text)
    }
  })
})
