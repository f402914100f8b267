/**
 * The confidential list on paper (issue 16): printed by headless Chromium to PDF and read back with
 * poppler's `pdftotext -bbox`, every page carries the table's header row and one VERTROUWELIJK
 * marking, and the marking covers nothing. Version 1's print (a fixed box and a margin marking) is
 * checked the same way, to show the check catches what it was written for.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { memoryEventStore, memoryKeyStore } from '../../adapters/memory/index.js'
import { createLedger, fixedClock, renderAt, renderReport, sequentialIds, type Rendered } from '../../src/index.js'
import { actors, grantFixtureRoles } from '../fixtures/domain.js'

const OUT = join(import.meta.dirname, '..', '..', 'test-output')

interface Box {
  readonly text: string
  readonly x0: number
  readonly y0: number
  readonly x1: number
  readonly y1: number
}

/** Prints an HTML file to PDF with headless Chromium and returns each page's words with their boxes. */
const printedPages = (name: string, html: string): ReadonlyArray<ReadonlyArray<Box>> => {
  const file = join(OUT, `${name}.html`)
  const pdf = join(OUT, `${name}.pdf`)
  writeFileSync(file, html)
  const printed = spawnSync('/usr/bin/chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, pathToFileURL(file).href], { encoding: 'utf8', timeout: 120_000 })
  if (printed.status !== 0) throw new Error(`chromium failed: ${printed.stderr}`)
  const text = spawnSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' })
  if (text.status !== 0) throw new Error(`pdftotext failed (is poppler-utils installed?): ${text.stderr}`)
  return text.stdout
    .split('<page ')
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
        text: m[5]!,
        x0: Number(m[1]),
        y0: Number(m[2]),
        x1: Number(m[3]),
        y1: Number(m[4]),
      })),
    )
}

const overlap = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1

/** What is wrong with one printed page, if anything. */
const pageProblems = (words: ReadonlyArray<Box>, n: number): string[] => {
  const problems: string[] = []
  const markings = words.filter((w) => w.text === 'VERTROUWELIJK')
  if (markings.length !== 1) problems.push(`page ${n} carries ${markings.length} VERTROUWELIJK markings`)
  const header = words.find((w) => w.text === 'Organisatie' && words.some((v) => v.text === 'Soort' && Math.abs(v.y0 - w.y0) < 1) && words.some((v) => v.text === 'Aantal' && Math.abs(v.y0 - w.y0) < 1))
  if (header === undefined) problems.push(`page ${n} has no table header row`)
  const row = header === undefined ? [] : words.filter((w) => Math.abs(w.y0 - header.y0) < 1)
  for (const m of markings) {
    for (const w of row) if (overlap(m, w)) problems.push(`page ${n}: the marking covers the header's "${w.text}"`)
    for (const w of words) if (w !== m && !row.includes(w) && overlap(m, w)) problems.push(`page ${n}: the marking covers "${w.text}"`)
  }
  return problems
}

describe('the confidential list, printed (headless Chromium to PDF, read back by pdftotext -bbox)', () => {
  let rendered: Rendered
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true })
    const store = memoryEventStore()
    await grantFixtureRoles(store)
    const ledger = createLedger({ store, keys: memoryKeyStore(), clock: fixedClock('2024-06-01T09:00:00.000Z'), ids: sequentialIds('ab000000') })
    const must = async (c: unknown) => {
      const r = await ledger.execute(c)
      if (E.isLeft(r)) throw new Error(r.left.message)
      return r.right
    }
    await must({ command: 'configureRegister', actor: { id: 'b.beheer', role: 'administrator' }, payload: { origin: 'szw.example/contact-ledger', publisher: 'Ministerie van Sociale Zaken en Werkgelegenheid' } })
    for (let i = 0; i < 150; i++) {
      const org = await must({ command: 'registerOrganisation', actor: actors.coordinator, payload: { name: `Stichting Voorbeeld ${String(i).padStart(3, '0')}`, kind: 'civil-society-organisation' } })
      const organisationId = (org.events[0]!.data as { organisationId: string }).organisationId
      await must({ command: 'recordContact', actor: actors.official, payload: { organisationIds: [organisationId], occurredOn: '2024-05-01', form: 'meeting', category: 'incidental', themes: ['work'] } })
    }
    const r = await renderAt(store, { kind: 'confidential-contact-list' }, { format: 'html' })
    if (E.isLeft(r)) throw new Error(r.left.message)
    rendered = r.right
  })

  it('shows on every page (3 or more) the table header row and one VERTROUWELIJK marking that covers nothing', () => {
    const pages = printedPages('vertrouwelijk-print', rendered.text)
    expect(pages.length).toBeGreaterThanOrEqual(3)
    expect(pages.flatMap(pageProblems)).toEqual([])
    // and the whole list is there: the last organisation is printed
    expect(pages.flat().some((w) => w.text === '149')).toBe(true)
  })

  it('catches version 1\'s print, whose fixed box lies over the repeated header and doubles the marking', () => {
    const old = renderReport(rendered.report, { format: 'html', checkpoint: rendered.checkpoint })
    const problems = printedPages('vertrouwelijk-print-v1', old).flatMap(pageProblems)
    expect(problems.length).toBeGreaterThan(0)
  })
})
