/**
 * A SQLite register shorter than its own last signed checkpoint (issue 14): every signed
 * checkpoint is kept beside the register too (`PATH.checkpoint`, atomically, mode 0600), and a log
 * that lost committed entries (the WAL file deleted after a crash, an old copy restored), or one
 * whose root at that size differs, is refused by every command (exit 2, one line naming both sizes
 * and the file) and failed by `verify` (exit 1), with nothing appended and nothing created.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { connectSqlite, openSqlite } from '../../adapters/sqlite/index.js'
import { generateSigner, signedCheckpoint } from '../../src/audit/index.js'
import { createLedger, fixedClock, sequentialIds } from '../../src/index.js'
import { cli, execAs, grantsFor } from '../fixtures/cli.js'
import { cmd, G, NOW, ORG_B, run, grantFixtureRoles } from '../fixtures/domain.js'

const must = <A>(e: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

const lines = (...commands: unknown[]) => commands.map((c) => JSON.stringify(c)).join('\n') + '\n'

const countEvents = (path: string): number => {
  const db = must(connectSqlite(path))
  try {
    return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n
  } finally {
    db.close()
  }
}

/** The grants `execAs` opens the register of `setUp` with (b.beheer and each actor of its lines), before them. */
const GRANTS = grantsFor(lines(cmd.registerOrganisation(), cmd.endorse(), cmd.contact())).trim().split('\n').length

/** The sizes `setUp` signs at: its grants and 3 entries (`old`), then 2 more. */
const OLD = GRANTS + 3
const KEPT = GRANTS + 5

/** A register of its grants and 3 entries signed at OLD (`old`, its file copied then), then 2 more signed at KEPT. */
const setUp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-anchor-'))
  const db = join(dir, 'register.db')
  const store = `sqlite:${db}`
  expect(execAs(['--store', store, '-'], lines(cmd.registerOrganisation(), cmd.endorse(), cmd.contact())).code).toBe(0)
  expect(cli(['checkpoint', '--store', store]).code).toBe(0)
  const old = join(dir, 'old.db')
  copyFileSync(db, old) // the process closed the register: its WAL is in the file
  expect(execAs(['--store', store, '-'], lines(cmd.registerOrganisation(ORG_B, 'Vereniging Elders'), cmd.contact([ORG_B]))).code).toBe(0)
  expect(cli(['checkpoint', '--store', store]).code).toBe(0)
  return { dir, db, store, old }
}

/** The WAL lost after a crash: the file as it was before the last appends, without its -wal and -shm. */
const loseWal = (db: string, old: string) => {
  copyFileSync(old, db)
  rmSync(`${db}-wal`, { force: true })
  rmSync(`${db}-shm`, { force: true })
}

