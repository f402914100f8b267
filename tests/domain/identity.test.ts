/**
 * Rule 23 (issue 14), adversarial first: an organisation is registered once. Given a register,
 * when a second registration (or a rename, or a correction) would name an organisation already
 * there (by id in any case, by KvK number, or by a name that folds to the same: case, accents,
 * spacing, punctuation, invisible characters, look-alike letters, full-width letters, legal-form
 * words), then it is refused with `DuplicateOrganisation` naming the existing one and nothing is
 * appended; `distinctFrom` lets a genuinely different organisation of a similar name in; a
 * name-alike of an excluded organisation is refused even then.
 */
import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { openSqlite } from '../../adapters/sqlite/index.js'
import { nameKey } from '../../src/domain/names.js'
import { createLedger } from '../../src/ledger/ledger.js'
import { fixedClock } from '../../src/ports/clock.js'
import { ADVICE_1, NOW, ORG_A, ORG_B, actors, cmd, confirmed, openedLedger, G, rejection, run, sizeOf, grantFixtureRoles } from '../fixtures/domain.js'

const ORG_C = '0c000000-0000-4000-8000-00000000000c'
const reg = (organisationId: string, name: string, extra: Record<string, unknown> = {}) => ({
  command: 'registerOrganisation',
  actor: actors.coordinator,
  payload: { organisationId, name, kind: 'religious-community', ...extra },
})

