import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { keysPathOf, openSqliteEventStore, openSqliteKeyStore } from '../../adapters/sqlite/index.js'
import { isSnapshot, createSnapshotRenderer } from '../../src/ledger/snapshot.js'
import { actors } from '../fixtures/domain.js'
import { READER_GRANTS, execAs } from '../fixtures/cli.js'
import { arbReportHistory, historyLedger, LATER, right, runHistory, testSnapshotDeps } from './history-run.js'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'contact-ledger.mjs')
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

const cli = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Kolkata', LC_ALL: 'de_DE.UTF-8' } })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('a snapshot on a SQLite register, checked later from the command line', () => {
  it("has the content hash of `report … --at N` rendered in another process after the log grew", async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cl-snap-')), 'register.db')
    const store = right(openSqliteEventStore(path))
    const keys = right(openSqliteKeyStore(keysPathOf(path)))
    const ledger = historyLedger({ store, keys, renderSnapshot: createSnapshotRenderer(testSnapshotDeps(store)) })
    await runHistory(ledger, fc.sample(arbReportHistory(50), { seed: 5, numRuns: 1 })[0]!)
    const take = async (payload: Record<string, unknown>) => {
      const e = right(await ledger.execute({ command: 'takeReportSnapshot', actor: { id: 'test.reporting-officer', role: 'reporting-officer' }, payload })).events[0]!
      if (!isSnapshot(e)) throw new Error('not a snapshot')
      return e.data
    }
    const overview = await take({ kind: 'annual-overview', year: 2024, format: 'html', language: 'en' })
    const list = await take({ kind: 'confidential-contact-list', format: 'csv' })
    await runHistory(ledger, LATER)
    await store.close()
    await keys.close()

    const store_ = `sqlite:${path}`
    const again = cli(['report', 'annual', '--year', '2024', '--format', 'html', '--language', 'en', '--at', String(overview.logSize), '--store', store_])
    expect(again.stderr).toBe('')
    expect(sha256(again.stdout)).toBe(overview.contentHash)
    const now = cli(['report', 'annual', '--year', '2024', '--format', 'html', '--language', 'en', '--store', store_])
    expect(sha256(now.stdout)).not.toBe(overview.contentHash)
    // the confidential list is a restricted read (rule 20): by the history's reporting officer
    const listAgain = cli([
      'report', 'confidential', '--confidential', '--format', 'csv', '--at', String(list.logSize),
      '--since', list.parameters.since!, '--until', list.parameters.until!, '--store', store_, '--actor', 'test.reporting-officer',
    ])
    expect(sha256(listAgain.stdout)).toBe(list.contentHash)
  })
})