describe('the last signed checkpoint kept beside a SQLite register', () => {
  it('is written by checkpoint as PATH.checkpoint, owner-only, with no temporary file left', () => {
    const { dir, db } = setUp()
    const kept = readFileSync(`${db}.checkpoint`, 'utf8')
    expect(kept.split('\n').slice(1, 2)).toEqual([String(KEPT)])
    expect(statSync(`${db}.checkpoint`).mode & 0o777).toBe(0o600)
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('a log that lost committed entries (WAL deleted): every command exits 2 naming both sizes and the file, exec appends nothing; verify exits 1', () => {
    const { db, store, old } = setUp()
    loseWal(db, old)
    const message = `the register ${db} holds ${OLD} entries, fewer than the ${KEPT} of its last signed checkpoint (${db}.checkpoint): committed entries were lost`
    for (const args of [['log'], ['report', 'annual', '--year', '2024'], ['checkpoint']]) {
      const r = cli([...args, '--store', store])
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toContain(message)
      expect(r.stdout).toBe('')
    }
    const exec = execAs(['--store', store, '-'], lines(cmd.registerOrganisation(ORG_B, 'Vereniging Elders')))
    expect(exec.code).toBe(2)
    expect(exec.stderr).toContain(message)
    expect(countEvents(db)).toBe(OLD)
    const verify = cli(['verify', '--store', store])
    expect(verify.code).toBe(1)
    expect(verify.stdout.trim().split('\n')).toEqual([expect.stringContaining(message)])
    const json = cli(['verify', '--json', '--store', store])
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, kind: 'anchor', keptSize: KEPT, logSize: OLD })
    // the kept checkpoint itself is left as it was
    expect(readFileSync(`${db}.checkpoint`, 'utf8').split('\n')[1]).toBe(String(KEPT))
  })

  it('a log of another history (its root at the kept size differs) is refused (exit 2) and fails verify (exit 1)', () => {
    const { dir, db, store } = setUp()
    const other = join(dir, 'other.db')
    expect(execAs(['--store', `sqlite:${other}`, '-'], lines(cmd.registerOrganisation(ORG_B, 'Vereniging Elders'), cmd.endorse(ORG_B), cmd.contact([ORG_B]), cmd.contact([ORG_B], { occurredOn: '2024-03-01' }), cmd.contact([ORG_B], { occurredOn: '2024-04-01' }), cmd.contact([ORG_B], { occurredOn: '2024-05-01' }))).code).toBe(0)
    copyFileSync(other, db)
    const r = cli(['log', '--store', store])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(new RegExp(`the register ${db.replace(/[.\\/]/g, '\\$&')} \\(${GRANTS + 6} entries\\) has root \\S+ at size ${KEPT}, but its last signed checkpoint \\(${db.replace(/[.\\/]/g, '\\$&')}\\.checkpoint\\) says \\S+: the log was rewritten or forked`))
    const verify = cli(['verify', '--json', '--store', store])
    expect(verify.code).toBe(1)
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: false, kind: 'anchor', keptSize: KEPT, logSize: GRANTS + 6 })
  })

  it('a register deleted (or emptied) beside its kept checkpoint is refused even by a command that may create, and nothing is created', () => {
    const { db, store } = setUp()
    rmSync(db)
    rmSync(`${db}-wal`, { force: true })
    rmSync(`${db}-shm`, { force: true })
    rmSync(`${db}.keys`, { force: true })
    const r = execAs(['--store', store, '-'], lines(cmd.registerOrganisation()))
    expect(r.code).toBe(2)
    expect(r.stderr.trim()).toBe(`contact-ledger: the register ${db} is missing or empty, but its last signed checkpoint ${db}.checkpoint is at size ${KEPT}: restore the register from a copy (nothing was created)`)
    expect(existsSync(db)).toBe(false)
    writeFileSync(db, '')
    expect(execAs(['--store', store, '-'], lines(cmd.registerOrganisation())).code).toBe(2)
    expect(statSync(db).size).toBe(0)
  })

  it('a damaged kept checkpoint is named (exit 2), never ignored', () => {
    const { db, store } = setUp()
    writeFileSync(`${db}.checkpoint`, 'not a checkpoint\n')
    const r = cli(['log', '--store', store])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`${db}.checkpoint holds no signed checkpoint: it was damaged`)
  })

  it('a register written before the kept checkpoint existed (stored checkpoints, no PATH.checkpoint): reads work, verify says so and passes; the next checkpoint writes it', () => {
    const { db, store } = setUp()
    rmSync(`${db}.checkpoint`)
    // a public read (the log itself is an auditor's restricted read, rule 20)
    expect(cli(['report', 'annual', '--year', '2024', '--store', store]).code).toBe(0)
    const v = cli(['verify', '--store', store])
    expect(v.code).toBe(0)
    expect(v.stdout).toContain(`note: the register holds 2 signed checkpoint(s), the latest at size ${KEPT}, but none is kept outside the log (${db}.checkpoint)`)
    expect(cli(['checkpoint', '--store', store]).code).toBe(0)
    expect(cli(['verify', '--store', store]).stdout).not.toContain('none is kept outside the log')
  })

  it('only moves forward: a checkpoint signed at an earlier size (a snapshot, a proof) leaves the larger one kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-anchor-lib-'))
    const path = join(dir, 'r.db')
    const opened = must(await openSqlite({ path }))
    await grantFixtureRoles(opened.store)
    const ledger = createLedger({ store: opened.store, keys: opened.keys, clock: fixedClock(NOW), ids: sequentialIds() })
    await run(ledger, cmd.registerOrganisation(), cmd.registerOrganisation(ORG_B, 'Vereniging Elders'), cmd.contact(), cmd.contact([ORG_B], { occurredOn: '2024-03-01' }))
    const signer = must(generateSigner('contact-ledger.local/register'))
    must(await signedCheckpoint(opened.store, signer)())
    must(await signedCheckpoint(opened.store, signer, 2)())
    expect(readFileSync(`${path}.checkpoint`, 'utf8').split('\n')[1]).toBe(String(G + 4))
    await opened.close()
  })
})
