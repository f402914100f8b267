/**
 * Group commit through the public API, for every store: concurrent `execute` calls from one
 * ledger are decided in turn and appended together, and every answer is the one the calls would
 * have had one after another. Each store's test file calls `groupCommitSuite` with its opener.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { memoryEventStore, memoryKeyStore } from '../../adapters/memory/index.js'
import { canonicalJson } from '../../src/audit/canonical.js'
import { verifyLog } from '../../src/audit/verify.js'
import { storeError } from '../../src/domain/errors.js'
import type { StoredEvent } from '../../src/domain/events.js'
import { createLedger, type Ledger, type Receipt } from '../../src/ledger/ledger.js'
import { fixedClock } from '../../src/ports/clock.js'
import type { EventStore } from '../../src/ports/event-store.js'
import { sequentialIds } from '../../src/ports/ids.js'
import type { KeyStore } from '../../src/ports/key-store.js'
import type { Rejection } from '../../src/domain/errors.js'
import { arbHistory, HISTORY_NOW, type CommandJson } from '../../src/testing/index.js'
import { G, NOW, ORG_A, ORG_B, PERSON_1, actors, cmd, confirm, grantFixtureRoles } from '../fixtures/domain.js'

/** A store and key store to run on, and how to let go of them. */
export interface Opened {
  readonly store: EventStore
  readonly keys: KeyStore
  readonly close: () => Promise<void>
}

type Answer = E.Either<Rejection, Receipt>

const ORG_C = '0c000000-0000-4000-8000-00000000000c'
const ORG_D = '0d000000-0000-4000-8000-00000000000d'
const PERSON_2 = 'f2000000-0000-4000-8000-0000000000f2'
const PROPOSAL = 'd9000000-0000-4000-8000-0000000000d9'
const orgId = (i: number) => `0a000000-0000-4000-8000-${(0x200000 + i).toString(16).padStart(12, '0')}`

/** The store with its appends counted, and the `failAt`-th append (1-based) failing like a crashed disk. */
const counted = (store: EventStore, failAt?: number) => {
  let appends = 0
  const wrapped: EventStore = {
    ...store,
    append: (events, options) => {
      appends++
      return appends === failAt ? TE.left(storeError('io', 'disk I/O error (the test crashed the disk)')) : store.append(events, options)
    },
  }
  return { store: wrapped, appends: () => appends }
}

const ledgerOn = (store: EventStore, keys: KeyStore, now = NOW): Ledger => createLedger({ store, keys, clock: fixedClock(now), ids: sequentialIds() })

const readAll = async (store: EventStore): Promise<ReadonlyArray<StoredEvent>> => {
  const all = await store.read()()
  if (E.isLeft(all)) throw new Error(all.left.message)
  return all.right
}

/** Every position from 0 to the size once, and the whole log verifies. */
const denseAndVerified = async (store: EventStore): Promise<number> => {
  const events = await readAll(store)
  expect(events.map((e) => e.position)).toEqual(events.map((_, i) => i))
  const verified = await verifyLog(store)()
  expect(E.isRight(verified) && verified.right._tag).toBe('Verified')
  return events.length
}

const tagOf = (a: Answer): string => (E.isRight(a) ? (a.right.replayed ? 'replayed' : 'ok') : a.left._tag)

/** A value with its sealed texts as the records they are sealed for (keys and IVs are random). */
const unsealed = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(unsealed)
    : typeof v === 'object' && v !== null
      ? 'sealed' in v
        ? `sealed for ${(v as { record?: string }).record}`
        : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unsealed(x)]))
      : v

/** Uuids renamed in the order they first appear (two runs drew ids in another order), sealed texts by their record. */
const normalised = (events: ReadonlyArray<StoredEvent>): string => {
  const names = new Map<string, string>()
  const text = canonicalJson(events.map((e) => ({ type: e.type, data: unsealed(e.data), actor: e.meta.actor })))
  return text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (u) => {
    if (!names.has(u)) names.set(u, `id${names.size}`)
    return names.get(u)!
  })
}

/** The calls at once, the first started alone so the others arrive while its append is in flight. */
const concurrently = (ledger: Ledger, commands: ReadonlyArray<unknown>): Promise<Answer[]> => Promise.all(commands.map((c) => ledger.execute(c)))