describe('the same organisation registered again is refused (rule 23)', () => {
  it.each([
    ['case', 'STICHTING AL-AMAL'],
    ['accents', 'Stichting Al-Amál'],
    ['spacing', '  Stichting   Al-Amal '],
    ['punctuation', 'Stichting Al Amal.'],
    ['a zero-width space', 'Stichting Al\u200B-Amal'],
    ['a Cyrillic а', 'Stichting \u0410l-Amal'],
    ['full-width letters', 'Ｓｔｉｃｈｔｉｎｇ Ａｌ-Ａｍａｌ'],
    ['a legal-form word', 'Al-Amal'],
    ['another legal form', 'Vereniging Al-Amal U.A.'],
  ])('differing only in %s', async (_, name) => {
    const ledger = await openedLedger()
    await run(ledger, reg(ORG_A, 'Stichting Al-Amal'))
    const before = await sizeOf(ledger)
    const r = await rejection(ledger, reg(ORG_B, name))
    expect(r).toMatchObject({ _tag: 'DuplicateOrganisation', rule: 23, refs: { organisationId: ORG_A } })
    expect(r.message).toContain('Stichting Al-Amal')
    expect(await sizeOf(ledger)).toBe(before)
  })

  it('by KvK number, whatever the name; and by its own id written in upper case', async () => {
    const ledger = await openedLedger()
    await run(ledger, reg(ORG_A, 'Stichting Al-Amal', { kvkNumber: '41234567' }))
    expect(await rejection(ledger, reg(ORG_B, 'Heel Andere Naam', { kvkNumber: '41234567' }))).toMatchObject({ _tag: 'DuplicateOrganisation', refs: { organisationId: ORG_A } })
    expect(await rejection(ledger, reg(ORG_A.toUpperCase(), 'Nog Een Naam'))).toMatchObject({ _tag: 'DuplicateOrganisation', refs: { organisationId: ORG_A } })
  })

  it('two registrations of one organisation in one batch: the first is decided, the batch refused whole', async () => {
    const ledger = await openedLedger()
    const r = await ledger.executeBatch([reg(ORG_A, 'Moskee Al-Fath'), reg(ORG_B, 'moskee al fath')])
    expect(E.isLeft(r) && [r.left.index, r.left.rejection._tag]).toEqual([1, 'DuplicateOrganisation'])
    expect(await sizeOf(ledger)).toBe(0)
  })

  it('a race of two writers on one SQLite file (two connections): exactly one registration lands', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cl-identity-')), 'race.db')
    const a = await openSqlite({ path })
    if (E.isLeft(a)) throw new Error(a.left.message)
    const b = await openSqlite({ path })
    if (E.isLeft(b)) throw new Error(b.left.message)
    try {
      await grantFixtureRoles(a.right.store)
      const la = createLedger({ store: a.right.store, keys: a.right.keys, clock: fixedClock(NOW) })
      const lb = createLedger({ store: b.right.store, keys: b.right.keys, clock: fixedClock(NOW) })
      const results = await Promise.all([la.execute(reg(ORG_A, 'Stichting De Brug')), lb.execute(reg(ORG_B, 'De Brug'))])
      expect(results.filter(E.isRight)).toHaveLength(1)
      const refused = results.find(E.isLeft)
      expect(refused && E.isLeft(refused) && refused.left._tag).toBe('DuplicateOrganisation')
      const events = await a.right.store.read()()
      expect(E.isRight(events) && events.right.filter((e) => e.type === 'OrganisationRegistered')).toHaveLength(1)
    } finally {
      await a.right.close()
      await b.right.close()
    }
  })

  it('a correction into another organisation\'s name or KvK number is refused; into its own spelling is fine', async () => {
    const ledger = await openedLedger()
    await run(ledger, reg(ORG_A, 'Stichting Al-Amal', { kvkNumber: '41234567' }), reg(ORG_B, 'Stichting De Brug'))
    const correct = (payload: object) => ({ command: 'correctOrganisation', actor: actors.coordinator, payload: { organisationId: ORG_B, reason: 'typo', ...payload } })
    expect(await rejection(ledger, correct({ name: 'Al Amal' }))).toMatchObject({ _tag: 'DuplicateOrganisation', refs: { organisationId: ORG_A } })
    expect(await rejection(ledger, correct({ kvkNumber: '41234567' }))).toMatchObject({ _tag: 'DuplicateOrganisation', refs: { organisationId: ORG_A } })
    await run(ledger, correct({ name: 'Stichting De Brug Zaandam' }), { command: 'correctOrganisation', actor: actors.coordinator, payload: { organisationId: ORG_A, name: 'STICHTING AL-AMAL', reason: 'hoofdletters' } })
  })

  it('a rename into another organisation\'s name is refused', async () => {
    const ledger = await openedLedger()
    await run(ledger, reg(ORG_A, 'Stichting Al-Amal'), reg(ORG_B, 'Stichting De Brug'))
    const r = await rejection(ledger, { command: 'renameOrganisation', actor: actors.coordinator, payload: { organisationId: ORG_B, name: 'Al-Amal', effectiveOn: '2025-01-01', reason: 'fusie' } })
    expect(r).toMatchObject({ _tag: 'DuplicateOrganisation', refs: { organisationId: ORG_A } })
  })

  it('distinctFrom lets a genuinely different organisation of the same name in, naming each one checked, and records why', async () => {
    const ledger = await openedLedger()
    await run(ledger, reg(ORG_A, 'Moskee Al-Fath'))
    const [r] = await run(ledger, reg(ORG_B, 'Moskee Al Fath', { municipality: 'Zaandam', distinctFrom: { organisationId: ORG_A, reason: 'andere moskee in Zaandam' } }))
    // the reason is sealed under the new organisation's key (rule 21): an unsealing reader sees it (tests/privacy/free-text-roles.test.ts)
    expect(r!.events[0]!.data).toMatchObject({ organisationId: ORG_B, distinctFrom: [{ organisationId: ORG_A, reason: { sealed: 'A256GCM', record: ORG_B } }] })
    // a third must name both
    expect(await rejection(ledger, reg(ORG_C, 'MOSKEE AL-FATH', { distinctFrom: { organisationId: ORG_A, reason: 'weer een andere' } }))).toMatchObject({ _tag: 'DuplicateOrganisation', refs: { organisationId: ORG_B } })
    await run(ledger, reg(ORG_C, 'MOSKEE AL-FATH', { distinctFrom: [{ organisationId: ORG_A, reason: 'Utrecht' }, { organisationId: ORG_B, reason: 'Utrecht' }] }))
  })

  it('a name-alike of an excluded organisation is refused without distinctFrom, and with it is a proposal a second coordinator confirms (rules 19, 23)', async () => {
    const ledger = await openedLedger()
    await run(
      ledger,
      reg(ORG_A, 'Stichting Samidoun Nederland'),
      cmd.advice('advised-against', '2024-09-01', 'security-service', ORG_A, ADVICE_1),
      cmd.exclude([{ ground: 'security-service-advice', evidenceRefs: [ADVICE_1] }], ORG_A),
    )
    const r = await rejection(ledger, reg(ORG_B, 'Samidoun  Nederland'))
    expect(r).toMatchObject({ _tag: 'DuplicateOrganisation', refs: { organisationId: ORG_A } })
    expect(r.message).toContain('excluded')
    // with distinctFrom naming it: only the proposal is appended; the organisation is not registered
    const before = await sizeOf(ledger)
    const proposed = await ledger.execute(reg(ORG_B, 'Samidoun  Nederland', { distinctFrom: { organisationId: ORG_A, reason: 'echt een andere' } }))
    if (E.isLeft(proposed)) throw new Error(proposed.left.message)
    expect(proposed.right.events.map((x) => x.type)).toEqual(['ProposalMade'])
    expect(proposed.right.events[0]!.data).toMatchObject({ command: 'registerOrganisation', role: 'coordinator', proposedBy: actors.coordinator })
    expect(await sizeOf(ledger)).toBe(before + 1)
    const state = await ledger.state()
    expect(E.isRight(state) && state.right.organisations[ORG_B]).toBe(undefined)
    // the proposer cannot confirm it; a second coordinator can
    const self = await rejection(ledger, { command: 'confirmProposal', actor: actors.coordinator, payload: { proposalId: proposed.right.proposalId } })
    expect(self._tag).toBe('SelfConfirmation')
    const done = await confirmed(ledger, proposed.right)
    expect(done.events.map((x) => x.type)).toEqual(['ProposalConfirmed', 'OrganisationRegistered'])
    expect(done.events[1]!.meta.fourEyes).toEqual({ proposalId: proposed.right.proposalId, proposedBy: actors.coordinator })
  })
})

describe('nameKey', () => {
  it('keeps different organisations apart', () => {
    expect(nameKey('Moskee Al-Fath')).not.toBe(nameKey('Moskee Al-Fatah'))
    expect(nameKey('Stichting')).toBe('stichting') // a name of only legal-form words keeps them
    expect(nameKey('Stichting De Brug')).not.toBe(nameKey('Stichting De Burg'))
  })
})
