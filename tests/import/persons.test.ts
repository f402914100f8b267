/**
 * Imports that tell people from organisations (issue 19): a persons column and person-like values
 * of an organisation column become sealed key figures linked to the contact, never organisations;
 * the same name is one key figure per register, under an id nobody derives from the name without
 * the register's secret; "refuse" and "off" do what they say; nothing is appended by a dry run.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { v5 } from 'uuid'
import { describe, expect, it } from 'vitest'
import { memoryEventStore, memoryKeyStore } from '../../adapters/memory/index.js'
import { loadMapping } from '../../cli/import/mapping-file.js'
import { runImport, type ImportRequest } from '../../cli/import/run.js'
import { decodeMapping, normaliseName, PERSON_NAMESPACE, type ResolvedMapping } from '../../src/import/index.js'
import { createLedger, type Ledger } from '../../src/ledger/ledger.js'
import { fixedClock } from '../../src/ports/clock.js'
import { sequentialIds } from '../../src/ports/ids.js'
import { PSEUDONYM_SECRET_ID } from '../../src/privacy/persons.js'
import { open } from '../../src/privacy/seal.js'
import { NOW, openedLedger, G, sizeOf } from '../fixtures/domain.js'

const fileOf = (text: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'cl-import-persons-')), 'meetings.csv')
  writeFileSync(file, text)
  return file
}

const mappingOf = (extra: Record<string, unknown> = {}): ResolvedMapping => {
  const m = decodeMapping({
    columns: { occurredOn: 'date', organisations: 'organisation', subject: 'purpose', persons: 'attendees' },
    dateFormat: 'DD/MM/YYYY',
    screening: 'persons-as-key-figures',
    ...extra,
  })
  if (E.isLeft(m)) throw new Error(m.left)
  return m.right
}

const request = (file: string, mapping: ResolvedMapping, extra: Partial<ImportRequest> = {}): ImportRequest => ({
  file,
  bytes: readFileSync(file),
  mapping,
  mappingName: 'test-mapping',
  actor: 'a.jansen',
  coordinator: 'c.desmet',
  dryRun: false,
  ...extra,
})

const MEETINGS =
  'date,organisation,purpose,attendees\n' +
  '05/03/2024,Stichting Samen,Taalcoaches,Fatima El Amrani; Pieter de Boer\n' +
  '06/03/2024,"Lord Neuberger & Lady Hale, Bar Council",Rule of law,\n' +
  '07/03/2024,Sir Jeremy Greenstock,Security,\n' +
  '08/03/2024,Bar Council,Follow-up,FATIMA  el amrani\n'

/** The register read as its owner would: organisation names, key figures unsealed by name, contacts. */
const read = async (ledger: Ledger) => {
  const state = await ledger.state()
  if (E.isLeft(state)) throw new Error(state.left.message)
  const figures = new Map<string, string>()
  for (const p of Object.values(state.right.persons)) {
    const key = await ledger.keys!.get(p.personId)()
    if (E.isLeft(key)) throw new Error(key.left.message)
    figures.set(open(key.right, p.personId, p.personal!)!.name, p.personId)
  }
  return {
    organisations: Object.values(state.right.organisations).map((o) => o.name).sort(),
    figures,
    contacts: Object.values(state.right.contacts).sort((a, b) => a.occurredOn.localeCompare(b.occurredOn)),
  }
}

