/**
 * `verify` on derived data through the real binary (issue 14): a deleted tag row of an exclusion
 * is named (exit 1, kind `index`, with the hint to repair); `verify --repair` rebuilds the derived
 * rows from the entries and verifies again (exit 0); after it the forbidden contact is refused.
 * A register whose entries themselves fail is never "repaired".
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { connectSqlite } from '../../adapters/sqlite/index.js'
import { cmd, confirm, ORG_A } from '../fixtures/domain.js'
import { dropSqliteGuards } from '../fixtures/insider.js'
import { execAs } from '../fixtures/cli.js'

const PROPOSAL = 'd1000000-0000-4000-8000-0000000000d1'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'contact-ledger.mjs')
const cli = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CONTACT_LEDGER_KEY: '' } })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}
const sql = (path: string, text: string) => {
  const db = connectSqlite(path)
  if (E.isLeft(db)) throw new Error(db.left.message)
  // the file's owner drops the append-only triggers first (the application's connection cannot edit rows)
  dropSqliteGuards(db.right)
  db.right.exec(text)
  db.right.close()
}

const setUp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-repair-'))
  const db = join(dir, 'register.db')
  // after the five grants execAs makes (rule 18), the exclusion at position 9 (proposed at 7, confirmed by a second vetting officer at 8: rule 19), on a
  // recorded statement (rule 4); the contact of 2024 lies before it
  const lines = [cmd.registerOrganisation(), cmd.statement(), { ...cmd.exclude(), proposalId: PROPOSAL }, confirm(PROPOSAL, 'vetting-officer'), cmd.contact()].map((c) => JSON.stringify(c))
  expect(execAs(['--store', `sqlite:${db}`, '-'], lines.join('\n') + '\n', cli).code).toBe(0)
  expect(cli(['checkpoint', '--store', `sqlite:${db}`]).code).toBe(0)
  expect(cli(['verify', '--store', `sqlite:${db}`]).code).toBe(0)
  return db
}

describe('verify and derived data', () => {
  it("names a deleted tag row of an exclusion; --repair rebuilds it and the forbidden contact is refused again", () => {
    const db = setUp()
    sql(db, `DELETE FROM event_tags WHERE position = 9`)
    const named = cli(['verify', '--store', `sqlite:${db}`])
    expect(named.code).toBe(1)
    expect(named.stdout).toContain(`verification failed at position 9: event_tags lacks the row for tag organisation:${ORG_A} (ExclusionDecided) at position 9`)
    expect(named.stdout).toContain('contact-ledger verify --repair rebuilds it')
    const json = cli(['verify', '--json', '--store', `sqlite:${db}`])
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, position: 9, kind: 'index' })

    const repaired = cli(['verify', '--repair', '--store', `sqlite:${db}`])
    expect(repaired.code).toBe(0)
    expect(repaired.stderr).toContain('repaired derived data (first difference: event_tags lacks the row')
    // organisation, decision and the sealed rationale's record (rule 21)
    expect(repaired.stderr).toMatch(/rows rebuilt: event_tags 3\n/)
    expect(repaired.stdout).toMatch(/^verified: 11 entries/)
    expect(cli(['verify', '--store', `sqlite:${db}`]).code).toBe(0)

    const forbidden = execAs(['--store', `sqlite:${db}`, '-'], JSON.stringify(cmd.contact([ORG_A], { occurredOn: '2025-02-01' })) + '\n', cli)
    expect(forbidden.code).not.toBe(0)
    const conn = connectSqlite(db)
    if (E.isLeft(conn)) throw new Error(conn.left.message)
    expect(conn.right.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 11 })
    conn.right.close()
  })

  it('refuses to repair a register whose entries fail, and changes nothing', () => {
    const db = setUp()
    sql(db, `DELETE FROM event_tags WHERE position = 7; UPDATE events SET entry = replace(entry, '2025-01-10', '2025-01-11') WHERE position = 7`)
    const r = cli(['verify', '--repair', '--store', `sqlite:${db}`])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('verification failed at position 7')
    expect(r.stdout).toContain('not repaired: the entries or the tree themselves fail')
    sql(db, `UPDATE events SET entry = replace(entry, '2025-01-11', '2025-01-10') WHERE position = 7`)
    expect(cli(['verify', '--json', '--store', `sqlite:${db}`]).stdout).toContain('"kind":"index"')
  })
})
