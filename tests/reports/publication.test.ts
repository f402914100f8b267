/**
 * Publication-grade renderings (report version 2, issue 16): who publishes, what the report is,
 * the date the register stood at (from the log, never the clock), Dutch long dates in Dutch
 * renderings and ISO dates in CSV and JSON, and no `.local` placeholder origin printed.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { memoryEventStore, memoryKeyStore } from '../../adapters/memory/index.js'
import { createLedger, fixedClock, renderAt, sequentialIds, type EventStore } from '../../src/index.js'
import { longDate } from '../../src/reports/render/long-date.js'
import { grantFixtureRoles } from '../fixtures/domain.js'
import { grantCommands } from '../../src/testing/roles.js'

const MINISTRY = 'Ministerie van Sociale Zaken en Werkgelegenheid'

const register = async (configure: boolean): Promise<EventStore> => {
  const store = memoryEventStore()
  const clock = fixedClock('2024-01-15T09:00:00.000Z')
  await grantFixtureRoles(store, grantCommands([['c', 'coordinator'], ['o', 'official']], 'b'), '2024-01-15T09:00:00.000Z')
  const ledger = createLedger({ store, keys: memoryKeyStore(), clock, ids: sequentialIds('ac000000') })
  const must = async (c: unknown) => {
    const r = await ledger.execute(c)
    if (E.isLeft(r)) throw new Error(r.left.message)
    return r.right
  }
  if (configure) await must({ command: 'configureRegister', actor: { id: 'b', role: 'administrator' }, payload: { origin: 'szw.example/contact-ledger', publisher: MINISTRY } })
  const org = await must({ command: 'registerOrganisation', actor: { id: 'c', role: 'coordinator' }, payload: { name: 'Stichting Taal', kind: 'other' } })
  const organisationId = (org.events[0]!.data as { organisationId: string }).organisationId
  await must({ command: 'endorseValues', actor: { id: 'c', role: 'coordinator' }, payload: { organisationId, endorsedOn: '2024-01-10', documentRef: 'doc-1' } })
  await must({ command: 'startPartnership', actor: { id: 'c', role: 'coordinator' }, payload: { organisationId, themes: ['language'], startedOn: '2024-01-15' } })
  clock.set('2024-03-01T22:30:00.000Z') // 23:30 in Amsterdam: still 1 March there
  await must({ command: 'recordContact', actor: { id: 'o', role: 'official' }, payload: { organisationIds: [organisationId], occurredOn: '2024-03-01', form: 'meeting', category: 'incidental', themes: ['work'] } })
  return store
}

const text = async (store: EventStore, format: 'html' | 'md' | 'csv' | 'json', language: 'nl' | 'en' = 'nl', kind: 'annual' | 'list' = 'annual') => {
  const r = await renderAt(store, kind === 'annual' ? { kind: 'annual-overview', year: 2024 } : { kind: 'confidential-contact-list' }, { format, language })
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right.text
}

describe('long dates', () => {
  it('writes every month in Dutch and English without a leading zero, and leaves anything else as it is', () => {
    expect(longDate('2024-01-15', 'nl')).toBe('15 januari 2024')
    expect(longDate('2026-11-29', 'nl')).toBe('29 november 2026')
    expect(longDate('2024-03-01', 'en')).toBe('1 March 2024')
    expect(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => longDate(`2024-${m}-09`, 'nl').split(' ')[1])).toEqual([
      'januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december',
    ])
    expect(longDate('2024-13-01', 'nl')).toBe('2024-13-01')
    expect(longDate('15-01-2024', 'nl')).toBe('15-01-2024')
  })
})

describe('the publication-grade overview', () => {
  it('states its publisher, what it is, its year and the date of the register (the last entry, Amsterdam time), in Dutch long dates', async () => {
    const html = await text(await register(true), 'html')
    expect(html).toContain(`<p class="publisher">${MINISTRY}</p>`)
    expect(html).toContain('motie-Becker, Kamerstuk 35 228, nr. 45')
    expect(html).toContain('<dt>Jaar</dt><dd>2024</dd>')
    expect(html).toContain('<dt>Stand van het register</dt><dd>1 maart 2024 (8 gebeurtenissen)</dd>')
    expect(html).toContain('<td><bdi>15 januari 2024</bdi></td>')
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}/)
    expect(html).toContain('<dd>szw.example/contact-ledger</dd>')
  })

  it('in English states the same in English; the Markdown writes dates out; CSV and JSON keep ISO dates', async () => {
    const store = await register(true)
    const en = await text(store, 'html', 'en')
    expect(en).toContain('The minister undertook to show “in an open and transparent way” with whom the ministry works.')
    expect(en).toContain('<dt>Register as of</dt><dd>1 March 2024 (8 events)</dd>')
    expect(await text(store, 'md')).toContain('- Stand van het register: 1 maart 2024 (8 gebeurtenissen)')
    const csv = await text(store, 'csv')
    expect(csv).toContain(',2024-01-15,')
    expect(csv).toContain(`# Uitgegeven door,${MINISTRY}`)
    expect(csv).toContain('# Stand van het register,2024-03-01 (8 gebeurtenissen)')
    expect(await text(store, 'json')).toContain('"startedOn": "2024-01-15"')
  })

  it('the confidential list names its period in long dates', async () => {
    const html = await text(await register(true), 'html', 'nl', 'list')
    expect(html).toContain('<h1>Lijst van maatschappelijke organisaties waarmee SZW contact heeft gehad, 1 januari 2023 tot en met 1 maart 2024</h1>')
  })

  it('a register never configured prints "niet ingesteld", never a .local placeholder origin', async () => {
    const html = await text(await register(false), 'html')
    expect(html).toContain('<dt>Uitgegeven door</dt><dd>niet ingesteld</dd>')
    expect(html).toContain('<dt>Checkpoint-herkomst</dt><dd>niet ingesteld</dd>')
    expect(html).not.toContain('.local')
    expect(html).not.toContain('class="publisher"')
  })
})
