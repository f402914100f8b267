/**
 * The name screening (issue 19): which values of an organisation column name persons, with the
 * reasons an official checks. Real values from the UK and EU samples, and properties over
 * generated names.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { screenName } from '../../src/import/index.js'

const persons = [
  // titles and honorifics
  ['Lord Neuberger & Lady Hale', ['Lord Neuberger', 'Lady Hale']],
  ['Sir Daniel Bethlehem QC & Sir Jeffery Jowell QC', ['Sir Daniel Bethlehem QC', 'Sir Jeffery Jowell QC']],
  ['Sir Jeremy Greenstock', ['Sir Jeremy Greenstock']],
  ['Lord Lingfield', ['Lord Lingfield']],
  ['Dame Vivian Hunt', ['Dame Vivian Hunt']],
  ['Baroness Kennedy', ['Baroness Kennedy']],
  ['Dr. Anja Trebes', ['Dr. Anja Trebes']],
  ['Prof. Dr. Sven Biscop', ['Prof. Dr. Sven Biscop']],
  ['Mr Ben Jarvis', ['Mr Ben Jarvis']],
  ['Mrs Aude BONO-VANDORME', ['Mrs Aude BONO-VANDORME']],
  ['Ms. Schueler', ['Ms. Schueler']],
  ['Rt Hon Theresa May', ['Rt Hon Theresa May']],
  ['The Rt Hon Theresa May MP', ['The Rt Hon Theresa May MP']],
  ['dhr. Jansen', ['dhr. Jansen']],
  ['mevr. De Vries', ['mevr. De Vries']],
  ['drs. P. Bakker', ['drs. P. Bakker']],
  ['ir. K. Smit', ['ir. K. Smit']],
  ['mr. A. de Jong', ['mr. A. de Jong']],
  ['Ambassador Yasushi Masaki', ['Ambassador Yasushi Masaki']],
  // letters after a name
  ['Chantal-Aimee Doerries QC', ['Chantal-Aimee Doerries QC']],
  ['John Bercow MP', ['John Bercow MP']],
  ['Danuta Hübner MEP', ['Danuta Hübner MEP']],
  ['Emma Harper MSP', ['Emma Harper MSP']],
  ['Jane Doe KC', ['Jane Doe KC']],
  // initials
  ['A. Jansen', ['A. Jansen']],
  ['B. de Vries', ['B. de Vries']],
  ['H.E. Irena Andrassy', ['H.E. Irena Andrassy']],
  // given names
  ['Frank Farnel', ['Frank Farnel']],
  ['Phillip Malloch', ['Phillip Malloch']],
  ['Nadia Eweida', ['Nadia Eweida']],
  ['Jean-Pierre Raffarin', ['Jean-Pierre Raffarin']],
  ['Ursula von der Leyen', ['Ursula von der Leyen']],
  ['Kaikkonen Antti', ['Kaikkonen Antti']],
  ['Telia CEO Heli Partanen', ['Telia CEO Heli Partanen']],
  ['jeppe kofod', ['jeppe kofod']],
  ['LORD NEUBERGER & LADY HALE', ['LORD NEUBERGER', 'LADY HALE']],
  ['Lord Neuberger & LADY  HALE', ['Lord Neuberger', 'LADY HALE']],
  ['Paul Hoogeveen & Ian Brass', ['Paul Hoogeveen', 'Ian Brass']],
  ['Professor Knut Kröger and Professor Martin Strorck', ['Professor Knut Kröger', 'Professor Martin Strorck']],
  // a person named beside an organisation: the whole value is the person (sealed), the organisation is not registered from it
  ['Nicholas Aiossa from Transparency International', ['Nicholas Aiossa from Transparency International']],
  ['Business Europe - Carolina Vigo', ['Business Europe - Carolina Vigo']],
  ['Commissioner Helena Dalli', ['Commissioner Helena Dalli']],
  ['Commissioner Breton', ['Commissioner Breton']],
  ['Huawei CEO for Europe Mr Abraham Liu', ['Huawei CEO for Europe Mr Abraham Liu']],
  ['Italian Banking Association : Giuseppe Martini', ['Italian Banking Association : Giuseppe Martini']],
] as const

const organisations = [
  // organisations named after a person (hand-checked list, or a name held by a foundation, institute or legal form)
  'Rosa Luxemburg Stiftung',
  'Institut Jacques Delors',
  'Fondation Robert Schuman',
  'Philip Morris International',
  'Frank Bold Society (FBS)',
  'Siegfried Hameln GmbH',
  'Stichting Dr. Jansen',
  'Italian Banking Association',
  'Alcohol Focus Scotland',
  'Bar Council',
  'Sir Simon Milton Foundation',
  'Leonard Cheshire Disability Trust',
  'Ernst & Young',
  'Smith and Nephew',
  'Marks and Spencer',
  'Procter & Gamble',
  'Law Society',
  'RSPB Scotland',
  'ING Belgium',
  'EMMA ENPA',
  'CAN Europe',
  'Axel Springer Verlag',
  'HiPP-Werk Georg Hipp OHG',
  'Representatives of Max Planck-Institut',
  'Ryan Air',
  'Philip Morris International',
  'Stichting Al-Amal',
  'Vereniging Samen Sterk',
  'Human Rights Watch',
  'Terumo Europe',
  'Met Police Commissioner',
  'Prime Minister',
  'Google',
  'Facebook Director for Social and Economic Policy',
  'GC100 members',
  'Lancaster & Morecambe College',
]

describe('screenName, on values from the sample files', () => {
  it.each(persons)('%s is person-like', (value, expected) => {
    const s = screenName(value)
    expect(s.kind).toBe('person')
    expect(s.persons).toEqual(expected)
    expect(s.reasons.length).toBe(expected.length)
    for (const r of s.reasons) expect(r).toMatch(/^(title|letters after a name|initials|given name|named)/)
  })

  it.each(organisations)('%s is organisation-like', (value) => {
    const s = screenName(value)
    expect(s.kind).toBe('organisation')
    expect(s.persons).toEqual([])
    expect(s.reasons).toHaveLength(1)
  })

  it('names the reason an official checks', () => {
    expect(screenName('Lord Neuberger & Lady Hale').reasons).toEqual(['title "Lord"', 'title "Lady"'])
    expect(screenName('Sir Simon Milton Foundation').reasons).toEqual(['organisation word "foundation"'])
    expect(screenName('Frank Farnel').reasons).toEqual(['given name "Frank"'])
    expect(screenName('John Bercow MP').reasons).toEqual(['letters after a name "MP"'])
    expect(screenName('A. Jansen').reasons).toEqual(['initials "A."'])
    expect(screenName('Greenpeace').reasons).toEqual(['no sign of a person'])
  })
})

const SURNAMES = ['Jansen', 'De Vries', 'Bakker', 'Neuberger', 'Hale', 'Yılmaz', 'Müller', 'Smith', 'Ó Súilleabháin']
const TITLES = ['Lord', 'Lady', 'Sir', 'Dame', 'Baroness', 'Baron', 'Dr', 'Dr.', 'Prof', 'Prof.', 'Mr', 'Mrs', 'Ms', 'dhr.', 'mevr.', 'drs.', 'ir.', 'mr.']
const ORGANISATION_WORDS = ['Foundation', 'Stichting', 'Trust', 'Ltd', 'plc', 'University', 'Association', 'Vereniging', 'Council', 'GmbH', 'B.V.']
const surname = fc.constantFrom(...SURNAMES)
const titled = fc.tuple(fc.constantFrom(...TITLES), surname).map(([t, s]) => `${t} ${s}`)
const spaces = fc.constantFrom(' ', '  ', '\t', ' \u00A0')

describe('screenName, properties', () => {
  it('a title before a surname is one person, the value itself', () => {
    fc.assert(
      fc.property(titled, (v) => {
        expect(screenName(v)).toMatchObject({ kind: 'person', persons: [v] })
      }),
    )
  })

  it('"&" or "and" between titled names splits them into their persons', () => {
    fc.assert(
      fc.property(fc.array(titled, { minLength: 2, maxLength: 4 }), fc.constantFrom(' & ', ' and ', '&'), (names, join) => {
        expect(screenName(names.join(join))).toMatchObject({ kind: 'person', persons: names })
      }),
    )
  })

  it('a name right before or after a foundation, institute, association or legal form is that organisation\u2019s name, titles and given names included', () => {
    fc.assert(
      fc.property(fc.oneof(titled, fc.constant('Frank Farnel'), fc.constant('A. Jansen')), fc.constantFrom(...ORGANISATION_WORDS), fc.boolean(), (name, word, before) => {
        expect(screenName(before ? `${word} ${name}` : `${name} ${word}`).kind).toBe('organisation')
      }),
    )
  })

  it('a person named apart from an organisation ("from", a dash, a colon, a slash, brackets) makes the whole value one person', () => {
    fc.assert(
      fc.property(fc.constantFrom('Frank Farnel', 'Helena Dalli', 'Mr Jansen', 'Dr. Yılmaz'), fc.constantFrom(...ORGANISATION_WORDS), fc.constantFrom(' from Stichting Voorbeeld ', ' - Voorbeeld ', ': ', ' / ', ' (Voorbeeld) '), fc.boolean(), (name, word, between, before) => {
        const value = before ? `Voorbeeld ${word}${between}${name}` : `${name}${between}Voorbeeld ${word}`
        expect(screenName(value)).toMatchObject({ kind: 'person', persons: [value] })
      }),
    )
  })

  it('spacing changes nothing: the same value with other white space gets the same answer', () => {
    fc.assert(
      fc.property(fc.oneof(titled, fc.constantFrom(...persons.map(([v]) => v), ...organisations)), spaces, (value, space) => {
        const spaced = `${space}${value.split(' ').join(space)}${space}`
        expect(screenName(spaced).kind).toBe(screenName(value).kind)
      }),
    )
  })

  it('is total: any text gets an answer with a reason, and a person-like answer names at least one person', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (value) => {
        const s = screenName(value)
        expect(s.reasons.length).toBeGreaterThan(0)
        expect(s.kind === 'person' ? s.persons.length > 0 : s.persons.length === 0).toBe(true)
      }),
    )
  })
})
