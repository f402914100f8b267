import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memoryEventStore, memoryKeyStore } from '../../adapters/memory/index.js'
import { demoHistory } from '../../cli/demo/history.js'
import { createLedger } from '../../src/ledger/ledger.js'
import { renderAt } from '../../src/ledger/reports.js'
import { fixedClock } from '../../src/ports/clock.js'
import { sequentialIds } from '../../src/ports/ids.js'
import type { AnnualOverview } from '../../src/reports/annual-overview.js'
import { renderReport } from '../../src/reports/render/render.js'
import { visibleBidi } from '../../src/reports/render/escape.js'
import { right } from './history-run.js'
import { longDate } from '../../src/reports/render/long-date.js'
import { grantFixtureRoles } from '../fixtures/domain.js'

const OUT = join(import.meta.dirname, '..', '..', 'test-output')
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

let browser: Browser

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true })
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS })
})
afterAll(async () => {
  await browser?.close()
})

const demoStore = async () => {
  const store = memoryEventStore()
  await grantFixtureRoles(store)
  const ledger = createLedger({ store, keys: memoryKeyStore(), clock: fixedClock('2026-01-15T09:00:00.000Z'), ids: sequentialIds('de100000') })
  for (const c of demoHistory()) await ledger.execute(c)
  return store
}

/** Opens a file in the browser, noting every request that is not the file itself and every dialog. */
const open = async (file: string) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const requests: string[] = []
  const dialogs: string[] = []
  page.on('request', (r) => void (r.url() !== pathToFileURL(file).href && requests.push(r.url())))
  page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()))
  await page.goto(pathToFileURL(file).href)
  return { page, requests, dialogs }
}

describe('the html overview in a real headless Chromium', () => {
  it('shows an accessible table with the expected rows, loads nothing else, and is written with a screenshot', async () => {
    const store = await demoStore()
    const html = right(await renderAt(store, { kind: 'annual-overview', year: 2024 }, { format: 'html' }))
    const expected = (html.report as AnnualOverview).rows
    expect(expected.length).toBeGreaterThan(5)
    const file = join(OUT, 'overzicht-2024.html')
    writeFileSync(file, html.text)
    const { page, requests } = await open(file)
    expect(await page.title()).toContain('Overzicht structurele contacten met maatschappelijke partners in het kader van integratie en samenleven 2024')
    expect(await page.locator('table caption').innerText()).toContain('2024')
    expect(await page.locator('thead th[scope="col"]').count()).toBe(7)
    const names = await page.locator('tbody tr th[scope="row"]').allInnerTexts()
    expect(names).toEqual(expected.map((r) => r.name))
    const starts = await page.locator('tbody tr td:nth-child(6)').allInnerTexts()
    // Dutch renderings write dates out (report version 2): "15 januari 2024"
    expect(starts).toEqual(expected.map((r) => longDate(r.startedOn, 'nl')))
    expect(await page.locator('#content-hash').innerText()).toMatch(/^[0-9a-f]{64}$/)
    expect(requests).toEqual([])
    await page.screenshot({ path: join(OUT, 'overzicht-2024.png'), fullPage: true })
    await page.close()
  })

  it('keeps hostile names as text: no script runs, no element is injected, bidi controls are shown', async () => {
    const names = ['<script>alert(1)</script>', '<img src=x onerror=alert(2)>', '=HYPERLINK("http://evil.example")', 'Stichting \u202Eetsiwrev\u202C', 'Regel\nBreuk']
    const report: AnnualOverview = {
      kind: 'annual-overview',
      year: 2024,
      logSize: 5,
      rows: names.map((name) => ({ name, kind: 'other', programme: name, themes: [], startedOn: '2024-01-01' })),
    }
    const file = join(OUT, 'hostile.html')
    writeFileSync(file, renderReport(report, { format: 'html', checkpoint: { origin: 'o', rootHash: 'r' } }))
    const { page, requests, dialogs } = await open(file)
    expect(await page.locator('script, img').count()).toBe(0)
    const shown = await page.locator('tbody tr th[scope="row"]').evaluateAll((ths) => ths.map((th) => th.textContent))
    expect(shown).toEqual(names.map(visibleBidi))
    expect(dialogs).toEqual([])
    expect(requests).toEqual([])
    await page.close()
  })

  it('marks the confidential list VERTROUWELIJK on screen, and in print only in the page margin (no box laid over the page)', async () => {
    const store = await demoStore()
    const r = await renderAt(store, { kind: 'confidential-contact-list' }, { format: 'html' })
    if (E.isLeft(r)) throw new Error(r.left.message)
    const file = join(OUT, 'vertrouwelijk-contactlijst.html')
    writeFileSync(file, r.right.text)
    const { page } = await open(file)
    expect(await page.locator('body').innerText()).toMatch(/^VERTROUWELIJK/)
    await page.emulateMedia({ media: 'print' })
    // a string expression: the test's TypeScript has no DOM library; in print nothing is fixed over the page
    const fixed = await page.evaluate("[...document.querySelectorAll('body *')].filter((el) => getComputedStyle(el).position === 'fixed' && getComputedStyle(el).display !== 'none').length")
    expect(fixed).toBe(0)
    expect(await page.locator('body').innerText()).not.toContain('VERTROUWELIJK')
    await page.pdf({ path: join(OUT, 'vertrouwelijk-contactlijst.pdf'), format: 'A4' })
    await page.close()
  })
})
