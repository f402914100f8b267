import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeStored } from '../../src/domain/events.js'
import { arbReportHistory, eventsOf, historyLedger, runHistory } from './history-run.js'
import { renderAll } from './render-child.js'

const ROOT = join(import.meta.dirname, '..', '..')
const CHILD = join(import.meta.dirname, 'render-child.ts')

const ENVIRONMENTS = [
  { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' },
  { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' },
  { TZ: 'America/St_Johns', LANG: 'nl_NL.UTF-8', LC_ALL: 'nl_NL.UTF-8' },
] as const

const renderIn = (env: (typeof ENVIRONMENTS)[number], file: string, at: number) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', CHILD, file, String(at)], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  })
  if (r.status !== 0) throw new Error(`render child failed: ${r.stderr}`)
  return JSON.parse(r.stdout) as { timeZone: string; locale: string; renderings: Record<string, string> }
}

describe('renderings are the same bytes whatever the time zone and locale', () => {
  it.each([
    [11, 1],
    [42, 0.6],
    [2024, 0.85],
  ])('generated history (seed %i) at %f of its log: every report, format and language', async (seed, cut) => {
    const ledger = historyLedger()
    await runHistory(ledger, fc.sample(arbReportHistory(60), { seed, numRuns: 1 })[0]!)
    const events = await eventsOf(ledger)
    const at = Math.floor(events.length * cut)
    const file = join(mkdtempSync(join(tmpdir(), 'cl-determinism-')), 'log.jsonl')
    writeFileSync(file, events.map((e) => JSON.stringify(encodeStored(e)) + '\n').join(''))
    const here = await renderAll(ledger.store, at)
    const runs = ENVIRONMENTS.map((env) => renderIn(env, file, at))
    // the children really ran under different time zones and locales
    expect(new Set(runs.map((r) => r.timeZone)).size).toBe(ENVIRONMENTS.length)
    expect(new Set(runs.map((r) => r.locale)).size).toBeGreaterThan(1)
    expect(Object.keys(here)).toHaveLength(3 * 8 + 4)
    for (const run of runs) for (const [key, text] of Object.entries(here)) expect({ key, text: run.renderings[key] }).toEqual({ key, text })
  })
})
