/**
 * Issue 19's "done when" (rules 10 and 21): for random valid histories with random personal names
 * in every free-text field, no name appears in the SQLite register file, its WAL, a PostgreSQL
 * dump, an export bundle, tiles, `log` without --unseal, or any report rendering; after every
 * record is redacted, not even with --unseal; the log verifies throughout, and the overview and
 * the confidential list render the same bytes before and after the redactions.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { openSqliteEventStore } from '../../adapters/sqlite/index.js'
import { verifyLog } from '../../src/audit/index.js'
import { stateAt } from '../../src/ledger/read.js'
import { renderAt } from '../../src/ledger/reports.js'
import type { EventStore } from '../../src/ports/event-store.js'
import { arbHistory, type CommandJson } from '../../src/testing/history.js'
import { AS_AUDITOR, HISTORY_GRANTS, READER_GRANTS, cli, execAs } from '../fixtures/cli.js'
import { PG_URL, describePg, dropSchema, freshSchema, pgUrlWithSchema } from '../storage/pg-server.js'

const FIRST = ['Ahmed', 'Fatima', 'Johan', 'Yasmina', 'Mohammed', 'Anouk', 'Sevda', 'Pieter']
const LAST = ['Yilmaz', 'ElAmrani', 'deVries', 'Oukili', 'Bakker', 'Demir', 'Visser']
/** A personal name, made unique with a number so no other text can contain it by chance. */
const arbName = fc.tuple(fc.constantFrom(...FIRST), fc.constantFrom(...LAST), fc.integer({ min: 100_000, max: 999_999 })).map(([f, l, n]) => `${f} ${l}${n}`)

/** The history with a fresh name in every free-text field (and the names used). */
const withNames = (history: ReadonlyArray<CommandJson>, names: ReadonlyArray<string>): { lines: string; used: string[] } => {
  let k = 0
  const used: string[] = []
  const next = () => {
    const name = `${names[k % names.length]}x${k++}`
    used.push(name)
    return name
  }
  const commands = history.map((c) => {
    const payload: Record<string, unknown> = { ...(c.payload as Record<string, unknown>) }
    if (c.command === 'recordContact') {
      payload['subject'] = `Gesprek met ${next()}`
      payload['officials'] = [next(), `${next()} (SZW)`]
      if (payload['breach'] !== undefined) payload['breach'] = { reason: `gesproken met ${next()}` }
    }
    if (c.command === 'correctContact' && payload['subject'] !== undefined) payload['subject'] = `Vervolg met ${next()}`
    // every free reason, rationale and note (endPartnership's reason is a code from a list, not free text)
    for (const f of ['reason', 'rationale', 'note'] as const) if (typeof payload[f] === 'string' && c.command !== 'endPartnership') payload[f] = `${payload[f] as string} (${next()})`
    return { ...c, payload }
  })
  return { lines: withWithdrawals([...commands, ...namedTail(next)], next).map((c) => JSON.stringify(c)).join('\n'), used }
}

const TAIL_ID = (n: number): string => `0000f000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`
const admin = { id: 'b.beheer', role: 'administrator' }
const [PROPOSAL_A, PROPOSAL_B] = ['0000fa00-0000-4000-8000-000000000001', '0000fb00-0000-4000-8000-000000000001']

/**
 * The free texts the generated histories do not reach, each naming someone: a grant's and a
 * revocation's reason (rule 18), and the reasons a name-alike registration gives (rule 23), once
 * at once and once as a proposal confirmed by a second coordinator (the name-alike of an excluded
 * organisation, rule 19), so the confirmed effect carries its texts sealed as the proposal did.
 */
const namedTail = (next: () => string): ReadonlyArray<CommandJson> => {
  const [first, second, third, fact, decision] = [1, 2, 3, 4, 5].map(TAIL_ID) as [string, string, string, string, string]
  const name = 'Stichting Tweelingnaam'
  const coordinator = { id: 'test.coordinator', role: 'coordinator' }
  const vetting = { id: 'test.vetting-officer', role: 'vetting-officer' }
  return [
    { command: 'grantRole', actor: admin, payload: { actorId: 'test.invaller', role: 'official', grantedOn: '2026-01-30', reason: `invaller voor ${next()}` } },
    { command: 'revokeRole', actor: admin, payload: { actorId: 'test.invaller', role: 'official', revokedOn: '2026-01-31', reason: `terug van verlof: ${next()}` } },
    { command: 'registerOrganisation', actor: coordinator, payload: { organisationId: first, name, kind: 'civil-society-organisation' } },
    { command: 'registerOrganisation', actor: coordinator, payload: { organisationId: second, name, kind: 'civil-society-organisation', distinctFrom: [{ organisationId: first, reason: `andere stad, voorzitter ${next()}` }] } },
    { command: 'recordFact', actor: vetting, payload: { factId: fact, organisationId: first, kind: 'public-statement', observedOn: '2026-01-30', source: 'website', reference: 'TAIL-1', listingRef: 'EU terrorist list' } },
    { command: 'decideExclusion', actor: vetting, proposalId: PROPOSAL_A, payload: { decisionId: decision, organisationId: first, decidedOn: '2026-01-30', grounds: [{ ground: 'supports-terrorist-organisation', evidenceRefs: [fact] }], rationale: `verklaring van ${next()}` } },
    { command: 'confirmProposal', actor: { id: 'test2.vetting-officer', role: 'vetting-officer' }, payload: { proposalId: PROPOSAL_A } },
    {
      command: 'registerOrganisation',
      actor: coordinator,
      proposalId: PROPOSAL_B,
      payload: { organisationId: third, name, kind: 'civil-society-organisation', distinctFrom: [{ organisationId: first, reason: `ander bestuur: ${next()}` }, { organisationId: second, reason: `andere wijk, contact ${next()}` }] },
    },
    { command: 'confirmProposal', actor: { id: 'test2.coordinator', role: 'coordinator' }, payload: { proposalId: PROPOSAL_B } },
  ]
}

