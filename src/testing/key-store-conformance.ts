/**
 * The KeyStore conformance suite: what a user of the register relies on from a key store, written
 * once and run against every adapter (memory, SQLite, PostgreSQL, and yours).
 */
import * as E from 'fp-ts/lib/Either.js'
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { StoreError } from '../domain/errors.js'
import type { KeyStore } from '../ports/key-store.js'

// ---------------------------------------------------------------------------------------------
// model

/**
 * A fresh, empty key store for one test. `reopen`, where the store outlives its process (a file,
 * a server), closes it and opens the same store again; `cleanup` removes what it made.
 */
export interface KeyStoreUnderTest {
  readonly keys: KeyStore
  readonly reopen?: () => Promise<KeyStore>
  readonly cleanup: () => Promise<void>
}

/** Makes a fresh, empty key store for one test. */
export type KeyStoreFactory = () => Promise<KeyStoreUnderTest>

// ---------------------------------------------------------------------------------------------
// utils

const run = async <A>(task: () => Promise<E.Either<StoreError, A>>): Promise<A> => {
  const r = await task()
  if (E.isLeft(r)) throw new Error(`expected success, got ${r.left._tag}: ${r.left.message}`)
  return r.right
}

const aKey = (): Uint8Array => new Uint8Array(randomBytes(32))
const hex = (k: Uint8Array | null) => (k === null ? null : Buffer.from(k).toString('hex'))

/** Runs `body` on a fresh key store and always cleans up (closing the last store opened). */
const withKeys = (factory: KeyStoreFactory, body: (keys: KeyStore, under: KeyStoreUnderTest, open: (k: KeyStore) => void) => Promise<void>) => async () => {
  const under = await factory()
  let current = under.keys
  try {
    await body(under.keys, under, (k) => void (current = k))
  } finally {
    await current.close()
    await under.cleanup()
  }
}

// ---------------------------------------------------------------------------------------------
// the suite

/**
 * Declares the conformance tests (vitest `describe`/`it`) for a KeyStore adapter.
 *
 * @example
 * describeKeyStoreConformance('memory', async () => ({ keys: memoryKeyStore(), cleanup: async () => {} }))
 */
export const describeKeyStoreConformance = (name: string, factory: KeyStoreFactory): void => {
  describe(`KeyStore conformance: ${name}`, () => {
    it('gives back the key that was put, byte for byte, and null for a person without one', withKeys(factory, async (keys) => {
      const k = aKey()
      await run(keys.put('person-1', k))
      expect(hex(await run(keys.get('person-1')))).toBe(hex(k))
      expect(await run(keys.get('person-unknown'))).toBeNull()
    }))

    it('keeps its own copy: changing the array after put changes nothing stored', withKeys(factory, async (keys) => {
      const k = aKey()
      const want = hex(k)
      await run(keys.put('person-1', k))
      k.fill(0)
      expect(hex(await run(keys.get('person-1')))).toBe(want)
    }))

    it('never overwrites a key: a second put for the person fails and the first key stays', withKeys(factory, async (keys) => {
      const first = aKey()
      await run(keys.put('person-1', first))
      const again = await keys.put('person-1', aKey())()
      expect(E.isLeft(again) && again.left).toMatchObject({ _tag: 'StoreError', message: expect.stringMatching(/exists already/) })
      expect(hex(await run(keys.get('person-1')))).toBe(hex(first))
    }))

    it('destroys a key for good: get is null after it, a second destroy and destroying a missing key are not errors', withKeys(factory, async (keys) => {
      await run(keys.put('person-1', aKey()))
      await run(keys.put('person-2', aKey()))
      await run(keys.destroy('person-1'))
      expect(await run(keys.get('person-1'))).toBeNull()
      await run(keys.destroy('person-1'))
      await run(keys.destroy('person-never'))
      expect(await run(keys.get('person-2'))).not.toBeNull()
    }))

    it('keeps keys and destructions across a reopen (where the store outlives its process)', withKeys(factory, async (keys, under, open) => {
      if (under.reopen === undefined) return
      const k = aKey()
      await run(keys.put('person-1', k))
      await run(keys.put('person-2', aKey()))
      await run(keys.destroy('person-2'))
      const again = await under.reopen()
      open(again)
      expect(hex(await run(again.get('person-1')))).toBe(hex(k))
      expect(await run(again.get('person-2'))).toBeNull()
      expect(E.isLeft(await again.put('person-1', aKey())())).toBe(true)
    }))

    it('puts several keys in one write, all or none, and reads several in one (where the store offers it)', withKeys(factory, async (keys) => {
      if (keys.putMany === undefined || keys.getMany === undefined) return
      const [a, b] = [aKey(), aKey()]
      await run(keys.putMany([['text:1', a], ['text:2', b]]))
      const got = await run(keys.getMany(['text:1', 'text:2', 'text:none']))
      expect([hex(got.get('text:1')!), hex(got.get('text:2')!), got.get('text:none')]).toEqual([hex(a), hex(b), null])
      const clash = await keys.putMany([['text:3', aKey()], ['text:1', aKey()]])()
      expect(E.isLeft(clash) && clash.left).toMatchObject({ _tag: 'StoreError', message: expect.stringMatching(/exists already/) })
      expect(await run(keys.get('text:3'))).toBeNull()
      expect(hex(await run(keys.get('text:1')))).toBe(hex(a))
    }))

    it('lets concurrent puts land: different persons all stored, the same person exactly once', withKeys(factory, async (keys) => {
      const many = Array.from({ length: 40 }, (_, i) => ({ id: `person-${i}`, key: aKey() }))
      const results = await Promise.all(many.map(({ id, key }) => keys.put(id, key)()))
      expect(results.every(E.isRight)).toBe(true)
      for (const { id, key } of many) expect(hex(await run(keys.get(id)))).toBe(hex(key))
      const rivals = Array.from({ length: 10 }, () => aKey())
      const raced = await Promise.all(rivals.map((k) => keys.put('person-shared', k)()))
      expect(raced.filter(E.isRight)).toHaveLength(1)
      const stored = hex(await run(keys.get('person-shared')))
      expect(rivals.map(hex)).toContain(stored)
    }))
  })
}
