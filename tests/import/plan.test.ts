import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeMapping } from '../../src/import/mapping.js'
import { organisationIdFor, planImport } from '../../src/import/plan.js'
import { rowReader, type Cells } from '../../src/import/rows.js'
import { ORG_A, cmd, openedLedger, G, run } from '../fixtures/domain.js'

const HASH = 'ab'.repeat(32)
const m = decodeMapping({ columns: { occurredOn: 'date', organisations: 'orgs', subject: 'subject' }, dateFormat: 'YYYY-MM-DD', organisationKind: 'knowledge-institute' })
if (E.isLeft(m)) throw new Error(m.left)
const read = rowReader(m.right)
const rows = (...cells: Cells[]) => cells.map((c, i) => read(c, i + 2))

const stateWith = async (...commands: unknown[]) => {
  const ledger = await openedLedger()
  await run(ledger, ...commands)
  const s = await ledger.state()
  if (E.isLeft(s)) throw new Error(s.left.message)
  return s.right
}

describe('planning an import', () => {
  it('registers each organisation once, matching names within the file and against the register', async () => {
    const state = await stateWith(cmd.registerOrganisation(ORG_A, 'Stichting Samen Verder'))
    const plan = planImport(
      rows(
        { date: '2024-01-02', orgs: 'Université de Leiden, stichting samen  verder', subject: 'a' },
        { date: '2024-01-03', orgs: 'UNIVERSITE DE LEIDEN', subject: 'b' },
      ),
      { fileHash: HASH, actor: 'a.jansen', coordinator: 'c.smit', today: '2025-06-01', state, organisationKind: 'knowledge-institute' },
    )
    expect(plan.problems).toEqual([])
    expect(plan).toMatchObject({ rows: 2, contacts: 2, registrations: 1, matched: 1 })
    const leiden = organisationIdFor('universite de leiden')
    expect(plan.commands.map((c) => c.command)).toEqual([
      {
        command: 'registerOrganisation',
        actor: { id: 'c.smit', role: 'coordinator' },
        idempotencyKey: expect.stringMatching(/^import:org:[0-9a-f]{32}$/),
        payload: { organisationId: leiden, name: 'Université de Leiden', kind: 'knowledge-institute' },
      },
      {
        command: 'recordContact',
        actor: { id: 'a.jansen', role: 'official' },
        idempotencyKey: expect.stringMatching(/^import:contact:[0-9a-f]{32}:0$/),
        payload: { organisationIds: [leiden, ORG_A], occurredOn: '2024-01-02', form: 'meeting', category: 'incidental', themes: [], subject: 'a' },
      },
      expect.objectContaining({ idempotencyKey: expect.stringMatching(/^import:contact:[0-9a-f]{32}:0$/), payload: expect.objectContaining({ organisationIds: [leiden] }) }),
    ])
  })

  it('without a coordinator, a row naming an unknown organisation is unreadable and says to pass --coordinator', async () => {
    const state = await stateWith(cmd.registerOrganisation(ORG_A, 'Stichting Samen Verder'))
    const plan = planImport(rows({ date: '2024-01-02', orgs: 'Stichting Samen Verder' }, { date: '2024-01-02', orgs: 'Nieuw Initiatief' }), {
      fileHash: HASH,
      actor: 'a.jansen',
      today: '2025-06-01',
      state,
      organisationKind: 'other',
    })
    expect(plan.contacts).toBe(1)
    expect(plan.problems).toEqual([{ line: 3, reason: expect.stringMatching(/"Nieuw Initiatief" is not in the register; pass --coordinator ID/) }])
  })

  it('refuses rows with an excluded organisation (rule 2) or a date after today (rule 10)', async () => {
    const state = await stateWith(cmd.registerOrganisation(ORG_A, 'Stichting Samen Verder'), cmd.statement(), cmd.exclude())
    const plan = planImport(rows({ date: '2025-01-12', orgs: 'Stichting Samen Verder' }, { date: '2026-01-02', orgs: 'Ander' }, { date: '2024-01-02', orgs: 'Stichting Samen Verder' }), {
      fileHash: HASH,
      actor: 'a.jansen',
      coordinator: 'c.smit',
      today: '2025-06-01',
      state,
      organisationKind: 'other',
    })
    // judged on the row's date: the contact before the exclusion is a fact of the past (rule 2)
    expect(plan.problems.map((p) => p.line)).toEqual([2, 3])
    expect(plan.contacts).toBe(1)
    expect(plan.problems[0]!.reason).toMatch(/OrganisationExcluded/)
    expect(plan.problems[1]!.reason).toMatch(/lies after today/)
    expect(plan.registrations).toBe(0)
  })
})
