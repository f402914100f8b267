/**
 * Retention of free texts (rule 21): with a fixed clock, exactly the contacts whose sealed texts
 * are past their category's years are redacted; the others, and plaintext history, are untouched.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { memoryEventStore, memoryKeyStore } from '../../adapters/memory/index.js'
import { createLedger } from '../../src/ledger/ledger.js'
import { textRetention } from '../../src/ledger/retention.js'
import { fixedClock } from '../../src/ports/clock.js'
import { sequentialIds } from '../../src/ports/ids.js'
import { DEFAULT_TEXT_RETENTION, parseTextRetention } from '../../src/privacy/retention.js'
import { readTexts } from '../../src/privacy/texts.js'
import { ORG_A, actors, cmd, run, grantFixtureRoles } from '../fixtures/domain.js'

const id = (n: number) => `c${String(n).padStart(7, '0')}-0000-4000-8000-0000000000c1`
// [contact, category, date]: at 2030-06-01 the defaults (signalling 2, incidental 5, partnership 7) make 1, 3 and 5 due
const CONTACTS = [
  [1, 'signalling', '2028-06-01'], // exactly 2 years: due
  [2, 'signalling', '2028-06-02'], // one day short
  [3, 'incidental', '2024-01-01'],
  [4, 'incidental', '2025-06-02'],
  [5, 'partnership', '2023-05-31'],
  [6, 'partnership', '2024-01-01'],
] as const

describe('text retention with a fixed clock', () => {
  it('redacts exactly the contacts past their category\u2019s years, and a dry run appends nothing', async () => {
    const keys = memoryKeyStore()
    const store = memoryEventStore()
    await grantFixtureRoles(store)
    const setupLedger = createLedger({ store, keys, clock: fixedClock('2029-01-01T10:00:00Z'), ids: sequentialIds() })
    await run(setupLedger, cmd.registerOrganisation(), cmd.endorse(ORG_A, '2023-01-01'), cmd.startPartnership(ORG_A, '2023-01-15'))
    for (const [n, category, occurredOn] of CONTACTS)
      await run(setupLedger, cmd.contact([ORG_A], { contactId: id(n), category, occurredOn: occurredOn > '2029-01-01' ? '2028-12-31' : occurredOn, subject: `Gesprek ${n} met Fatima El Amrani` }))
    // the signalling ones move to their real dates by correction (recorded later, so not in the future)
    const ledger = createLedger({ store, keys, clock: fixedClock('2030-06-01T10:00:00Z'), ids: sequentialIds('00000001') })
    for (const [n, , occurredOn] of CONTACTS)
      if (occurredOn > '2029-01-01') await run(ledger, { command: 'correctContact', actor: actors.official, payload: { contactId: id(n), occurredOn, reason: 'datum' } })
    const size = async () => (await ledger.store.size()()) as E.Right<number>
    const before = (await size()).right
    const dry = await textRetention(ledger, DEFAULT_TEXT_RETENTION, actors.privacy, { apply: false })
    expect(E.isRight(dry) && dry.right.due.map((d) => d.recordId)).toEqual([id(3), id(5), id(1)]) // by due date
    expect((await size()).right).toBe(before)
    const applied = await textRetention(ledger, DEFAULT_TEXT_RETENTION, actors.privacy, { apply: true })
    expect(E.isRight(applied) && [...applied.right.redacted].sort()).toEqual([id(1), id(3), id(5)])
    const all = await ledger.store.read({})()
    const shown = E.isRight(all) ? await readTexts(keys, all.right, { unseal: true }) : E.left(null)
    const subjects = E.isRight(shown) ? shown.right.filter((e) => e.type === 'ContactRecorded').map((e) => (e.data as { subject: string }).subject) : []
    expect(subjects).toEqual(['[redacted]', 'Gesprek 2 met Fatima El Amrani', '[redacted]', 'Gesprek 4 met Fatima El Amrani', '[redacted]', 'Gesprek 6 met Fatima El Amrani'])
    // a second run finds nothing more
    const again = await textRetention(ledger, DEFAULT_TEXT_RETENTION, actors.privacy, { apply: true })
    expect(E.isRight(again) && again.right.due).toEqual([])
  })

  it('reads a policy from category=years pairs and refuses anything else', () => {
    expect(parseTextRetention('partnership=10,signalling=1')).toEqual({ ok: { years: { signalling: 1, incidental: 5, partnership: 10 } } })
    expect('error' in parseTextRetention('meeting=3')).toBe(true)
    expect('error' in parseTextRetention('partnership=-1')).toBe(true)
    expect('error' in parseTextRetention('partnership=999')).toBe(true)
  })
})
