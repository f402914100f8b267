/**
 * The library's trust checks (`contact-ledger/audit`): pinned verifiers name the key that signed
 * and a key mismatch; `since` (a kept checkpoint) catches truncation, rollback and forks in
 * `verifyLog` and `verifyBundle`; `verifyBundle` names an altered entry from the stored leaves.
 */
import * as E from 'fp-ts/lib/Either.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { memoryEventStore } from '../../adapters/memory/index.js'
import {
  canonicalJson,
  generateSigner,
  keyLabel,
  openCheckpoint,
  parseVerifierKey,
  signedCheckpoint,
  verifyBundle,
  verifyLog,
  type NoteSigner,
  type Verifier,
} from '../../src/audit/index.js'
import { encodeStored } from '../../src/domain/events.js'
import type { EventStore } from '../../src/ports/event-store.js'
import { fillLog, newLedger } from '../fixtures/domain.js'

const must = <A>(e: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

async function* each<A>(xs: ReadonlyArray<A>): AsyncIterable<A> {
  yield* xs
}

/** A log of `n` registrations (names from `from`), with checkpoints signed at the sizes given. */
const log = async (signer: NoteSigner, n: number, signAt: ReadonlyArray<number>, from = 0): Promise<{ store: EventStore; notes: Map<number, string> }> => {
  const store = memoryEventStore()
  const ledger = newLedger(store)
  const notes = new Map<number, string>()
  let size = 0
  for (const at of [...signAt, n]) {
    await fillLog(ledger, at - size, from + size)
    size = at
    if (signAt.includes(at)) notes.set(at, must(await signedCheckpoint(store, signer)()).note)
  }
  return { store, notes }
}

/** The bundle of a store as `export` writes it: entry lines, stored leaf lines, the latest checkpoint. */
const bundleOf = async (store: EventStore, signer: NoteSigner) => {
  const events = must(await store.read()())
  const lines = events.map((e) => canonicalJson(encodeStored(e)))
  const leaves = must(await store.nodes(events.map((e) => ({ level: 0, index: e.position })))()).map((h) => Buffer.from(h!).toString('hex'))
  const latest = must(await signedCheckpoint(store, signer)()).note
  return { lines, leaves, latest }
}

describe('pinned verifiers and kept checkpoints', () => {
  let signer: NoteSigner
  let pinned: Verifier
  let other: NoteSigner
  beforeAll(() => {
    signer = must(generateSigner('minszw.example/register'))
    other = must(generateSigner('minszw.example/register'))
    pinned = must(parseVerifierKey(signer.verifierKey))
  })

  it('verifyLog names the pinned key that signed, how many checkpoints and the latest signed size', async () => {
    const { store } = await log(signer, 10, [4, 8])
    const r = must(await verifyLog(store, { verifiers: [pinned] })())
    expect(r).toMatchObject({ _tag: 'Verified', treeSize: 10, checkpoints: 2, signedCheckpoints: 2, latestSignedSize: 8 })
    if (r._tag === 'Verified') expect(r.verifiedBy.map(keyLabel)).toEqual([keyLabel(pinned)])
    const unpinned = must(await verifyLog(store)())
    expect(unpinned).toMatchObject({ _tag: 'Verified', signaturesChecked: false, signedCheckpoints: 0, verifiedBy: [] })
  })

  it('openCheckpoint names a key mismatch: the note is signed by another key of the same name', async () => {
    const { notes } = await log(other, 3, [3])
    const r = openCheckpoint(notes.get(3)!, [pinned])
    expect(E.isLeft(r) && r.left.message).toBe(
      `no signature of a trusted key: key mismatch, it is signed by ${keyLabel({ name: other.name, keyId: other.keyId })}, not by the pinned key ${keyLabel(pinned)}`,
    )
    expect(must(openCheckpoint(notes.get(3)!, undefined)).checkpoint.treeSize).toBe(3)
  })

  it('since: an honest extension passes with a consistency proof; a shorter log and a fork fail naming both sizes', async () => {
    const { store, notes } = await log(signer, 12, [5, 12])
    const kept = notes.get(5)!
    expect(must(await verifyLog(store, { verifiers: [pinned], since: kept })())).toMatchObject({
      _tag: 'Verified',
      since: { treeSize: 5, consistencyProof: true },
    })
    // rolled back: the same log as it stood at size 3
    const { store: short } = await log(signer, 3, [3])
    expect(must(await verifyLog(short, { verifiers: [pinned], since: kept })())).toMatchObject({
      _tag: 'VerificationFailure',
      kind: 'rollback',
      position: 3,
      sizes: { kept: 5, log: 3 },
    })
    // forked: another log of the same origin and key, longer than the kept one
    const { store: fork } = await log(signer, 9, [9], 100)
    const forked = must(await verifyLog(fork, { verifiers: [pinned], since: kept })())
    expect(forked).toMatchObject({ _tag: 'VerificationFailure', kind: 'rollback', position: 4, sizes: { kept: 5, log: 9 } })
    expect(forked._tag === 'VerificationFailure' && forked.reason).toMatch(/does not extend the kept checkpoint of size 5: .*forked or rewritten/)
    // a kept checkpoint of another key is refused
    const { notes: foreign } = await log(other, 5, [5])
    const refused = must(await verifyLog(store, { verifiers: [pinned], since: foreign.get(5)! })())
    expect(refused).toMatchObject({ _tag: 'VerificationFailure', kind: 'rollback' })
    expect(refused._tag === 'VerificationFailure' && refused.reason).toMatch(/^the kept checkpoint: no signature of a trusted key: key mismatch/)
  })

  it('verifyBundle: pinned keys, since, the first altered entry by its position, and each signed checkpoint counted once', async () => {
    const { store, notes } = await log(signer, 16, [6])
    const { lines, leaves, latest } = await bundleOf(store, signer)
    const checkpoints = [
      { file: 'checkpoints/6.note', note: notes.get(6)!, claimedSize: 6 },
      { file: 'checkpoints/16.note', note: latest, claimedSize: 16 },
    ]
    const input = (entries: ReadonlyArray<string>, withLeaves = true) => ({
      entries: each(entries),
      ...(withLeaves ? { leaves: each(leaves) } : {}),
      latest: { file: 'checkpoint', note: latest },
      checkpoints,
    })
    expect(await verifyBundle(input(lines), { verifiers: [pinned], since: notes.get(6)! })).toMatchObject({
      _tag: 'Verified',
      treeSize: 16,
      checkpoints: 2,
      signedCheckpoints: 2,
      since: { treeSize: 6 },
    })
    const edited = lines.map((l, i) => (i === 12 ? l.replace('Stichting 12', 'Stichting 99') : l))
    expect(await verifyBundle(input(edited), { verifiers: [pinned] })).toMatchObject({ _tag: 'VerificationFailure', position: 12, kind: 'entry' })
    // without the stored leaves, only the checkpoint that covers it can be named
    expect(await verifyBundle(input(edited, false), { verifiers: [pinned] })).toMatchObject({ _tag: 'VerificationFailure', position: 15, kind: 'checkpoint' })
    // the edit before the kept size is still the entry, not a rollback (position 2: the first registration after fillLog's two opening grants)
    const early = lines.map((l, i) => (i === 2 ? l.replace(/Stichting \d+/, 'Stichting 98') : l))
    expect(await verifyBundle(input(early), { verifiers: [pinned], since: notes.get(6)! })).toMatchObject({ _tag: 'VerificationFailure', position: 2, kind: 'entry' })
    const foreign = must(parseVerifierKey(other.verifierKey))
    const mismatch = await verifyBundle(input(lines), { verifiers: [foreign] })
    expect(mismatch._tag === 'VerificationFailure' && mismatch.reason).toContain('key mismatch')
    expect(await verifyBundle(input(lines.slice(0, 10)), { verifiers: [pinned] })).toMatchObject({ _tag: 'VerificationFailure', kind: 'checkpoint' })
  })
})
