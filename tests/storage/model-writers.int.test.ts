/**
 * The model test with four writers (issue 14): random plans of registrations, contacts,
 * exclusions and replays, run by four concurrent writers (four processes on one SQLite file, four
 * pools on PostgreSQL, four ledgers on one memory store), checked against a pure model of the
 * rules over the log as it came out: nothing lost or duplicated, idempotency keys exact (one
 * command's events per key, every replay answered with them), no rule broken in the log's order,
 * every rejection with a tag the log justifies, and `verify` (entries, tree, checkpoint, derived
 * data) passes at the end.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { openMemory } from '../../adapters/memory/index.js'
import { openPostgres } from '../../adapters/postgres/index.js'
import { openSqlite } from '../../adapters/sqlite/index.js'
import { generateSigner, parseVerifierKey, signedCheckpoint, verifyLog } from '../../src/audit/index.js'
import { createLedger, fixedClock, sequentialIds, type EventStore, type StoredEvent } from '../../src/index.js'
import type { OpenedStores } from '../../src/store/index.js'
import { ADMIN, G, NOW, grantFixtureRoles } from '../fixtures/domain.js'
import { answerOf, arbPlans, commandsOf, type Answer, type Step } from './children/model-plan.js'
import { describePg, dropSchema, freshSchema, PG_URL } from './pg-server.js'

const must = <A>(e: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

/** What the four writers sent and were answered, per writer. */
interface Run {
  readonly commands: ReadonlyArray<ReadonlyArray<{ idempotencyKey: string; command: string; payload: Record<string, unknown> }>>
  readonly answers: ReadonlyArray<ReadonlyArray<Answer>>
}

const orgOf = (e: StoredEvent): string => (e.data as { organisationId: string }).organisationId

