/**
 * Import idempotency from what the rows say (issue 14): the same records imported again append
 * nothing whatever the file's bytes (CRLF, a BOM, another row order); two identical rows stay two
 * contacts; a register imported before content keys is not imported a second time.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { loadMapping } from '../../cli/import/mapping-file.js'
import { runImport, type ImportRequest } from '../../cli/import/run.js'
import { dataFile } from '../cli/shared-data.js'
import { openedLedger, G, sizeOf } from '../fixtures/domain.js'

const UK = dataFile('uk_integritywatch_meetings_sample_iw_uk2.csv')
const ukText = readFileSync(UK, 'utf8')

const fileOf = (name: string, text: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'cl-import-keys-')), name)
  writeFileSync(file, text)
  return file
}

const request = (file: string, extra: Partial<ImportRequest> = {}): ImportRequest => ({
  file,
  bytes: readFileSync(file),
  mapping: loadMapping('uk-ministerial-meetings'),
  mappingName: 'uk-ministerial-meetings',
  actor: 'a.jansen',
  coordinator: 'c.desmet',
  dryRun: false,
  ...extra,
})

/** The UK file's header and data lines (no quoted line breaks in it, so a line is a row). */
const [header, ...lines] = ukText.replace(/\r?\n$/, '').split(/\r?\n/)

describe('import idempotency keys come from the rows, not the bytes', () => {
  it('appends nothing when the same records come again with CRLF line endings, a BOM, or in another order', async () => {
    const ledger = await openedLedger()
    expect(await runImport(ledger, request(UK))).toMatchObject({ appended: 966, problems: [] })
    const crlf = fileOf('crlf.csv', ukText.replace(/\r?\n/g, '\r\n'))
    const bom = fileOf('bom.csv', `\uFEFF${ukText}`)
    const reversed = fileOf('reversed.csv', [header, ...[...lines].reverse()].join('\n') + '\n')
    for (const file of [crlf, bom, reversed]) {
      const again = await runImport(ledger, request(file))
      expect(again.problems).toEqual([])
      expect(again).toMatchObject({ appended: 0, replayed: 509 })
    }
    expect(await sizeOf(ledger)).toBe(966)
  })

  it('appends only the rows a longer export adds', async () => {
    const ledger = await openedLedger()
    const firstHalf = fileOf('half.csv', [header, ...lines.slice(0, 200)].join('\n') + '\n')
    const first = await runImport(ledger, request(firstHalf))
    expect(first.problems).toEqual([])
    const whole = await runImport(ledger, request(UK))
    expect(whole.problems).toEqual([])
    expect(whole.replayed).toBe(200)
    const state = await ledger.state()
    expect(E.isRight(state) && Object.keys(state.right.contacts)).toHaveLength(509)
  })

  it('keeps two identical meetings in one file as two contacts, and appends neither again', async () => {
    const ledger = await openedLedger()
    const twice = fileOf('twice.csv', [header, lines[0], lines[0], lines[1]].join('\n') + '\n')
    const first = await runImport(ledger, request(twice))
    expect(first).toMatchObject({ contacts: 3, problems: [] })
    const state = await ledger.state()
    expect(E.isRight(state) && Object.keys(state.right.contacts)).toHaveLength(3)
    expect(await runImport(ledger, request(twice))).toMatchObject({ appended: 0, replayed: 3 })
  })

  it('does not import again a file an earlier version imported under its line keys', async () => {
    const ledger = await openedLedger()
    // the same file as an import before content keys appended it: each contact under its old key,
    // and (before the name screening) every person in the organisation column an organisation
    const dry = await runImport(ledger, request(UK, { dryRun: true }))
    expect(dry.problems).toEqual([])
    const { planImport, rowReader } = await import('../../src/import/index.js')
    const { readCsv } = await import('../../cli/import/read-csv.js')
    const { createHash } = await import('node:crypto')
    const read = rowReader({ ...loadMapping('uk-ministerial-meetings'), screening: 'off', screeningOverrides: { persons: [], organisations: [] } })
    const outcomes = readCsv(ukText, UK).rows.map((r) => ('problem' in r ? { _tag: 'Unreadable' as const, line: r.line, reason: r.problem } : read(r.cells, r.line)))
    const state = await ledger.state()
    if (E.isLeft(state)) throw new Error(state.left.message)
    const plan = planImport(outcomes, {
      fileHash: createHash('sha256').update(readFileSync(UK)).digest('hex'),
      actor: 'a.jansen',
      coordinator: 'c.desmet',
      today: '2025-06-01',
      state: state.right,
      organisationKind: 'other',
    })
    const old = plan.commands.map((c) => (c.legacyKey === undefined ? c.command : { ...c.command, idempotencyKey: c.legacyKey }))
    const appended = await ledger.executeBatch(old)
    expect(E.isRight(appended)).toBe(true)
    const size = await sizeOf(ledger)

    const again = await runImport(ledger, request(UK))
    expect(again.problems).toEqual([])
    expect(again).toMatchObject({ appended: 0, replayed: 509, keyFigures: { matched: 0, toRegister: 0 } })
    // the persons it registered as organisations stay those organisations (rule 22), and the dry run says so
    expect(again.screened.filter((v) => v.keptAsOrganisation)).toHaveLength(14)
    expect(await sizeOf(ledger)).toBe(size)
  })
})
