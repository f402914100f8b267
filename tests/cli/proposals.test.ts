/**
 * Four eyes on the command line (rule 19): `exec` answers a proposal with its id and appends only
 * the proposal; a self-confirmation is refused (exit 1); `proposals` lists what waits for a second
 * actor (by role, as JSON or text) and, with `--all`, how each ended.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli, execAs } from '../fixtures/cli.js'
import { ORG_A, cmd } from '../fixtures/domain.js'

const ADMIN = { id: 'b.beheer', role: 'administrator' }
const grant = (actorId: string, role: string) => ({ command: 'grantRole', actor: ADMIN, payload: { actorId, role, grantedOn: '2025-01-01' } })
const PROPOSAL = 'd1000000-0000-4000-8000-0000000000d1'
const lines = (...commands: unknown[]) => commands.map((c) => JSON.stringify(c)).join('\n') + '\n'

describe('proposals through exec and the proposals command', () => {
  it('proposes, refuses a self-confirmation, lists the open proposal, confirms with a second vetting officer, lists it as confirmed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-proposals-'))
    const store = `sqlite:${join(dir, 'register.db')}`
    const setup = join(dir, 'setup.jsonl')
    writeFileSync(
      setup,
      lines(grant('b.beheer', 'administrator'), grant('v.bakker', 'vetting-officer'), grant('v.smit', 'vetting-officer'), grant('c.desmet', 'coordinator'), cmd.registerOrganisation(), cmd.statement(), {
        ...cmd.exclude(),
        proposalId: PROPOSAL,
      }),
    )
    const r = execAs([setup, '--store', store])
    expect(r.code, r.stderr).toBe(0)
    const answers = r.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(answers.at(-1)).toEqual({ ok: true, proposalId: PROPOSAL, events: [{ position: 6, type: 'ProposalMade' }] })

    const self = join(dir, 'self.jsonl')
    writeFileSync(self, lines({ command: 'confirmProposal', actor: { id: 'v.bakker', role: 'vetting-officer' }, payload: { proposalId: PROPOSAL } }))
    const refused = execAs([self, '--store', store])
    expect(refused.code).toBe(1)
    expect(refused.stdout).toContain('SelfConfirmation')

    const open = cli(['proposals', '--store', store, '--role', 'vetting-officer'])
    expect(open.code, open.stderr).toBe(0)
    const listed = open.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(listed).toHaveLength(1)
    expect(listed[0]).toMatchObject({ proposalId: PROPOSAL, command: 'decideExclusion', role: 'vetting-officer', proposedBy: { id: 'v.bakker', role: 'vetting-officer' }, status: 'open', payload: { organisationId: ORG_A } })
    // rule 21: the proposal's rationale is sealed, shown as the log shows it
    expect(listed[0].payload.rationale).toEqual({ sealed: true })
    expect(open.stdout).not.toContain(cmd.exclude().payload.rationale)
    expect(cli(['proposals', '--store', store, '--role', 'coordinator']).stdout).toBe('')

    const second = join(dir, 'second.jsonl')
    writeFileSync(second, lines({ command: 'confirmProposal', actor: { id: 'v.smit', role: 'vetting-officer' }, payload: { proposalId: PROPOSAL } }))
    const ok = execAs([second, '--store', store])
    expect(ok.code, ok.stdout).toBe(0)
    expect(JSON.parse(ok.stdout)).toEqual({ ok: true, events: [{ position: 7, type: 'ProposalConfirmed' }, { position: 8, type: 'ExclusionDecided' }] })

    expect(cli(['proposals', '--store', store]).stdout).toBe('')
    const all = cli(['proposals', '--store', store, '--all', '--format', 'text'])
    expect(all.stdout.trim()).toBe(`${PROPOSAL}  decideExclusion  needs vetting-officer  proposed by v.bakker (vetting-officer) at position 6  confirmed by v.smit at position 7`)
  })

  it('a role that does not exist is a usage error naming the roles (exit 2, one line)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-proposals-'))
    const r = cli(['proposals', '--store', `sqlite:${join(dir, 'r.db')}`, '--role', 'boss'])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toContain('--role takes one of administrator')
  })
})