/** Checks a run against the model; throws (through expect) on the first thing that does not hold. */
const check = async (store: EventStore, run: Run): Promise<void> => {
  const all = must(await store.read()())
  expect(all.map((e) => e.position)).toEqual(all.map((_, i) => i))
  // the register opened with the fixture grants (positions 0 … G - 1) before the writers started; the writers' entries follow
  expect(all.slice(0, G).map((e) => [e.type, e.meta.actor.id])).toEqual(Array(G).fill(['RoleGranted', ADMIN.id]))
  const log = all.slice(G)

  // idempotency keys exact: a key's events are one command's, and every answer under it names them
  const byKey = new Map<string, number[]>()
  for (const e of log) {
    const k = e.meta.idempotencyKey
    expect(k, `event ${e.position} carries a writer's key`).toBeDefined()
    byKey.set(k!, [...(byKey.get(k!) ?? []), e.position])
  }
  const accepted = new Set<string>()
  run.commands.forEach((cs, w) =>
    cs.forEach((c, i) => {
      const a = run.answers[w]![i]!
      if (!a.ok) return
      accepted.add(c.idempotencyKey)
      expect(a.positions, `${c.idempotencyKey} answered with the events stored under its key`).toEqual(byKey.get(c.idempotencyKey))
    }),
  )
  expect([...byKey.keys()].filter((k) => !accepted.has(k)), 'events nobody was told were appended').toEqual([])

  // the pure model, over the log in its order: no rule broken
  const registered = new Map<string, string>() // organisation → key of the command that registered it
  const excluded = new Set<string>()
  const proposals = new Set<string>()
  const confirmations = new Set<string>()
  for (const e of log) {
    if (e.type === 'OrganisationRegistered') {
      expect(registered.has(orgOf(e)), `organisation registered twice at ${e.position}`).toBe(false)
      registered.set(orgOf(e), e.meta.idempotencyKey!)
    } else if (e.type === 'ExclusionDecided') {
      expect(registered.has(orgOf(e)) && !excluded.has(orgOf(e)), `exclusion at ${e.position}`).toBe(true)
      excluded.add(orgOf(e))
    } else if (e.type === 'ContactRecorded') {
      for (const o of (e.data as unknown as { organisationIds: ReadonlyArray<string> }).organisationIds) {
        expect(registered.has(o), `contact at ${e.position} with an unregistered organisation`).toBe(true)
        expect(excluded.has(o), `contact at ${e.position} with an excluded organisation`).toBe(false)
      }
    } else if (e.type === 'FactRecorded') {
      expect(registered.has(orgOf(e)), `fact at ${e.position} about an unregistered organisation`).toBe(true)
    } else if (e.type === 'ProposalMade') {
      proposals.add((e.data as { proposalId: string }).proposalId)
    } else if (e.type === 'ProposalConfirmed') {
      // rule 19: a proposal made before, confirmed once
      const id = (e.data as { proposalId: string }).proposalId
      expect(proposals.has(id) && !confirmations.has(id), `confirmation at ${e.position}`).toBe(true)
      confirmations.add(id)
    } else expect.fail(`unexpected ${e.type} at ${e.position}`)
  }

  // every rejection has a tag the final log justifies
  const keyOrder = (k: string) => k.split('-s').map((x) => Number(x.replace('w', ''))) as [number, number]
  run.commands.forEach((cs, w) =>
    cs.forEach((c, i) => {
      const a = run.answers[w]![i]!
      if (a.ok) return
      // a confirmation (rule 19) is judged on the exclusion it confirms: the command before it, under its key
      const proposing = c.command === 'confirmProposal' ? cs.find((x) => `${x.idempotencyKey}.7` === c.idempotencyKey) : undefined
      const p = proposing?.payload ?? c.payload
      const where = `${c.idempotencyKey} (${c.command}) refused with ${a.tag}`
      // a second registration of one organisation: rule 23 names the one registered (DuplicateOrganisation)
      if (c.command === 'registerOrganisation') expect([a.tag === 'DuplicateOrganisation' || a.tag === 'AlreadyExists', registered.has(p['organisationId'] as string)], where).toEqual([true, true])
      else {
        const orgs = c.command === 'recordContact' ? (p['organisationIds'] as string[]) : [p['organisationId'] as string]
        const unknown = orgs.some((o) => {
          const by = registered.get(o)
          if (by === undefined) return true
          const [bw, bi] = keyOrder(by)
          return bw !== w || bi > keyOrder(c.idempotencyKey)[1]
        })
        // an exclusion whose own statement (the command just before it) was refused has no evidence (rule 4)
        const own = cs.findIndex((x) => x.idempotencyKey === `${c.idempotencyKey}.5`)
        const statementRefused = own >= 0 && run.answers[w]![own]!.ok === false
        const proposalRefused = proposing !== undefined && run.answers[w]![cs.indexOf(proposing)]!.ok === false
        const justified =
          a.tag === 'UnknownProposal'
            ? proposalRefused
            : a.tag === 'EvidenceMissing'
            ? c.command === 'decideExclusion' && statementRefused
            : a.tag === 'UnknownOrganisation'
            ? unknown
            : a.tag === 'OrganisationExcluded'
              ? c.command === 'recordContact' && orgs.some((o) => excluded.has(o))
              : a.tag === 'AlreadyExcluded' && (c.command === 'decideExclusion' || c.command === 'confirmProposal') && excluded.has(orgs[0]!)
        expect(justified, where).toBe(true)
      }
    }),
  )

  // verify: entries, tree, a checkpoint signed now, and the derived data
  const signer = must(generateSigner('model.test/register'))
  must(await signedCheckpoint(store, signer)())
  const r = must(await verifyLog(store, { verifiers: [must(parseVerifierKey(signer.verifierKey))] })())
  expect(r._tag === 'VerificationFailure' ? r.message : r.treeSize).toBe(all.length)
}

const plansToCommands = (plans: ReadonlyArray<ReadonlyArray<Step>>) => plans.map((p, w) => commandsOf(w, p).commands as Run['commands'][number])

