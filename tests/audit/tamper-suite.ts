/**
 * Tampering trials, written once and run against every store that can be corrupted: change one
 * byte of an entry's data, type, tags or meta; delete an entry; swap two; append an entry
 * without the tree. `verifyLog` must fail and name the right position every time.
 */
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { expect } from 'vitest'
import { memoryKeyStore } from '../../adapters/memory/index.js'
import { signedCheckpoint } from '../../src/audit/checkpoint.js'
import { parseVerifierKey, type NoteSigner, type Verifier } from '../../src/audit/note.js'
import { createLedger } from '../../src/ledger/ledger.js'
import { fixedClock } from '../../src/ports/clock.js'
import { sequentialIds } from '../../src/ports/ids.js'
import { arbHistory, HISTORY_NOW } from '../../src/testing/index.js'
import { verifyLog, type VerificationResult } from '../../src/audit/verify.js'
import type { EventStore } from '../../src/ports/event-store.js'

/** What a trial may do to a store's rows; `entry` texts are the canonical JSON of each entry. */
export interface Tamperer {
  readonly setEntry: (position: number, text: string) => Promise<void>
  readonly deleteEntry: (position: number) => Promise<void>
  readonly swapEntries: (i: number, j: number) => Promise<void>
  readonly appendWithoutTree: (text: string) => Promise<void>
}

/** A store prepared with a log; `trial` gives a fresh copy to tamper with, then verifies it. */
export interface TamperLab {
  /** The canonical JSON text of every entry, in order. */
  readonly entries: ReadonlyArray<string>
  readonly verifierKey: string
  /** A fresh copy: tamper with its rows first, then `open` the store to verify; `close` releases both. */
  readonly fresh: () => Promise<{ readonly tamperer: Tamperer; readonly open: () => Promise<EventStore>; readonly close: () => Promise<void> }>
}

const must = <A>(e: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

/**
 * Fills a store with a realistic log (a generated whole history), signing a checkpoint after
 * every third command and at the end.
 *
 * @example
 * await buildAuditLog(memoryEventStore(), signer)
 */
export const buildAuditLog = async (store: EventStore, signer: NoteSigner): Promise<void> => {
  const ledger = createLedger({ store, keys: memoryKeyStore(), clock: fixedClock(HISTORY_NOW), ids: sequentialIds() })
  const [commands] = fc.sample(arbHistory({ maxSteps: 40 }), { seed: 7, numRuns: 1 })
  for (const [i, c] of commands!.entries()) {
    must(await ledger.execute(c))
    if (i % 3 === 1) must(await signedCheckpoint(store, signer)())
  }
  must(await signedCheckpoint(store, signer)())
}

const FIELDS = ['data', 'type', 'tags', 'meta'] as const

/** The byte span of a top-level field's value in a canonical entry. */
const valueSpan = (text: string, field: (typeof FIELDS)[number]): [number, number] => {
  const record = JSON.parse(text) as Record<string, unknown>
  const start = text.indexOf(`"${field}":`) + field.length + 3
  return [start, start + JSON.stringify(record[field]).length]
}

type Tamper =
  | { kind: 'byte'; position: number; field: (typeof FIELDS)[number]; at: number; byte: number }
  | { kind: 'delete'; position: number }
  | { kind: 'swap'; i: number; j: number }
  | { kind: 'append' }

const arbTamper = (n: number): fc.Arbitrary<Tamper> =>
  fc.oneof(
    fc.record({
      kind: fc.constant('byte' as const),
      position: fc.nat(n - 1),
      field: fc.constantFrom(...FIELDS),
      at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      byte: fc.integer({ min: 0x20, max: 0x7e }),
    }),
    fc.record({ kind: fc.constant('delete' as const), position: fc.nat(n - 1) }),
    fc
      .tuple(fc.nat(n - 1), fc.nat(n - 1))
      .filter(([i, j]) => i !== j)
      .map(([i, j]) => ({ kind: 'swap' as const, i: Math.min(i, j), j: Math.max(i, j) })),
    fc.constant({ kind: 'append' as const }),
  )

/**
 * Runs `runs` random tampering trials on the lab and checks each names the right position.
 *
 * @example
 * await tamperTrials(memoryLab, 200)
 */
export const tamperTrials = async (lab: TamperLab, runs: number, seed = 4242): Promise<Record<string, number>> => {
  const n = lab.entries.length
  const verifier: Verifier = E.getOrElseW(() => {
    throw new Error('bad verifier key')
  })(parseVerifierKey(lab.verifierKey))
  const seen: Record<string, number> = {}
  await fc.assert(
    fc.asyncProperty(arbTamper(n), async (t) => {
      const { tamperer, open, close } = await lab.fresh()
      let expected: number
      try {
        switch (t.kind) {
          case 'byte': {
            const text = lab.entries[t.position]!
            const [from, to] = valueSpan(text, t.field)
            const at = from + Math.floor(t.at * (to - from))
            const replacement = t.byte === text.charCodeAt(at) ? ((t.byte - 0x20 + 1) % 0x5f) + 0x20 : t.byte
            await tamperer.setEntry(t.position, text.slice(0, at) + String.fromCharCode(replacement) + text.slice(at + 1))
            expected = t.position
            break
          }
          case 'delete':
            await tamperer.deleteEntry(t.position)
            expected = t.position
            break
          case 'swap':
            await tamperer.swapEntries(t.i, t.j)
            expected = t.i
            break
          case 'append': {
            const last = JSON.parse(lab.entries[n - 1]!) as Record<string, unknown>
            await tamperer.appendWithoutTree(JSON.stringify({ ...last, position: n }))
            expected = n
            break
          }
        }
        const r = await verifyLog(await open(), { verifiers: [verifier] })()
        const result: VerificationResult | undefined = E.isRight(r) ? r.right : undefined
        expect(result, `${JSON.stringify(t)}: ${E.isLeft(r) ? r.left.message : ''}`).toMatchObject({ _tag: 'VerificationFailure', position: expected })
        seen[t.kind] = (seen[t.kind] ?? 0) + 1
      } finally {
        await close()
      }
    }),
    { numRuns: runs, seed },
  )
  return seen
}
