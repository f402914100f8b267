/**
 * Four writer processes × 500 commands through the ledger against one store, on SQLite and on
 * PostgreSQL: every accepted event is stored exactly once, positions are gapless, the race
 * between an exclusion and contacts for the same organisation never leaves a contact after it, and
 * two processes confirming one exclusion proposal at the same step give one exclusion (rule 19).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { openStore } from '../../cli/stores.js'
import type { StoredEvent } from '../../src/domain/events.js'
import { matches } from '../../src/ports/query.js'
import { cmd, grantFixtureRoles, newLedger, run } from '../fixtures/domain.js'
import { GRANTS, ORGANISATIONS, RACED, proposalCommand, proposalOf } from './children/plan.js'
import { describePg, dropSchema, freshSchema, pgUrlWithSchema } from './pg-server.js'

const WRITER = join(import.meta.dirname, 'children', 'writer.ts')
const WRITERS = 4
const COMMANDS = 500

type Answer = { key: string; ok: boolean; tag?: string; events?: Array<{ position: number; type: string }> }

/** Runs a TypeScript script in a child process; resolves with its stdout, rejects with its stderr. */
export const runChild = (script: string, args: ReadonlyArray<string>): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} exited ${code}: ${err}`))))
  })

const race = async (url: string) => {
  // the organisations exist before the writers start
  const setup = await openStore(url)
  await grantFixtureRoles(setup.store, GRANTS)
  const ledger = newLedger(setup.store)
  await run(ledger, ...ORGANISATIONS.map((id, n) => cmd.registerOrganisation(id, `Stichting ${n}`)), ...RACED.map((id) => cmd.statement(id)))
  // the exclusions are proposed before the writers start; two writers race to confirm each
  for (const k of RACED.keys()) {
    const r = await ledger.execute(proposalCommand(k))
    expect(E.isRight(r) && r.right.proposalId).toBe(proposalOf(k))
  }
  await setup.close()

  const outputs = await Promise.all(Array.from({ length: WRITERS }, (_, k) => runChild(WRITER, [url, String(k), String(COMMANDS)])))
  const answers = outputs.flatMap((o) => JSON.parse(o) as Answer[])
  expect(answers).toHaveLength(WRITERS * COMMANDS)

  const opened = await openStore(url)
  const all = await opened.store.read()()
  await opened.close()
  if (E.isLeft(all)) throw new Error(all.left.message)
  const log: ReadonlyArray<StoredEvent> = all.right

  // gapless
  expect(log.map((e) => e.position)).toEqual([...Array(log.length).keys()])
  // every accepted event exactly once, where its receipt says
  const accepted = answers.filter((a) => a.ok)
  expect(log.length).toBe(GRANTS.length + ORGANISATIONS.length + 2 * RACED.length + accepted.reduce((n, a) => n + a.events!.length, 0))
  const byKey = new Map<string, StoredEvent[]>()
  for (const e of log) if (e.meta.idempotencyKey !== undefined) byKey.set(e.meta.idempotencyKey, [...(byKey.get(e.meta.idempotencyKey) ?? []), e])
  for (const a of accepted) {
    const stored = byKey.get(a.key) ?? []
    expect(stored.map((e) => ({ position: e.position, type: e.type })), a.key).toEqual(a.events)
  }
  for (const a of answers.filter((x) => !x.ok)) expect(byKey.has(a.key), a.key).toBe(false)
  // only the rules the races are about refuse anything: rule 2, and the second confirmation of each proposal
  expect(new Set(answers.filter((a) => !a.ok).map((a) => a.tag))).toEqual(new Set(['OrganisationExcluded', 'ProposalClosed']))
  expect(answers.filter((a) => a.tag === 'ProposalClosed')).toHaveLength(RACED.length)
  for (const k of RACED.keys()) {
    expect(log.filter((e) => e.type === 'ProposalConfirmed' && e.data.proposalId === proposalOf(k)), `proposal ${k}`).toHaveLength(1)
    expect(log.filter((e) => e.type === 'ExclusionDecided' && e.data.organisationId === RACED[k]), `organisation ${k}`).toHaveLength(1)
  }
  // no contact after an exclusion
  for (const org of RACED) {
    const tagged = log.filter((e) => matches(e, [{ tags: [`organisation:${org}`] }]))
    const excludedAt = tagged.find((e) => e.type === 'ExclusionDecided')!.position
    expect(tagged.filter((e) => e.type === 'ContactRecorded' && e.position > excludedAt)).toEqual([])
  }
}

describe('four writer processes on one SQLite register', () => {
  it('stores every accepted event once, gapless, and no contact after an exclusion', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-mp-'))
    try {
      await race(`sqlite:${join(dir, 'register.db')}`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 300_000)
})

describePg('four writer processes on one PostgreSQL register', () => {
  it('stores every accepted event once, gapless, and no contact after an exclusion', async () => {
    const schema = freshSchema()
    try {
      await race(pgUrlWithSchema(schema))
    } finally {
      await dropSchema(schema)
    }
  }, 300_000)
})
