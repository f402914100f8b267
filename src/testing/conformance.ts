/**
 * The EventStore conformance suite: written once, run against every adapter (memory, SQLite,
 * PostgreSQL, and yours). Each adapter's test file is a few lines that call it.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { entryBytes } from '../audit/canonical.js'
import { hashChildren, hashLeaf, EMPTY_ROOT } from '../audit/hash.js'
import { frontierIds, rootFromFrontier } from '../audit/tree.js'
import type { Conflict, StoreError } from '../domain/errors.js'
import { encodeStored, type NewEvent, type StoredEvent } from '../domain/events.js'
import type { EventStore } from '../ports/event-store.js'
import { matches, type Query } from '../ports/query.js'
import { orgTagOf, sampleContact, sampleEndorsement, sampleOrganisation } from './sample-events.js'

// ---------------------------------------------------------------------------------------------
// model

/** A fresh, empty store and how to dispose of it. */
export interface StoreUnderTest {
  readonly store: EventStore
  readonly cleanup: () => Promise<void>
}

/** Makes a fresh, empty store for one test. */
export type StoreFactory = () => Promise<StoreUnderTest>

// ---------------------------------------------------------------------------------------------
// utils

const run = async <A>(task: () => Promise<E.Either<StoreError | Conflict, A>>): Promise<A> => {
  const r = await task()
  if (E.isLeft(r)) throw new Error(`expected success, got ${r.left._tag}: ${r.left.message}`)
  return r.right
}

const leftTag = async (task: () => Promise<E.Either<StoreError | Conflict, unknown>>): Promise<string> => {
  const r = await task()
  return E.isLeft(r) ? r.left._tag : 'Right'
}

const json = (events: ReadonlyArray<StoredEvent>) => events.map(encodeStored)
const placed = (events: ReadonlyArray<NewEvent>, from: number) =>
  events.map((e, i) => encodeStored({ ...e, position: from + i } as StoredEvent))

/** An independent RFC 6962 Merkle tree hash (MTH) of leaf hashes, by the RFC's recursion. */
const referenceRoot = (leaves: ReadonlyArray<Uint8Array>): Uint8Array => {
  if (leaves.length === 0) return EMPTY_ROOT
  if (leaves.length === 1) return leaves[0]!
  let k = 1
  while (k * 2 < leaves.length) k *= 2
  return hashChildren(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)))
}

/** Runs `body` on a fresh store and always cleans up. */
const withStore = (factory: StoreFactory, body: (store: EventStore) => Promise<void>) => async () => {
  const { store, cleanup } = await factory()
  try {
    await body(store)
  } finally {
    await cleanup()
  }
}

/** A log of 12 events: organisations 1-4, contacts naming one or two of them, endorsements. */
const mixedLog = (): ReadonlyArray<ReadonlyArray<NewEvent>> => [
  [sampleOrganisation(1), sampleOrganisation(2)],
  [sampleContact(1, [1]), sampleOrganisation(3)],
  [sampleContact(2, [1, 2])],
  [sampleEndorsement(1), sampleContact(3, [2, 3]), sampleOrganisation(4)],
  [sampleContact(4, [1, 2, 3])],
  [sampleEndorsement(3), sampleContact(5, [4]), sampleContact(6, [3, 1])],
]

const QUERIES: ReadonlyArray<Query> = [
  [],
  [{}],
  [{ tags: [orgTagOf(1)] }],
  [{ tags: [orgTagOf(1), orgTagOf(2)] }],
  [{ types: ['ContactRecorded'] }],
  [{ types: ['ContactRecorded', 'ValuesEndorsed'], tags: [orgTagOf(3)] }],
  [{ types: ['OrganisationRegistered'], tags: [orgTagOf(4)] }, { types: ['ValuesEndorsed'] }],
  [{ tags: [orgTagOf(2), orgTagOf(3)] }, { tags: [orgTagOf(4)] }, { types: ['ValuesEndorsed'], tags: [orgTagOf(1)] }],
  [{ tags: ['organisation:nobody'] }],
  [{ types: ['ExclusionDecided'] }],
]

// ---------------------------------------------------------------------------------------------
// the suite

/**
 * Declares the conformance tests (vitest `describe`/`it`) for an EventStore adapter.
 *
 * @example
 * describeEventStoreConformance('memory', async () => ({ store: memoryEventStore(), cleanup: async () => {} }))
 */