/**
 * Rule 19 with rule 21: every confirmed proposal is first withdrawn (its reason naming someone) and
 * proposed again under another id, then confirmed; so the log holds proposals, withdrawals and
 * confirmations whose texts name people.
 */
const withWithdrawals = (commands: ReadonlyArray<CommandJson>, next: () => string): ReadonlyArray<unknown> => {
  const out: unknown[] = []
  for (let i = 0; i < commands.length; i++) {
    const c = commands[i]! as CommandJson & { readonly proposalId?: string }
    const confirm = commands[i + 1]
    if (c.proposalId === undefined || confirm?.command !== 'confirmProposal') {
      out.push(c)
      continue
    }
    const again = `beef${c.proposalId.slice(4)}`
    out.push(
      c,
      { command: 'withdrawProposal', actor: c.actor, payload: { proposalId: c.proposalId, reason: `ingetrokken na gesprek met ${next()}` } },
      { ...c, proposalId: again },
      { ...confirm, payload: { proposalId: again } },
    )
    i++
  }
  return out
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? filesUnder(p) : [p]
  })

const leaks = (haystack: string | Buffer, names: ReadonlyArray<string>): string[] => names.filter((n) => haystack.includes(n))

/** The public overviews and the confidential list of the log's first `at` entries (what a snapshot fixes, rule 13). */
const publicReports = async (store: EventStore, at: number): Promise<string> => {
  const out: string[] = []
  for (const year of [2023, 2024, 2025, 2026]) {
    const r = await renderAt(store, { kind: 'annual-overview', year }, { format: 'csv', at })
    out.push(E.isRight(r) ? r.right.text : `error ${r.left.message}`)
  }
  const list = await renderAt(store, { kind: 'confidential-contact-list' }, { format: 'md', at })
  out.push(E.isRight(list) ? list.right.text : `error ${list.left.message}`)
  return out.join('\n')
}

const verified = async (store: EventStore) => {
  const r = await verifyLog(store)()
  return E.isRight(r) && r.right._tag === 'Verified'
}

/** Histories with at least one four-eyes proposal (rule 19), each then withdrawn, proposed again and confirmed. */
const withProposals = arbHistory({ minSteps: 15, maxSteps: 30, grants: false }).filter((h) => h.some((c) => c.command === 'confirmProposal'))

