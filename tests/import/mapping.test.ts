import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { BUILTIN_MAPPINGS } from '../../src/import/builtin.js'
import { parseDate } from '../../src/import/dates.js'
import { decodeMapping, type ResolvedMapping } from '../../src/import/mapping.js'
import { normaliseName } from '../../src/import/normalise.js'
import { rowReader } from '../../src/import/rows.js'

const mapping = (extra: Record<string, unknown> = {}): ResolvedMapping => {
  const m = decodeMapping({ columns: { occurredOn: 'date', organisations: 'orgs', subject: 'subject', officials: 'who' }, dateFormat: 'DD-MM-YYYY', ...extra })
  if (E.isLeft(m)) throw new Error(m.left)
  return m.right
}

describe('the mapping codec', () => {
  it('fills in the defaults: incidental meetings, no themes, organisations of kind other, long texts refused', () => {
    const m = mapping()
    expect(m.defaults).toEqual({ category: 'incidental', form: 'meeting', themes: [] })
    expect(m.organisationKind).toBe('other')
    expect(m.longText).toBe('reject')
    expect(m.separators.organisations).toBe(',')
  })

  it('names the field of a bad mapping and what was expected', () => {
    const bad = (u: unknown) => {
      const r = decodeMapping(u)
      if (E.isRight(r)) throw new Error('expected a bad mapping')
      return r.left
    }
    expect(bad({ columns: { organisations: 'o' }, dateFormat: 'DD-MM-YYYY' })).toMatch(/columns\.occurredOn: expected a non-empty string/)
    expect(bad({ columns: { occurredOn: 'd', organisations: 'o' }, dateFormat: 'D/M/Y' })).toMatch(/dateFormat: expected one of DD-MM-YYYY/)
    expect(bad({ columns: { occurredOn: 'd', organisations: 'o' }, dateFormat: 'DD-MM-YYYY', defaults: { category: 'structural' } })).toMatch(
      /defaults\.category: expected one of partnership, incidental, signalling/,
    )
    expect(bad({ colums: {}, columns: { occurredOn: 'd', organisations: 'o' }, dateFormat: 'DD-MM-YYYY' })).toMatch(/colums: unknown field/)
    expect(bad({ columns: { occurredOn: 'd', organisations: 'o' }, dateFormat: 'DD-MM-YYYY', filters: [{ column: 'x' }] })).toMatch(/filters\.0: expected exactly one of "in" or "notIn"/)
  })

  it('accepts both built-in mappings', () => {
    for (const m of Object.values(BUILTIN_MAPPINGS)) expect(E.isRight(decodeMapping(m))).toBe(true)
  })
})

describe('dates and names', () => {
  it('reads each date format into YYYY-MM-DD and refuses dates that do not exist', () => {
    expect(parseDate('27-10-2021', 'DD-MM-YYYY')).toEqual(E.right('2021-10-27'))
    expect(parseDate('1/2/2012', 'DD/MM/YYYY')).toEqual(E.right('2012-02-01'))
    expect(parseDate('2024-03-05', 'YYYY-MM-DD')).toEqual(E.right('2024-03-05'))
    expect(parseDate('03/05/2024', 'MM/DD/YYYY')).toEqual(E.right('2024-03-05'))
    expect(parseDate('31/02/2012', 'DD/MM/YYYY')).toEqual(E.left('"31/02/2012" is not a real date (format DD/MM/YYYY)'))
    expect(parseDate('2012-02-01', 'DD/MM/YYYY')).toEqual(E.left('"2012-02-01" is not a date in format DD/MM/YYYY'))
  })

  it('folds case, accents and white space when comparing organisation names', () => {
    expect(normaliseName('  Société\u00a0 Générale ')).toBe('societe generale')
    expect(normaliseName('SOCIETE GENERALE')).toBe('societe generale')
    expect(normaliseName('Stichting Al-Amál')).toBe(normaliseName('stichting  al-amal'))
    expect(normaliseName('Bar Council')).not.toBe(normaliseName('Bar Councils'))
  })
})

describe('reading a row', () => {
  it('splits multi-valued cells, drops empty and repeated names, and keeps the first spelling', () => {
    const r = rowReader(mapping())({ date: '05-03-2024', orgs: 'Google, google ,, Bar  Council,', subject: ' DSA ', who: 'A. Jansen; B. de Vries' }, 7)
    expect(r).toEqual({
      _tag: 'Row',
      row: {
        line: 7,
        occurredOn: '2024-03-05',
        organisations: [
          { name: 'Google', key: 'google' },
          { name: 'Bar Council', key: 'bar council' },
        ],
        persons: [],
        screened: [],
        subject: 'DSA',
        officials: ['A. Jansen', 'B. de Vries'],
        form: 'meeting',
        category: 'incidental',
        themes: [],
        truncated: [],
      },
    })
  })

  it('names every problem of an unreadable row with its column', () => {
    const r = rowReader(mapping({ columns: { occurredOn: 'date', organisations: 'orgs', form: 'how' } }))({ date: '31-02-2024', orgs: '', how: 'carrier pigeon' }, 9)
    expect(r._tag).toBe('Unreadable')
    if (r._tag !== 'Unreadable') return
    expect(r.line).toBe(9)
    expect(r.reason).toMatch(/column date: "31-02-2024" is not a real date/)
    expect(r.reason).toMatch(/column orgs names no organisation/)
    expect(r.reason).toMatch(/form "carrier pigeon" in column how is not one of meeting, call/)
  })

  it('translates cell values through the mapping, case- and accent-insensitively', () => {
    const m = mapping({
      columns: { occurredOn: 'date', organisations: 'orgs', form: 'how', themes: 'about' },
      values: { form: { 'Telefoon': 'call' }, themes: { 'Taal': 'language', 'Werk': 'work' } },
    })
    const r = rowReader(m)({ date: '05-03-2024', orgs: 'X', how: 'TELEFOON', about: 'taal, werk, Taal' }, 2)
    expect(r._tag === 'Row' && { form: r.row.form, themes: r.row.themes }).toEqual({ form: 'call', themes: ['language', 'work'] })
  })

  it('refuses a text over 2,000 characters unless the mapping says to cut it, and then says so', () => {
    const long = 'x'.repeat(2500)
    const refused = rowReader(mapping())({ date: '05-03-2024', orgs: 'X', subject: long }, 4)
    expect(refused).toMatchObject({ _tag: 'Unreadable', line: 4, reason: expect.stringMatching(/column subject is 2500 characters long.*"longText": "truncate"/) })
    const cut = rowReader(mapping({ longText: 'truncate' }))({ date: '05-03-2024', orgs: 'X', subject: long }, 4)
    expect(cut._tag).toBe('Row')
    if (cut._tag !== 'Row') return
    expect(cut.row.subject).toHaveLength(2000)
    expect(cut.row.subject!.endsWith('…')).toBe(true)
    expect(cut.row.truncated).toEqual(['subject'])
  })

  it('leaves out rows the filters do not keep', () => {
    const read = rowReader(mapping({ columns: { occurredOn: 'date', organisations: 'orgs' }, filters: [{ column: 'source', in: ['UK Government'] }] }))
    expect(read({ date: '05-03-2024', orgs: 'X', source: 'uk government' }, 2)._tag).toBe('Row')
    expect(read({ date: 'not a date', orgs: 'X', source: 'Scottish lobbying register' }, 3)).toEqual({ _tag: 'Filtered', line: 3 })
  })
})