describe('import: persons become key figures, never organisations', () => {
  it('registers each person once as a sealed key figure with no organisation, linked to the contacts that name them', async () => {
    const ledger = await openedLedger()
    const report = await runImport(ledger, request(fileOf(MEETINGS), mappingOf()))
    expect(report.problems).toEqual([])
    expect(report).toMatchObject({ organisations: { toRegister: 2 }, keyFigures: { matched: 0, toRegister: 5 }, contacts: 4, personsOnly: 1 })
    const r = await read(ledger)
    expect(r.organisations).toEqual(['Bar Council', 'Stichting Samen'])
    expect([...r.figures.keys()].sort()).toEqual(['Fatima El Amrani', 'Lady Hale', 'Lord Neuberger', 'Pieter de Boer', 'Sir Jeremy Greenstock'])
    const fatima = r.figures.get('Fatima El Amrani')!
    expect(r.contacts.map((c) => c.personIds.length)).toEqual([2, 2, 1, 1])
    expect(r.contacts[0]!.personIds).toContain(fatima)
    // "FATIMA  el amrani" on another row is the same person
    expect(r.contacts[3]!.personIds).toEqual([fatima])
    // the row naming only a person is a contact with that key figure and no organisation
    expect(r.contacts[2]).toMatchObject({ organisationIds: [], personIds: [r.figures.get('Sir Jeremy Greenstock')] })
  })

  it('keeps the names out of the log: no key figure id, tag or idempotency key is made from a name alone', async () => {
    const ledger = await openedLedger()
    await runImport(ledger, request(fileOf(MEETINGS), mappingOf()))
    const events = await ledger.store.read()()
    if (E.isLeft(events)) throw new Error(events.left.message)
    const registered = events.right.filter((e) => e.type === 'KeyFigureRegistered')
    expect(registered).toHaveLength(5)
    const text = JSON.stringify(registered).toLowerCase()
    for (const name of ['neuberger', 'hale', 'greenstock', 'fatima', 'amrani', 'boer']) expect(text).not.toContain(name)
    // an id made from the name without the secret (as organisation ids are) is not the one used
    const ids = registered.map((e) => (e.data as { personId: string }).personId)
    expect(ids).not.toContain(v5(normaliseName('Lord Neuberger'), PERSON_NAMESPACE))
    for (const e of registered) expect((e.meta as { idempotencyKey: string }).idempotencyKey).toMatch(/^import:person:[0-9a-f-]{36}$/)
  })

  it('gives the same person another id in another register (another secret), and the same id on a re-import, which appends nothing', async () => {
    const a = await openedLedger()
    const b = await openedLedger()
    await runImport(a, request(fileOf(MEETINGS), mappingOf()))
    await runImport(b, request(fileOf(MEETINGS), mappingOf()))
    const [ra, rb] = [await read(a), await read(b)]
    expect(ra.figures.get('Lady Hale')).not.toBe(rb.figures.get('Lady Hale'))
    const size = await sizeOf(a)
    const again = await runImport(a, request(fileOf(MEETINGS.replace('Lady Hale', 'LADY  HALE')), mappingOf()))
    expect(again).toMatchObject({ problems: [], appended: 0, keyFigures: { matched: 5, toRegister: 0 } })
    expect(await sizeOf(a)).toBe(size)
  })

  it('a later file naming a known person links the same key figure and registers no one again', async () => {
    const ledger = await openedLedger()
    await runImport(ledger, request(fileOf(MEETINGS), mappingOf()))
    const later = await runImport(ledger, request(fileOf('date,organisation,purpose,attendees\n09/03/2024,Law Society,Later,Pieter de Boer\n'), mappingOf()))
    expect(later).toMatchObject({ problems: [], keyFigures: { matched: 1, toRegister: 0 }, organisations: { toRegister: 1 } })
    const r = await read(ledger)
    expect(r.figures.size).toBe(5)
    expect(r.contacts.at(-1)!.personIds).toEqual([r.figures.get('Pieter de Boer')])
  })

  it('a dry run lists the values taken as persons with their lines and reasons, appends nothing and makes no secret', async () => {
    const keys = memoryKeyStore()
    const ledger = createLedger({ store: memoryEventStore(), keys, clock: fixedClock(NOW), ids: sequentialIds() })
    const report = await runImport(ledger, request(fileOf(MEETINGS), mappingOf(), { dryRun: true }))
    expect(report.screened).toEqual([
      { value: 'Lord Neuberger & Lady Hale', persons: ['Lord Neuberger', 'Lady Hale'], reasons: ['title "Lord"', 'title "Lady"'], rows: 1, lines: [3], keptAsOrganisation: false },
      { value: 'Sir Jeremy Greenstock', persons: ['Sir Jeremy Greenstock'], reasons: ['title "Sir"'], rows: 1, lines: [4], keptAsOrganisation: false },
    ])
    expect(report.keyFigures).toEqual({ matched: 0, toRegister: 5 })
    expect(await sizeOf(ledger)).toBe(0)
    const secret = await keys.get(PSEUDONYM_SECRET_ID)()
    expect(E.isRight(secret) && secret.right).toBe(null)
  })

  it('"screening": "refuse" makes a row with a person-like organisation value unreadable, naming the value and what to do', async () => {
    const ledger = await openedLedger()
    const report = await runImport(ledger, request(fileOf(MEETINGS), mappingOf({ screening: 'refuse' })))
    expect(report.problems.map((p) => p.line)).toEqual([3, 4])
    expect(report.problems[0]!.reason).toMatch(/column organisation holds "Lord Neuberger & Lady Hale", which looks like a person \(title "Lord"; title "Lady"\); set "screening": "persons-as-key-figures"/)
    expect(await sizeOf(ledger)).toBe(0)
  })

  it('"screening": "off" takes the values as organisations, and "screeningOverrides" corrects single values either way', async () => {
    const off = await runImport(await openedLedger(), request(fileOf(MEETINGS), mappingOf({ screening: 'off' }), { dryRun: true }))
    expect(off).toMatchObject({ organisations: { toRegister: 4 }, keyFigures: { toRegister: 2 }, screened: [] })
    const ledger = await openedLedger()
    const overridden = await runImport(
      ledger,
      request(fileOf(MEETINGS), mappingOf({ screeningOverrides: { organisations: ['SIR JEREMY GREENSTOCK'], persons: ['Bar Council'] } })),
    )
    expect(overridden.problems).toEqual([])
    const r = await read(ledger)
    expect(r.organisations).toEqual(['Sir Jeremy Greenstock', 'Stichting Samen'])
    expect(r.figures.has('Bar Council')).toBe(true)
  })

  it('a register without a key store refuses the rows naming persons, and appends nothing', async () => {
    const ledger = createLedger({ store: memoryEventStore(), clock: fixedClock(NOW), ids: sequentialIds() })
    const report = await runImport(ledger, request(fileOf(MEETINGS), mappingOf()))
    expect(report.problems.map((p) => p.line)).toEqual([2, 3, 4, 5])
    expect(report.problems[0]!.reason).toMatch(/names a person, and this register has no key store/)
    expect(await sizeOf(ledger)).toBe(0)
  })

  it('a bad screening option is refused, naming the field', () => {
    expect(decodeMapping({ columns: { occurredOn: 'd', organisations: 'o' }, dateFormat: 'DD/MM/YYYY', screening: 'maybe' })).toEqual(
      E.left(expect.stringMatching(/screening: expected one of persons-as-key-figures, refuse, off/)),
    )
  })

  it('the built-in UK and EU mappings screen persons into key figures', () => {
    for (const name of ['uk-ministerial-meetings', 'eu-integritywatch-mep']) expect(loadMapping(name).screening).toBe('persons-as-key-figures')
  })
})