describe('sealed free text on SQLite, through the command line', () => {
  it.each([
    ['any history', arbHistory({ minSteps: 15, maxSteps: 30, grants: false }), 2],
    ['a history with proposals, withdrawals and confirmations', withProposals, 1],
  ] as const)('%s: no name in the file, its WAL, an export bundle, tiles, log or any report; after redaction not even unsealed; verify passes', async (_, histories, numRuns) => {
    await fc.assert(
      fc.asyncProperty(histories, fc.array(arbName, { minLength: 5, maxLength: 5 }), async (history, names) => {
        const dir = mkdtempSync(join(tmpdir(), 'cl-sealed-'))
        const db = join(dir, 'register.db')
        const store = ['--store', `sqlite:${db}`]
        const { lines, used } = withNames(history, names)
        writeFileSync(join(dir, 'h.jsonl'), lines)
        // the readers of rule 20 granted first (the whole log, the confidential list and the auditor's view are restricted reads)
        expect(execAs([...store, '-'], READER_GRANTS + HISTORY_GRANTS).code).toBe(0)
        const ran = execAs([...store, join(dir, 'h.jsonl')])
        expect(ran.code, ran.stderr).toBe(0)
        expect(used.length).toBeGreaterThan(0)
        // the register's bytes on disk (the log file while open, with its WAL)
        expect(leaks(readFileSync(db), used)).toEqual([])
        if (existsSync(`${db}-wal`)) expect(leaks(readFileSync(`${db}-wal`), used)).toEqual([])
        expect(cli(['export', '--out', join(dir, 'bundle'), ...AS_AUDITOR, ...store]).code).toBe(0)
        expect(cli(['export', 'tiles', '--out', join(dir, 'tiles'), ...store]).code).toBe(0)
        for (const f of [...filesUnder(join(dir, 'bundle')), ...filesUnder(join(dir, 'tiles'))]) expect(leaks(readFileSync(f), used), f).toEqual([])
        const log = cli(['log', ...AS_AUDITOR, ...store])
        expect(log.code).toBe(0)
        expect(leaks(log.stdout, used)).toEqual([])
        expect(log.stdout).toContain('{"sealed":true}')
        // the tail's texts are there, sealed: a grant's and a revocation's reason, a name-alike's reasons (at once and confirmed)
        const entries = log.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; data: Record<string, unknown> })
        const tailGrants = entries.filter((e) => (e.type === 'RoleGranted' || e.type === 'RoleRevoked') && e.data['actorId'] === 'test.invaller')
        expect(tailGrants.map((e) => e.data['reason'])).toEqual([{ sealed: true }, { sealed: true }])
        const alikes = entries.filter((e) => e.type === 'OrganisationRegistered' && e.data['distinctFrom'] !== undefined)
        expect(alikes.map((e) => (e.data['distinctFrom'] as Array<{ reason: unknown }>).map((d) => d.reason))).toEqual([[{ sealed: true }], [{ sealed: true }, { sealed: true }]])
        // an unsealing reader sees them
        const unsealed = cli(['log', '--unseal', ...AS_AUDITOR, ...store]).stdout
        expect(leaks(unsealed, used).length).toBeGreaterThan(0)
        for (const text of ['invaller voor', 'terug van verlof:', 'andere stad, voorzitter', 'ander bestuur:', 'andere wijk, contact']) expect(unsealed).toContain(text)
        // proposals, their withdrawals and confirmations name people too (rules 19 and 21)
        if (histories === withProposals) {
          expect(log.stdout).toContain('"type":"ProposalWithdrawn"')
          expect(unsealed).toContain('ingetrokken na gesprek met')
        }
        for (const args of [['report', 'annual', '--year', '2025'], ['report', 'confidential', '--confidential'], ['report', 'audit']]) {
          const r = cli([...args, '--format', 'md', ...(args[1] === 'annual' ? [] : AS_AUDITOR), ...store])
          expect(r.code, r.stderr).toBe(0)
          if (args[1] !== 'audit') expect(leaks(r.stdout, used), args.join(' ')).toEqual([])
        }
        const opened = openSqliteEventStore(db)
        if (E.isLeft(opened)) throw new Error(opened.left.message)
        const size = await opened.right.size()()
        if (E.isLeft(size)) throw new Error(size.left.message)
        const before = await publicReports(opened.right, size.right)
        expect(leaks(before, used)).toEqual([])
        expect(await verified(opened.right)).toBe(true)
        const state = await stateAt(opened.right)
        await opened.right.close()
        if (E.isLeft(state)) throw new Error(state.left.message)
        // every record with sealed text is redacted
        const records = Object.entries(state.right.sealedTexts ?? {}).filter(([, r]) => r.redacted === undefined).map(([id]) => id)
        const redactions = records.map((recordId) => JSON.stringify({ command: 'redactRecord', actor: { id: 'test.privacy-officer', role: 'privacy-officer' }, payload: { recordId, reason: 'retentie' } }))
        const redacted = execAs([...store, '-'], redactions.join('\n'))
        expect(redacted.code, redacted.stderr).toBe(0)
        expect(leaks(cli(['log', '--unseal', ...AS_AUDITOR, ...store]).stdout, used)).toEqual([])
        const again = openSqliteEventStore(db)
        if (E.isLeft(again)) throw new Error(again.left.message)
        expect(await publicReports(again.right, size.right)).toBe(before)
        expect(await verified(again.right)).toBe(true)
        await again.right.close()
        // against the checkpoint signed before the redactions (the bundle's), with its published key
        const check = cli(['verify', '--since', join(dir, 'bundle', 'checkpoint'), '--vkey', join(dir, 'bundle', 'key.vkey'), ...store])
        expect(check.code, check.stdout + check.stderr).toBe(0)
      }),
      // a few runs (each spawns the command line a dozen times); no shrinking, the first failure is shown
      { numRuns, seed: 19, endOnFailure: true },
    )
  })
})

describePg('sealed free text on PostgreSQL', () => {
  it('a pg_dump of the register holds no name from any free-text field', async () => {
    const schema = freshSchema()
    try {
      const [history] = fc.sample(arbHistory({ minSteps: 20, maxSteps: 30, grants: false }), { seed: 19, numRuns: 1 })
      const { lines, used } = withNames(history!, ['Ahmed Yilmaz4711', 'Fatima ElAmrani4712'])
      const url = pgUrlWithSchema(schema)
      expect(execAs(['--store', url, '-'], READER_GRANTS + HISTORY_GRANTS).code).toBe(0)
      const ran = execAs(['--store', url, '-'], lines)
      expect(ran.code, ran.stderr).toBe(0)
      const dump = execFileSync('pg_dump', ['--dbname', PG_URL, '--schema', schema], { maxBuffer: 1 << 28 })
      expect(dump.length).toBeGreaterThan(0)
      expect(leaks(dump, used)).toEqual([])
      expect(leaks(cli(['log', '--store', url, ...AS_AUDITOR]).stdout, used)).toEqual([])
    } finally {
      await dropSchema(schema)
    }
  })
})