export const describeEventStoreConformance = (name: string, factory: StoreFactory): void => {
  describe(`EventStore conformance: ${name}`, () => {
    it('starts empty', withStore(factory, async (store) => {
      expect(await run(store.size())).toBe(0)
      expect(await run(store.read())).toEqual([])
      expect(await run(store.checkpoints())).toEqual([])
    }))

    it('appends and reads back exactly what was appended, at gapless positions from 0', withStore(factory, async (store) => {
      const batches = mixedLog()
      let from = 0
      for (const batch of batches) {
        const appended = await run(store.append(batch))
        expect(json(appended)).toEqual(placed(batch, from))
        from += batch.length
      }
      const all = await run(store.read())
      expect(all.map((e) => e.position)).toEqual([...Array(from).keys()])
      expect(json(all)).toEqual(placed(batches.flat(), 0))
      const want = batches.flat().map((e, i) => entryBytes({ ...e, position: i } as StoredEvent).toString('hex'))
      expect(all.map((e) => entryBytes(e).toString('hex'))).toEqual(want)
      expect(await run(store.size())).toBe(from)
    }))

    it('refuses a conditional append with Conflict when a matching event lies after `after`, and appends otherwise', withStore(factory, async (store) => {
      await run(store.append([sampleOrganisation(1)]))
      await run(store.append([sampleOrganisation(2)]))
      const onOrg1 = [{ tags: [orgTagOf(1)] }]
      expect(await leftTag(store.append([sampleContact(1, [1])], { condition: { query: onOrg1, after: -1 } }))).toBe('Conflict')
      expect(await run(store.size())).toBe(2)
      // the event at 1 does not match: the decision that saw up to 0 still holds
      const landed = await run(store.append([sampleContact(1, [1])], { condition: { query: onOrg1, after: 0 } }))
      expect(landed.map((e) => e.position)).toEqual([2])
      expect(await leftTag(store.append([sampleEndorsement(1)], { condition: { query: onOrg1, after: 0 } }))).toBe('Conflict')
      expect(await leftTag(store.append([sampleEndorsement(1)], { condition: { query: [{ types: ['ContactRecorded'], tags: [orgTagOf(1)] }], after: 2 } }))).toBe('Right')
      expect(await leftTag(store.append([sampleEndorsement(5)], { condition: { query: [], after: -1 } }))).toBe('Right')
      expect(await leftTag(store.append([sampleEndorsement(6)], { condition: { query: [{ tags: [orgTagOf(9)] }], after: -1 } }))).toBe('Right')
      expect(await run(store.size())).toBe(6)
    }))

    it('refuses a batch whose idempotency key is already stored, and finds events by key', withStore(factory, async (store) => {
      const first = await run(store.append([sampleOrganisation(1, 'Eerste', { idempotencyKey: 'k-1' }), sampleEndorsement(1, { idempotencyKey: 'k-1' })]))
      await run(store.append([sampleOrganisation(2, 'Tweede', { idempotencyKey: 'k-2' })]))
      expect(await leftTag(store.append([sampleOrganisation(3, 'Derde', { idempotencyKey: 'k-1' })]))).toBe('Conflict')
      expect(await run(store.size())).toBe(3)
      expect(json(await run(store.readByIdempotencyKey('k-1')))).toEqual(json(first))
      expect(await run(store.readByIdempotencyKey('k-unknown'))).toEqual([])
    }))

    it('appends a batch atomically: a refused batch leaves nothing behind', withStore(factory, async (store) => {
      await run(store.append([sampleOrganisation(1, 'Eerste', { idempotencyKey: 'k-1' })]))
      const batch = [sampleOrganisation(2), sampleContact(1, [2]), sampleOrganisation(3, 'Derde', { idempotencyKey: 'k-1' })]
      expect(await leftTag(store.append(batch))).toBe('Conflict')
      expect(await leftTag(store.append(batch.slice(0, 2), { condition: { query: [{ tags: [orgTagOf(1)] }], after: -1 } }))).toBe('Conflict')
      expect(await run(store.size())).toBe(1)
      expect(await run(store.read({ query: [{ tags: [orgTagOf(2)] }] }))).toEqual([])
      expect((await run(store.append(batch.slice(0, 2)))).map((e) => e.position)).toEqual([1, 2])
    }))

    it('reads by position range and limit, and by types × tags queries, like `matches`', withStore(factory, async (store) => {
      for (const batch of mixedLog()) await run(store.append(batch))
      const all = await run(store.read())
      const ranges = [{}, { from: 3 }, { to: 5 }, { from: 2, to: 9 }, { limit: 4 }, { from: 4, limit: 3 }, { from: 11, to: 40 }, { from: 20 }, { from: 5, to: 5 }]
      for (const query of [undefined, ...QUERIES])
        for (const range of ranges) {
          const options = { ...range, ...(query !== undefined ? { query } : {}) }
          const got = await run(store.read(options))
          const from = options.from ?? 0
          const to = options.to ?? Infinity
          let want = all.filter((e) => e.position >= from && e.position < to && (query === undefined || matches(e, query)))
          if (options.limit !== undefined) want = want.slice(0, options.limit)
          expect(json(got), JSON.stringify(options)).toEqual(json(want))
        }
      const both = await run(store.read({ query: [{ tags: [orgTagOf(1), orgTagOf(2)] }] }))
      expect(both.map((e) => e.position)).toEqual([4, 8])
    }))

    it('keeps the tree: the root from stored frontier nodes equals an RFC 6962 root of every entry, at every size', withStore(factory, async (store) => {
      const sizes = [1, 2, 3, 1, 5, 8, 1, 1, 13, 2]
      let n = 0
      for (const size of sizes) {
        await run(store.append(Array.from({ length: size }, (_, i) => sampleContact(n + i, [1 + ((n + i) % 3)]))))
        n += size
      }
      const leaves = (await run(store.read())).map((e) => hashLeaf(entryBytes(e)))
      expect(leaves).toHaveLength(n)
      for (let size = 0; size <= n; size++) {
        const frontier = await run(store.nodes(frontierIds(size)))
        expect(frontier.every((h) => h !== undefined), `frontier of ${size}`).toBe(true)
        const root = rootFromFrontier(frontier as Uint8Array[])
        expect(Buffer.from(root).toString('hex'), `root of ${size}`).toBe(Buffer.from(referenceRoot(leaves.slice(0, size))).toString('hex'))
      }
      expect(await run(store.nodes([{ level: 0, index: n }, { level: 6, index: 0 }]))).toEqual([undefined, undefined])
    }))

    it('hands out each entry as stored (where it offers `entries`): the canonical text its leaf hashes, by position', withStore(factory, async (store) => {
      if (store.entries === undefined) return
      for (const batch of mixedLog()) await run(store.append(batch))
      const all = await run(store.read())
      const want = all.map((e) => ({ position: e.position, type: e.type, entry: entryBytes(e).toString('utf8') }))
      const got = await run(store.entries({ from: 0, limit: 1_000 }))
      // the idempotency-key column, where a store reads it with the entry, is the event's key
      for (const [i, x] of got.entries()) if (x.idempotencyKey !== undefined) expect(x.idempotencyKey).toBe(all[i]!.meta.idempotencyKey ?? null)
      const plain = (xs: ReadonlyArray<{ position: number; type: string; entry: string }>) => xs.map(({ position, type, entry }) => ({ position, type, entry }))
      expect(plain(got)).toEqual(want)
      expect(plain(await run(store.entries({ from: 3, limit: 2 })))).toEqual(want.slice(3, 5))
      expect(await run(store.entries({ from: all.length, limit: 10 }))).toEqual([])
    }))

    it('stores checkpoints and lists them by tree size', withStore(factory, async (store) => {
      await run(store.append([sampleOrganisation(1), sampleOrganisation(2), sampleOrganisation(3)]))
      await run(store.putCheckpoint({ treeSize: 3, note: 'contact-ledger.local/register\n3\nAAAA\n\n— sig\n' }))
      await run(store.putCheckpoint({ treeSize: 1, note: 'contact-ledger.local/register\n1\nBBBB\n\n— sig\n' }))
      expect(await run(store.checkpoints())).toEqual([
        { treeSize: 1, note: 'contact-ledger.local/register\n1\nBBBB\n\n— sig\n' },
        { treeSize: 3, note: 'contact-ledger.local/register\n3\nAAAA\n\n— sig\n' },
      ])
    }))

    it('stores cosignatures of a stored checkpoint as records of their own: appended to its note in the order stored, each once, never replacing it', withStore(factory, async (store) => {
      const note = 'contact-ledger.local/register\n3\nAAAA\n\n— contact-ledger.local/register c2ln\n'
      await run(store.append([sampleOrganisation(1), sampleOrganisation(2), sampleOrganisation(3)]))
      await run(store.putCheckpoint({ treeSize: 3, note }))
      const w1 = '— audit.example/w1 AAAAAQ=='
      const w2 = '— audit.example/w2 AAAAAg=='
      expect(await run(store.addCosignatures(3, [w1]))).toEqual([w1])
      // again, and with a second witness: only the new line is stored, after the first
      expect(await run(store.addCosignatures(3, [w2, w1, w2]))).toEqual([w2])
      expect(await run(store.addCosignatures(3, [w1, w2]))).toEqual([])
      // a checkpoint stored again at the same size does not replace the stored one, nor drop its cosignatures
      await run(store.putCheckpoint({ treeSize: 3, note: 'contact-ledger.local/register\n3\nBBBB\n\n— other c2ln\n' }))
      // none for a size the store holds no checkpoint at
      expect(await run(store.addCosignatures(2, [w1]))).toEqual([])
      expect(await run(store.checkpoints())).toEqual([{ treeSize: 3, note: `${note}${w1}\n${w2}\n` }])
      // a line that is not one signature line is refused, and nothing of the call stored
      const w3 = '— audit.example/w3 AAAAAw=='
      expect(await leftTag(store.addCosignatures(3, [w3, `${w3}\n— audit.example/w4 AAAABA==`]))).toBe('StoreError')
      expect(await leftTag(store.addCosignatures(3, [w3, 'not a signature']))).toBe('StoreError')
      expect(await run(store.checkpoints())).toEqual([{ treeSize: 3, note: `${note}${w1}\n${w2}\n` }])
    }))

    it('round-trips large payloads (100 KB) and non-ASCII text byte for byte', withStore(factory, async (store) => {
      const block = 'Overleg over inburgering — één café, naïeve coöperatie; '.repeat(35).slice(0, 2000)
      const large = sampleContact(1, [1], { subject: block, officials: Array.from({ length: 50 }, (_, i) => `${i}:${block}`.slice(0, 2000)) })
      const texts = [
        sampleOrganisation(1, 'Vereniging Ĳsselmonde – café Zoë, “aanhalingstekens” & ‘apostrof’'),
        sampleOrganisation(2, 'جمعية الجالية المغربية في أمستردام'),
        sampleOrganisation(3, 'Stichting 🤝🏽 Samen 👩‍👩‍👧 Sterk 🇳🇱'),
        sampleOrganisation(4, 'Stichting \u202Eetsiwrev\u202C \u200D\u00A0 Omkering \\ "quote" </script>'),
        large,
      ]
      const appended = await run(store.append(texts))
      const read = await run(store.read())
      expect(read.map((e) => entryBytes(e).toString('hex'))).toEqual(appended.map((e) => entryBytes(e).toString('hex')))
      expect(json(read)).toEqual(placed(texts, 0))
      expect(entryBytes(read[4]!).length).toBeGreaterThan(100_000)
    }))

    it('lets concurrent appends in one process land or conflict, never both, at gapless positions', withStore(factory, async (store) => {
      await run(store.append([sampleOrganisation(0)]))
      // two writers per organisation, each deciding on an empty history of that organisation
      const attempts = Array.from({ length: 40 }, (_, i) => {
        const org = 1 + (i % 20)
        return store.append([sampleOrganisation(org), sampleEndorsement(org)], { condition: { query: [{ tags: [orgTagOf(org)] }], after: 0 } })()
      })
      const results = await Promise.all(attempts)
      for (const r of results) if (E.isLeft(r)) expect(r.left._tag).toBe('Conflict')
      const landed = results.filter(E.isRight)
      expect(landed).toHaveLength(20)
      const all = await run(store.read())
      expect(all.map((e) => e.position)).toEqual([...Array(41).keys()])
      const positions = landed.flatMap((r) => r.right.map((e) => e.position)).sort((a, b) => a - b)
      expect(positions).toEqual([...Array(40).keys()].map((p) => p + 1))
      for (let org = 1; org <= 20; org++) expect(all.filter((e) => matches(e, [{ tags: [orgTagOf(org)] }]))).toHaveLength(2)
    }))
  })
}
