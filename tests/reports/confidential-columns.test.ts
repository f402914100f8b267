/**
 * Rule 8, the confidential list as the letter draws it (issue 13): "een lijst met maatschappelijke
 * organisaties waarmee SZW vanaf 1 januari 2023 contact heeft gehad". Given a register with
 * civil-society organisations, a municipality, a public body and a company, when the list is
 * rendered, then only the civil-society organisations are on it, each with the categories seen,
 * the first and the last contact date and the number of contacts; a contact with only a key
 * figure counts for the key figure's organisation; signalling and retracted contacts count nowhere.
 */
import * as E from 'fp-ts/lib/Either.js'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { renderAt } from '../../src/ledger/reports.js'
import { ORG_A, ORG_B, actors, cmd, openedLedger, G, run } from '../fixtures/domain.js'

const ORG_GEM = '0c000000-0000-4000-8000-00000000000c'
const ORG_RIJK = '0d000000-0000-4000-8000-00000000000d'
const ORG_BV = '0e000000-0000-4000-8000-00000000000e'
const ORG_MOSKEE = '0f000000-0000-4000-8000-00000000000f'
const PERSON = 'f1000000-0000-4000-8000-0000000000f1'
const RETRACTED = 'c9000000-0000-4000-8000-0000000000c9'

const must = <A>(e: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

const register = (organisationId: string, name: string, kind: string) => ({ command: 'registerOrganisation', actor: actors.coordinator, payload: { organisationId, name, kind } })

const given = async () => {
  const ledger = await openedLedger()
  await run(
    ledger,
    register(ORG_A, 'Stichting Samen Verder', 'self-organisation'),
    register(ORG_B, 'Vereniging Nieuwe Buren', 'civil-society-organisation'),
    register(ORG_GEM, 'Gemeente Zaanstad', 'municipality'),
    register(ORG_RIJK, 'Ministerie van OCW', 'public-body'),
    register(ORG_BV, 'Adviesbureau Integratie BV', 'company'),
    register(ORG_MOSKEE, 'Moskee Al-Fath', 'religious-community'),
    cmd.endorse(ORG_A, '2024-01-01'),
    cmd.startPartnership(ORG_A, '2024-01-15'),
    cmd.contact([ORG_A], { category: 'incidental', occurredOn: '2023-04-03' }),
    cmd.contact([ORG_A], { category: 'partnership', subject: 'Taal', occurredOn: '2024-03-05' }),
    cmd.contact([ORG_A, ORG_GEM, ORG_RIJK, ORG_BV], { category: 'incidental', occurredOn: '2024-10-01' }),
    cmd.contact([ORG_B], { category: 'signalling', occurredOn: '2024-04-01' }),
    cmd.contact([ORG_B], { category: 'incidental', occurredOn: '2024-05-01', contactId: RETRACTED }),
    { command: 'retractContact', actor: actors.official, payload: { contactId: RETRACTED, reason: 'dubbel ingevoerd' } },
    // a key figure of the mosque, met alone
    { command: 'registerKeyFigure', actor: actors.official, payload: { personId: PERSON, organisationId: ORG_MOSKEE, name: 'H. Yilmaz', role: 'voorzitter' } },
    cmd.contact([], { personIds: [PERSON], category: 'incidental', occurredOn: '2024-11-19' }),
    // a contact naming both the mosque and its key figure counts once
    cmd.contact([ORG_MOSKEE], { personIds: [PERSON], category: 'incidental', occurredOn: '2025-02-10' }),
  )
  return ledger
}

describe('the confidential list (rule 8)', () => {
  it('JSON: only civil-society organisations, with categories, first and last contact, and count; key-figure contacts count for the organisation', async () => {
    const ledger = await given()
    const json = JSON.parse(must(await renderAt(ledger.store, { kind: 'confidential-contact-list' }, { format: 'json' })).text)
    expect(json).toMatchObject({ classification: 'VERTROUWELIJK', kind: 'confidential-contact-list', since: '2023-01-01', until: '2025-06-01' })
    expect(json.rows).toEqual([
      { organisationId: ORG_MOSKEE, name: 'Moskee Al-Fath', kind: 'religious-community', categories: ['incidental'], firstContactOn: '2024-11-19', lastContactOn: '2025-02-10', contacts: 2 },
      { organisationId: ORG_A, name: 'Stichting Samen Verder', kind: 'self-organisation', categories: ['partnership', 'incidental'], firstContactOn: '2023-04-03', lastContactOn: '2024-10-01', contacts: 3 },
    ])
    // a municipality, a public body and a company are contacts the register keeps, never on the list
    for (const name of ['Gemeente Zaanstad', 'Ministerie van OCW', 'Adviesbureau Integratie BV', 'Vereniging Nieuwe Buren']) expect(JSON.stringify(json)).not.toContain(name)
  })

  it('a period narrows the rows and their dates to it', async () => {
    const ledger = await given()
    const json = JSON.parse(must(await renderAt(ledger.store, { kind: 'confidential-contact-list', since: '2024-01-01', until: '2024-12-31' }, { format: 'json' })).text)
    expect(json.rows.map((r: Record<string, unknown>) => [r.name, r.categories, r.firstContactOn, r.lastContactOn, r.contacts])).toEqual([
      ['Moskee Al-Fath', ['incidental'], '2024-11-19', '2024-11-19', 1],
      ['Stichting Samen Verder', ['partnership', 'incidental'], '2024-03-05', '2024-10-01', 2],
    ])
  })

  it('CSV: the VERTROUWELIJK row, then the header with the id column, then the rows as a reader checks them', async () => {
    const ledger = await given()
    const csv = must(await renderAt(ledger.store, { kind: 'confidential-contact-list' }, { format: 'csv', language: 'en' })).text
    const rows = parse(csv, { relax_column_count: true }) as string[][]
    expect(rows[0]![0]).toBe('VERTROUWELIJK')
    expect(rows.slice(1, 4)).toEqual([
      ['Id', 'Organisation', 'Kind', 'Contact category', 'First contact', 'Last contact', 'Contacts'],
      [ORG_MOSKEE, 'Moskee Al-Fath', 'religious community', 'incidental', '2024-11-19', '2025-02-10', '2'],
      [ORG_A, 'Stichting Samen Verder', 'self-organisation', 'partnership, incidental', '2023-04-03', '2024-10-01', '3'],
    ])
  })

  it('Markdown: the Dutch columns and rows', async () => {
    const ledger = await given()
    const md = must(await renderAt(ledger.store, { kind: 'confidential-contact-list' }, { format: 'md' })).text
    expect(md.startsWith('# VERTROUWELIJK\n')).toBe(true)
    expect(md).toContain('| Organisatie | Soort | Soort contact | Eerste contact | Laatste contact | Aantal contacten |')
    expect(md).toContain('| Stichting Samen Verder | zelforganisatie | samenwerking, incidenteel | 3 april 2023 | 1 oktober 2024 | 3 |')
    expect(md).not.toContain('Gemeente Zaanstad')
  })
})