/**
 * A history from the test kit with noise that the rules refuse (repeats of its commands: a second
 * registration of an organisation, a second confirmation, a second endorsement …), without key
 * figures (their sealing is prepared before a call queues, so their queue order is not call order).
 */
const arbNoisyHistory = (maxSteps: number) =>
  arbHistory({ minSteps: 4, maxSteps }).chain((history) => {
    const plain = history.filter((c) => c.command !== 'registerKeyFigure')
    return fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: Math.max(1, Math.floor(plain.length / 3)) }).map((noise) => {
      const out: CommandJson[] = [...plain]
      for (const [from, to] of noise) if (plain.length > 0) out.splice(to % (out.length + 1), 0, plain[from % plain.length]!)
      return out
    })
  })

/**
 * The group-commit suite over one kind of store.
 *
 * @example
 * groupCommitSuite('memory', async () => ({ store: memoryEventStore(), keys: memoryKeyStore(), close: async () => {} }), 30)
 */
export const groupCommitSuite = (name: string, open: () => Promise<Opened>, runs: number): void => {
  /** A fresh store, opened with the fixture grants (positions 0 … G - 1) unless `opened` is false (a history that opens its register itself). */
  const withStores = async <A>(body: (o: Opened) => Promise<A>, opened = true): Promise<A> => {
    const o = await open()
    try {
      if (opened) await grantFixtureRoles(o.store)
      return await body(o)
    } finally {
      await o.close()
    }
  }

  describe(`group commit on ${name}`, () => {
    it('N concurrent calls get N answers, the same as one after another in the same order, from fewer appends', async () => {
      await fc.assert(
        fc.asyncProperty(arbNoisyHistory(24), async (commands) => {
          const sequential = ledgerOn(memoryEventStore(), memoryKeyStore(), HISTORY_NOW)
          const expected: string[] = []
          for (const c of commands) expected.push(tagOf(await sequential.execute(c)))
          await withStores(async ({ store, keys }) => {
            const c = counted(store)
            const answers = await concurrently(ledgerOn(c.store, keys, HISTORY_NOW), commands)
            expect(answers.map(tagOf)).toEqual(expected)
            expect(normalised(await readAll(store))).toEqual(normalised(await readAll(sequential.store)))
            await denseAndVerified(store)
            if (commands.length > 2) expect(c.appends()).toBeLessThan(commands.length)
          }, false)
        }),
        { numRuns: runs },
      )
    }, 300_000)

    it('sixteen calls in flight are two appends: the first alone, the fifteen that arrived meanwhile together', async () => {
      await withStores(async ({ store, keys }) => {
        const c = counted(store)
        const answers = await concurrently(ledgerOn(c.store, keys), Array.from({ length: 16 }, (_, i) => cmd.registerOrganisation(orgId(i), `Stichting ${i}`)))
        expect(answers.map(tagOf)).toEqual(Array(16).fill('ok'))
        expect(c.appends()).toBe(2)
        expect(answers.map((a) => E.isRight(a) && a.right.events[0]!.position)).toEqual(answers.map((_, i) => G + i))
        expect(await denseAndVerified(store)).toBe(G + 16)
      })
    })

    it('a rejection in the middle of a group fails only its own call; the next is decided without it', async () => {
      await withStores(async ({ store, keys }) => {
        const answers = await concurrently(ledgerOn(store, keys), [
          cmd.registerOrganisation(ORG_A, 'Stichting Een'),
          cmd.registerOrganisation(ORG_B, 'Stichting Twee'),
          cmd.endorse(ORG_C), // ORG_C is not registered
          cmd.registerOrganisation(ORG_C, 'Stichting Drie'),
          cmd.endorse(ORG_C), // now it is
        ])
        expect(answers.map(tagOf)).toEqual(['ok', 'ok', 'UnknownOrganisation', 'ok', 'ok'])
        expect((await readAll(store)).slice(G).map((e) => e.type)).toEqual([
          'OrganisationRegistered',
          'OrganisationRegistered',
          'OrganisationRegistered',
          'ValuesEndorsed',
        ])
        await denseAndVerified(store)
      })
    })

    it('two registrations of one organisation in one group (rule 23): the first is accepted, the second is DuplicateOrganisation', async () => {
      await withStores(async ({ store, keys }) => {
        const answers = await concurrently(ledgerOn(store, keys), [
          cmd.registerOrganisation(ORG_A, 'Stichting Een'),
          cmd.registerOrganisation(ORG_B, 'Stichting Samen'),
          cmd.registerOrganisation(ORG_C, 'Stichting  SAMEN'),
        ])
        expect(answers.map(tagOf)).toEqual(['ok', 'ok', 'DuplicateOrganisation'])
        const rejected = answers[2]!
        expect(E.isLeft(rejected) && rejected.left.message).toContain(ORG_B)
        expect(await denseAndVerified(store)).toBe(G + 2)
      })
    })

    it('one idempotency key three times in one group: one effect, the same events for all three; another command under it is refused', async () => {
      await withStores(async ({ store, keys }) => {
        const keyed = { ...cmd.contact([ORG_A]), idempotencyKey: 'agenda#7' }
        const other = { ...cmd.contact([ORG_A], { occurredOn: '2024-03-06' }), idempotencyKey: 'agenda#7' }
        const answers = await concurrently(ledgerOn(store, keys), [cmd.registerOrganisation(ORG_A, 'Stichting Een'), keyed, keyed, other, keyed])
        expect(answers.map(tagOf)).toEqual(['ok', 'ok', 'replayed', 'IdempotencyKeyReused', 'replayed'])
        const positions = answers.slice(1).flatMap((a) => (E.isRight(a) ? a.right.events.map((e) => e.position) : []))
        expect(positions).toEqual([G + 1, G + 1, G + 1])
        const refused = answers[3]!
        expect(E.isLeft(refused) && refused.left.message).toContain(`at position ${G + 1}`)
        expect((await readAll(store)).filter((e) => e.type === 'ContactRecorded')).toHaveLength(1)
        // and a later call with the key is a replay of the same events
        const later = await ledgerOn(store, keys).execute(keyed)
        expect(E.isRight(later) && later.right.replayed && later.right.events[0]!.position).toBe(G + 1)
        await denseAndVerified(store)
      })
    })

    it('four eyes (rule 19): a proposal and its confirmation in one group; a second confirmation after them is refused', async () => {
      await withStores(async ({ store, keys }) => {
        const ledger = ledgerOn(store, keys)
        await concurrently(ledger, [cmd.registerOrganisation(ORG_A, 'Stichting Een'), cmd.statement(ORG_A)])
        const answers = await concurrently(ledger, [
          cmd.registerOrganisation(ORG_D, 'Stichting Vier'),
          { ...cmd.exclude(), proposalId: PROPOSAL },
          confirm(PROPOSAL, 'vetting-officer'),
          confirm(PROPOSAL, 'vetting-officer'),
        ])
        expect(answers.slice(0, 3).map(tagOf)).toEqual(['ok', 'ok', 'ok'])
        expect(E.isLeft(answers[3]!)).toBe(true)
        const types = (await readAll(store)).map((e) => e.type)
        expect(types.filter((t) => t === 'ProposalConfirmed')).toHaveLength(1)
        expect(types).toContain('ExclusionDecided')
        await denseAndVerified(store)
      })
    })

    it('a batch is one atomic member: when it is rejected, nothing of it is seen by the calls after it', async () => {
      await withStores(async ({ store, keys }) => {
        const ledger = ledgerOn(store, keys)
        const [first, batch, endorse, after] = await Promise.all([
          ledger.execute(cmd.registerOrganisation(ORG_A, 'Stichting Een')),
          ledger.executeBatch([cmd.registerOrganisation(ORG_B, 'Stichting Twee'), cmd.endorse(ORG_C)]),
          ledger.execute(cmd.endorse(ORG_B)),
          ledger.execute(cmd.registerOrganisation(ORG_D, 'Stichting Twee')),
        ])
        expect(tagOf(first!)).toBe('ok')
        expect(E.isLeft(batch!) && batch.left).toMatchObject({ index: 1, rejection: { _tag: 'UnknownOrganisation' } })
        // the batch's registration of ORG_B never happened: it cannot be endorsed, and its name is free
        expect(tagOf(endorse!)).toBe('UnknownOrganisation')
        expect(tagOf(after!)).toBe('ok')
        expect(await denseAndVerified(store)).toBe(G + 2)
      })
    })

    it('two ledgers on one store (two processes): their groups conflict and retry; each key has one effect, each name one registration', async () => {
      await withStores(async ({ store, keys }) => {
        const a = ledgerOn(store, keys)
        const b = createLedger({ store, keys, clock: fixedClock(NOW), ids: sequentialIds('7b000000') })
        const calls = (ledger: Ledger, from: number) =>
          Array.from({ length: 8 }, (_, i) =>
            i % 2 === 0
              ? ledger.execute(cmd.registerOrganisation(orgId(from + i), `Stichting Gedeeld ${i}`))
              : ledger.execute({ ...cmd.registerOrganisation(orgId(100 + i), `Stichting Sleutel ${i}`), idempotencyKey: `import#${i}` }),
          )
        const answers = await Promise.all([...calls(a, 0), ...calls(b, 50)])
        const events = await readAll(store)
        // each shared name registered once: one ledger's call accepted, the other's DuplicateOrganisation
        for (let i = 0; i < 8; i += 2) {
          expect(events.filter((e) => e.type === 'OrganisationRegistered' && (e.data as { name: string }).name === `Stichting Gedeeld ${i}`)).toHaveLength(1)
          expect([tagOf(answers[i]!), tagOf(answers[8 + i]!)].sort()).toEqual(['DuplicateOrganisation', 'ok'])
        }
        // each key once: the other ledger's call is answered with the same events
        for (let i = 1; i < 8; i += 2) {
          expect(events.filter((e) => e.meta.idempotencyKey === `import#${i}`)).toHaveLength(1)
          const [x, y] = [answers[i]!, answers[8 + i]!]
          expect(E.isRight(x) && E.isRight(y) && x.right.events[0]!.position === y.right.events[0]!.position).toBe(true)
          expect([tagOf(x), tagOf(y)].sort()).toEqual(['ok', 'replayed'])
        }
        expect(await denseAndVerified(store)).toBe(G + 8)
      })
    })

    it('a crash (store error) on a group append fails every member with the error and appends nothing; the next call appends', async () => {
      await withStores(async ({ store, keys }) => {
        const c = counted(store, 2)
        const ledger = ledgerOn(c.store, keys)
        const answers = await concurrently(ledger, [
          cmd.registerOrganisation(ORG_A, 'Stichting Een'),
          cmd.registerOrganisation(ORG_B, 'Stichting Twee'),
          cmd.endorse(ORG_A),
          cmd.registerOrganisation(ORG_C, 'Stichting Drie'),
        ])
        expect(answers.map(tagOf)).toEqual(['ok', 'StoreError', 'StoreError', 'StoreError'])
        for (const a of answers.slice(1)) expect(E.isLeft(a) && a.left.message).toContain('disk I/O error')
        expect(await denseAndVerified(store)).toBe(G + 1)
        expect(tagOf(await ledger.execute(cmd.registerOrganisation(ORG_B, 'Stichting Twee')))).toBe('ok')
        expect(await denseAndVerified(store)).toBe(G + 2)
      })
    })

    it('hooks run per member: keys sealed per call, an accepted erasure destroys its key after the commit, a rejected one nothing', async () => {
      await withStores(async ({ store, keys }) => {
        const ledger = ledgerOn(store, keys)
        const keyFigure = (personId: string) => ({
          command: 'registerKeyFigure',
          actor: actors.official,
          payload: { personId, name: `Persoon ${personId.slice(0, 2)}`, organisationId: ORG_A },
        })
        const erase = (personId: string) => ({ command: 'eraseKeyFigure', actor: actors.privacy, payload: { personId, reason: 'verzoek betrokkene' } })
        const registered = await concurrently(ledger, [cmd.registerOrganisation(ORG_A, 'Stichting Een'), keyFigure(PERSON_1), keyFigure(PERSON_2)])
        expect(registered.map(tagOf)).toEqual(['ok', 'ok', 'ok'])
        const erased = await concurrently(ledger, [cmd.statement(ORG_A), erase(PERSON_1), erase(PERSON_1), erase(PERSON_2.replace('f2', 'f3'))])
        expect(erased.map(tagOf).slice(0, 2)).toEqual(['ok', 'ok'])
        expect(E.isLeft(erased[2]!) && E.isLeft(erased[3]!)).toBe(true)
        const k1 = await keys.get(PERSON_1)()
        const k2 = await keys.get(PERSON_2)()
        expect(E.isRight(k1) && k1.right).toBeNull()
        expect(E.isRight(k2) && k2.right).not.toBeNull()
        await denseAndVerified(store)
      })
    })
  })
}
