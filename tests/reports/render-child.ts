/**
 * Run by determinism.test.ts in a child process under a given TZ and locale: loads a log (JSON
 * Lines as `log` prints it) into a fresh memory store, renders every report in every format and
 * language at entry N, and prints them as one JSON object with the time zone and locale it saw.
 */
import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { memoryEventStore } from '../../adapters/memory/index.js'
import { decodeStored } from '../../src/domain/events.js'
import { LANGUAGES, REPORT_FORMATS } from '../../src/domain/values.js'
import { renderAt, type ReportRequest } from '../../src/ledger/reports.js'
import { right } from './history-run.js'

/** Every report, format and language. */
export const REQUESTS: ReadonlyArray<readonly [string, ReportRequest]> = [
  ['annual-2024', { kind: 'annual-overview', year: 2024 }],
  ['annual-2025', { kind: 'annual-overview', year: 2025 }],
  ['confidential', { kind: 'confidential-contact-list' }],
  ['audit', { kind: 'audit-view' }],
]

/** Renders every report, format and language of a store at entry n. */
export const renderAll = async (store: Parameters<typeof renderAt>[0], n: number): Promise<Record<string, string>> => {
  const out: Record<string, string> = {}
  for (const [name, request] of REQUESTS)
    for (const format of request.kind === 'audit-view' ? (['json', 'md'] as const) : REPORT_FORMATS)
      for (const language of LANGUAGES) out[`${name}.${language}.${format}`] = right(await renderAt(store, request, { format, language, at: n })).text
  return out
}

if (process.argv[1]?.endsWith('render-child.ts')) {
  const [file, at] = process.argv.slice(2) as [string, string]
  const store = memoryEventStore()
  const events = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const d = decodeStored(JSON.parse(l))
      if (E.isLeft(d)) throw new Error('unreadable log line')
      const { position: _p, ...e } = d.right
      return e
    })
  right(await store.append(events)())
  const seen = Intl.DateTimeFormat().resolvedOptions()
  process.stdout.write(JSON.stringify({ timeZone: seen.timeZone, locale: seen.locale, renderings: await renderAll(store, Number(at)) }))
}
