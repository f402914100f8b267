/**
 * Issue 19, acceptance: the UK and EU sample imports register no person as an organisation. The
 * persons of each file are a list derived from the files and checked by hand
 * (tests/fixtures/import/*-persons.txt); after a real import none of them is an organisation,
 * each is a sealed key figure the contacts name, no registered organisation looks like a person
 * to the screening (but for the mapping's hand-checked exceptions), and no person's name is in
 * the log's organisation names, key figure records, tags or idempotency keys.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { loadMapping } from '../../cli/import/mapping-file.js'
import { runImport, type ImportReport } from '../../cli/import/run.js'
import { BUILTIN_MAPPINGS, normaliseName, screenName } from '../../src/import/index.js'
import type { Ledger } from '../../src/index.js'
import { encodeStored } from '../../src/domain/events.js'
import { open } from '../../src/privacy/seal.js'
import { dataFile } from '../cli/shared-data.js'
import { openedLedger, G } from '../fixtures/domain.js'

const fixture = (name: string): string[] =>
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'import', name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))

const importFile = async (file: string, mappingName: string): Promise<{ ledger: Ledger; report: ImportReport }> => {
  const ledger = await openedLedger()
  const report = await runImport(ledger, {
    file,
    bytes: readFileSync(file),
    mapping: loadMapping(mappingName),
    mappingName,
    actor: 'a.jansen',
    coordinator: 'c.desmet',
    dryRun: false,
  })
  return { ledger, report }
}

/** What the register holds after the import, read as its owner would: organisation names, key figures unsealed, the raw log. */
const holdings = async (ledger: Ledger) => {
  const state = await ledger.state()
  if (E.isLeft(state)) throw new Error(state.left.message)
  const s = state.right
  const keyFigures = new Map<string, string>()
  for (const p of Object.values(s.persons)) {
    const key = await ledger.keys!.get(p.personId)()
    if (E.isLeft(key)) throw new Error(key.left.message)
    const data = open(key.right, p.personId, p.personal!)
    if (data === null) throw new Error(`key figure ${p.personId} does not open under its key`)
    keyFigures.set(normaliseName(data.name), p.personId)
  }
  const events = await ledger.store.read()()
  if (E.isLeft(events)) throw new Error(events.left.message)
  return {
    state: s,
    organisations: new Set(Object.values(s.organisations).map((o) => normaliseName(o.name))),
    organisationNames: Object.values(s.organisations).map((o) => o.name),
    keyFigures,
    events: events.right,
  }
}

/** The persons a checked value names: the screening's split, or the whole value (named a person in the mapping). */
const personsOf = (value: string): string[] => {
  const s = screenName(value)
  return s.kind === 'person' ? [...s.persons] : [value]
}

const acceptance = (label: string, file: string, mappingName: string, fixtureName: string, expected: { persons: number; keyFigures: number }) =>
  describe(`the ${label} sample import`, () => {
    const values = fixture(fixtureName)
    const exceptions = new Set((BUILTIN_MAPPINGS[mappingName]!.screeningOverrides?.organisations ?? []).map(normaliseName))

    it(`registers none of the ${expected.persons} hand-checked person values as an organisation; each person is a sealed key figure a contact names`, { timeout: 240_000 }, async () => {
      expect(values).toHaveLength(expected.persons)
      const { ledger, report } = await importFile(file, mappingName)
      expect(report.problems).toEqual([])
      expect(report.keyFigures.toRegister).toBe(expected.keyFigures)
      const h = await holdings(ledger)
      const named = new Set(Object.values(h.state.contacts).flatMap((c) => c.personIds))
      const asOrganisation = values.filter((v) => h.organisations.has(normaliseName(v)))
      expect(asOrganisation).toEqual([])
      for (const v of values)
        for (const p of personsOf(v)) {
          const id = h.keyFigures.get(normaliseName(p))
          expect(id, `"${p}" (from "${v}") is a key figure`).toBeDefined()
          expect(named.has(id!), `a contact names "${p}"`).toBe(true)
          expect(h.state.persons[id!]!.organisationId).toBeUndefined()
        }
      expect(h.keyFigures.size).toBe(expected.keyFigures)

      // no organisation the import registered looks like a person, but those checked by hand
      const personLike = h.organisationNames.filter((n) => screenName(n).kind === 'person' && !exceptions.has(normaliseName(n)))
      expect(personLike).toEqual([])

      // the names are sealed: not in a key figure's record, not in any tag or idempotency key
      const names = values.flatMap(personsOf)
      const keyed = h.events
        .map((e) => JSON.stringify({ tags: encodeStored(e).tags, key: (e.meta as { idempotencyKey?: string } | undefined)?.idempotencyKey ?? null, ...(e.type === 'KeyFigureRegistered' ? { data: e.data } : {}) }))
        .join('\n')
        .toLowerCase()
      expect(keyed).toMatch(/import:person:/)
      expect(names.filter((p) => keyed.includes(p.toLowerCase()))).toEqual([])
    })
  })

acceptance('UK ministerial meetings', dataFile('uk_integritywatch_meetings_sample_iw_uk2.csv'), 'uk-ministerial-meetings', 'uk-persons.txt', { persons: 14, keyFigures: 16 })
acceptance('EU Integrity Watch', dataFile('eu_integritywatch_mep_meetings.csv'), 'eu-integritywatch-mep', 'eu-persons.txt', { persons: 1931, keyFigures: 1935 })