/** Four ledgers, one per opened connection or pool, running their plans at once. */
const inProcess = async (opens: ReadonlyArray<OpenedStores>, commands: Run['commands']): Promise<ReadonlyArray<ReadonlyArray<Answer>>> =>
  Promise.all(
    commands.map(async (cs, w) => {
      const o = opens[w]!
      const ledger = createLedger({ store: o.store, keys: o.keys, clock: fixedClock(NOW), ids: sequentialIds(`${w + 1}0000000`), maxRetries: 100 })
      const out: Answer[] = []
      for (const c of cs) out.push(answerOf(await ledger.execute(c)))
      return out
    }),
  )

describe('four writers against the model', () => {
  it('memory: four ledgers on one store', async () => {
    await fc.assert(
      fc.asyncProperty(arbPlans, async (plans) => {
        const opened = must(await openMemory())
        await grantFixtureRoles(opened.store)
        const commands = plansToCommands(plans)
        const answers = await inProcess([opened, opened, opened, opened], commands)
        await check(opened.store, { commands, answers })
      }),
      { numRuns: 40, seed: 14 },
    )
  })

  it('the model catches a store that ignores append conditions (the check can fail)', async () => {
    await expect(
      fc.assert(
        fc.asyncProperty(arbPlans, async (plans) => {
          const opened = must(await openMemory())
          await grantFixtureRoles(opened.store)
          const careless: OpenedStores = { ...opened, store: { ...opened.store, append: (events) => opened.store.append(events) } }
          const commands = plansToCommands(plans)
          const answers = await inProcess([careless, careless, careless, careless], commands)
          await check(opened.store, { commands, answers })
        }),
        { numRuns: 200, seed: 14 },
      ),
    ).rejects.toThrow(/Property failed/)
  })

  it('SQLite: four writer processes on one file', async () => {
    const WRITER = join(import.meta.dirname, 'children', 'model-writer.ts')
    const runChild = (args: ReadonlyArray<string>): Promise<string> =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', WRITER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
        let out = ''
        let err = ''
        child.stdout.on('data', (d) => (out += d))
        child.stderr.on('data', (d) => (err += d))
        child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`writer exited ${code}: ${err}`))))
      })
    await fc.assert(
      fc.asyncProperty(arbPlans, async (plans) => {
        const dir = mkdtempSync(join(tmpdir(), 'cl-model-'))
        const path = join(dir, 'register.db')
        const made = must(await openSqlite({ path })) // made and opened before the writers start
        await grantFixtureRoles(made.store)
        await made.close()
        const commands = plansToCommands(plans)
        const answers = await Promise.all(
          commands.map(async (cs, w) => {
            const file = join(dir, `writer-${w}.json`)
            writeFileSync(file, JSON.stringify(cs))
            return JSON.parse(await runChild([`sqlite:${path}`, file, String(w)])) as Answer[]
          }),
        )
        const opened = must(await openSqlite({ path }))
        try {
          await check(opened.store, { commands, answers })
        } finally {
          await opened.close()
        }
      }),
      { numRuns: 2, seed: 14 },
    )
  }, 180_000)
})

const schemas: string[] = []
afterAll(async () => {
  for (const s of schemas) await dropSchema(s)
})

describePg('four writers against the model on PostgreSQL', () => {
  it('four pools on one register', async () => {
    await fc.assert(
      fc.asyncProperty(arbPlans, async (plans) => {
        const schema = freshSchema()
        schemas.push(schema)
        const opens = await Promise.all([0, 1, 2, 3].map(async () => must(await openPostgres({ url: PG_URL, schema, max: 2 }))))
        try {
          await grantFixtureRoles(opens[0]!.store)
          const commands = plansToCommands(plans)
          const answers = await inProcess(opens, commands)
          await check(opens[0]!.store, { commands, answers })
        } finally {
          for (const o of opens) await o.close()
        }
      }),
      { numRuns: 6, seed: 14 },
    )
  }, 180_000)
})

