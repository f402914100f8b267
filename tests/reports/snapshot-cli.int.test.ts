import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { openSqliteEventStore } from '../../adapters/sqlite/index.js'
import { verifyConsistency } from '../../src/audit/verify-proof.js'
import { stamp } from '../../src/ledger/meta.js'
import { decodeCommand } from '../../src/domain/commands/index.js'
import { event } from '../../src/domain/events.js'
import { knownUuid } from '../../src/domain/values.js'
import { actors } from '../fixtures/domain.js'
import { AS_AUDITOR, HISTORY_GRANTS, READER_GRANTS, execAs } from '../fixtures/cli.js'
import { arbReportHistory, LATER, right } from './history-run.js'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'contact-ledger.mjs')
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}
const rootOf = (note: string) => Buffer.from(note.split('\n')[2]!, 'base64')

describe('snapshot on the command line, with the signing key and proofs of the audit log', () => {
  it('records snapshots whose hash `report --at N` reproduces, links overviews by a consistency proof, and verify checks them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-snapcli-'))
    const db = join(dir, 'register.db')
    const store = ['--store', `sqlite:${db}`]
    const history = join(dir, 'history.jsonl')
    // the readers of rule 20 granted with the history's actors: the log and the confidential list below are restricted reads
    writeFileSync(history, READER_GRANTS + HISTORY_GRANTS + fc.sample(arbReportHistory(40, { grants: false }), { seed: 9, numRuns: 1 })[0]!.map((c) => JSON.stringify(c) + '\n').join(''))
    expect(execAs([...store, history]).code).toBe(0)

    expect(cli(['snapshot', 'confidential', ...store]).code).toBe(2)
    // a snapshot is recorded by a reporting officer the grants name (rule 18)
    const unnamed = cli(['snapshot', 'annual', '--year', '2024', '--format', 'html', ...store])
    expect(unnamed.code).toBe(2)
    expect(unnamed.stderr).toContain('--actor ID (or CONTACT_LEDGER_ACTOR)')
    const first = cli(['snapshot', 'annual', '--year', '2024', '--format', 'html', '--actor', 'r.degroot', ...store])
    expect(first.code).toBe(0)
    const a = JSON.parse(first.stdout)
    expect(Object.keys(a)).toEqual(['reportId', 'logSize', 'position', 'contentHash', 'checkpoint'])
    expect(a.position).toBe(a.logSize)

    writeFileSync(history, LATER.map((c) => JSON.stringify(c) + '\n').join(''))
    const later = execAs([...store, history])
    expect(later.code, later.stdout + later.stderr).toBe(0)
    const list = JSON.parse(cli(['snapshot', 'confidential', '--confidential', '--format', 'csv', '--actor', 'r.degroot', ...store]).stdout)
    const b = JSON.parse(cli(['snapshot', 'annual', '--year', '2025', '--format', 'md', '--language', 'en', '--actor', 'r.degroot', ...store]).stdout)

    // rendered later, at the same log size: the same bytes
    expect(sha256(cli(['report', 'annual', '--year', '2024', '--format', 'html', '--at', String(a.logSize), ...store]).stdout)).toBe(a.contentHash)
    expect(sha256(cli(['report', 'annual', '--year', '2025', '--format', 'md', '--language', 'en', '--at', String(b.logSize), ...store]).stdout)).toBe(b.contentHash)
    const logged = cli(['log', ...store, ...AS_AUDITOR, '--from', String(list.position), '--to', String(list.position)])
    const p = JSON.parse(logged.stdout).data.parameters
    expect(
      sha256(cli(['report', 'confidential', '--confidential', '--format', 'csv', '--since', p.since, '--until', p.until, '--at', String(list.logSize), ...store, ...AS_AUDITOR]).stdout),
    ).toBe(list.contentHash)

    // the second overview carries a consistency proof from the first overview's checkpoint, and it verifies
    const snap = JSON.parse(cli(['log', ...store, ...AS_AUDITOR, '--from', String(b.position), '--to', String(b.position)]).stdout).data
    expect(snap.consistency).toMatchObject({ fromReportId: a.reportId, fromSize: a.logSize, toSize: b.logSize })
    const proof = (snap.consistency.proof as string[]).map((h) => Buffer.from(h, 'base64'))
    expect(verifyConsistency(a.logSize, b.logSize, proof, rootOf(a.checkpoint), rootOf(b.checkpoint))._tag).toBe('Right')

    const verified = cli(['verify', ...store])
    expect(verified.code).toBe(0)
  })

  it('verify names a snapshot whose content hash its log prefix does not give', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-snapbad-'))
    const db = join(dir, 'register.db')
    const history = join(dir, 'history.jsonl')
    writeFileSync(history, fc.sample(arbReportHistory(30), { seed: 4, numRuns: 1 })[0]!.map((c) => JSON.stringify(c) + '\n').join(''))
    expect(execAs(['--store', `sqlite:${db}`, history]).code).toBe(0)
    const good = JSON.parse(cli(['snapshot', 'annual', '--year', '2024', '--actor', 'test.reporting-officer', '--store', `sqlite:${db}`]).stdout)
    // a snapshot event whose leaf is sound but whose recorded hash is not the rendering's
    const store = right(openSqliteEventStore(db))
    const command = decodeCommand({ command: 'takeReportSnapshot', actor: actors.reporting, payload: { kind: 'annual-overview', year: 2024, format: 'json' } })
    if (command._tag === 'Left') throw new Error(command.left.message)
    const bogus = event('ReportSnapshotTaken', {
      reportId: knownUuid('0b0b0000-0000-4000-8000-000000000001'),
      kind: 'annual-overview',
      parameters: { format: 'json', language: 'nl', year: 2024 } as never,
      logSize: good.logSize,
      checkpoint: good.checkpoint,
      contentHash: '0'.repeat(64),
    })
    const stamped = stamp([bogus], {
      command: command.right,
      recordedAt: new Date('2026-01-31T12:00:00Z'),
      today: '2026-01-31',
      correlationId: '0b0b0000-0000-4000-8000-000000000002',
      causationId: '0b0b0000-0000-4000-8000-000000000003',
      commandHash: 'x',
    })
    const [appended] = right(await store.append(stamped)())
    await store.close()
    const verified = cli(['verify', '--store', `sqlite:${db}`])
    expect(verified.code).toBe(1)
    expect(verified.stdout + verified.stderr).toContain(`position ${appended!.position}`)
  })
})
