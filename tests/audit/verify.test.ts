/** `verifyLog`: a sound log verifies; every kind of tampering is found at the right position. */
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { memoryEventStore } from '../../adapters/memory/index.js'
import { canonicalJson } from '../../src/audit/canonical.js'
import { signCheckpoint, signedCheckpoint } from '../../src/audit/checkpoint.js'
import { generateSigner, parseVerifierKey, type NoteSigner } from '../../src/audit/note.js'
import { rootAt } from '../../src/audit/proof.js'
import { verifyLog } from '../../src/audit/verify.js'
import { storeError } from '../../src/domain/errors.js'
import { encodeStored, type StoredEvent } from '../../src/domain/events.js'
import type { EventStore } from '../../src/ports/event-store.js'
import { matches } from '../../src/ports/query.js'
import { fillLog, newLedger } from '../fixtures/domain.js'
import { buildAuditLog, tamperTrials, type TamperLab } from './tamper-suite.js'

const must = <A>(e: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

/**
 * A tamperable test double over a memory store: entries are kept as canonical JSON texts that a
 * trial may edit, as rows in a database can be; the tree's nodes are the real store's.
 */
/** The type a database would keep in its own column: read once, before any tampering. */
const typeOf = (text: string): string => {
  try {
    return String((JSON.parse(text) as { type?: unknown }).type)
  } catch {
    return 'unknown'
  }
}

const memoryLab = async (base: EventStore, verifierKey: string, withEntries = true): Promise<TamperLab> => {
  const events = must(await base.read()())
  const entries = events.map((e) => canonicalJson(encodeStored(e)))
  return {
    entries,
    verifierKey,
    fresh: async () => {
      const rows = new Map<number, string>(entries.map((t, p) => [p, t]))
      const read: EventStore['read'] = (options = {}) => async () => {
        const out: StoredEvent[] = []
        for (const p of [...rows.keys()].sort((a, b) => a - b)) {
          if (p < (options.from ?? 0) || (options.to !== undefined && p >= options.to)) continue
          let e: StoredEvent
          try {
            e = JSON.parse(rows.get(p)!) as StoredEvent
          } catch {
            return E.left(storeError('corrupt', `the entry at position ${p} is not JSON`))
          }
          if (options.query === undefined || matches(e, options.query)) out.push(e)
          if (options.limit !== undefined && out.length >= options.limit) break
        }
        return E.right(out)
      }
      // the stored text as it is, as adapters hand it to verify; without it, verify encodes parsed events
      const stored: EventStore['entries'] = ({ from, limit }) => async () =>
        E.right(
          [...rows.keys()]
            .sort((a, b) => a - b)
            .filter((p) => p >= from)
            .slice(0, limit)
            .map((p) => ({ position: p, type: typeOf(rows.get(p)!), entry: rows.get(p)! })),
        )
      const { entries: _ignored, ...rest } = base
      const store: EventStore = { ...rest, read, ...(withEntries ? { entries: stored } : {}), size: () => async () => E.right(rows.size) }
      const swap = async (i: number, j: number) => {
        const a = rows.get(i)!
        rows.set(i, rows.get(j)!)
        rows.set(j, a)
      }
      return {
        open: async () => store,
        tamperer: {
          setEntry: async (p, text) => void rows.set(p, text),
          deleteEntry: async (p) => void rows.delete(p),
          swapEntries: swap,
          appendWithoutTree: async (text) => void rows.set(rows.size, text),
        },
        close: async () => undefined,
      }
    },
  }
}

describe('verifyLog', () => {
  let signer: NoteSigner
  let store: EventStore
  beforeAll(async () => {
    signer = must(generateSigner('contact-ledger.local/register'))
    store = memoryEventStore()
    await buildAuditLog(store, signer)
  })

  it('verifies a sound log: every leaf, node, checkpoint signature and root', async () => {
    const size = must(await store.size()())
    const r = must(await verifyLog(store, { verifiers: [must(parseVerifierKey(signer.verifierKey))] })())
    expect(r).toMatchObject({ _tag: 'Verified', treeSize: size, signaturesChecked: true })
    if (r._tag === 'Verified') {
      expect(r.checkpoints).toBeGreaterThan(2)
      expect(Buffer.from(r.rootHash)).toEqual(Buffer.from(must(await rootAt(store, size)())))
    }
  })

  it('verifies the empty log', async () => {
    expect(must(await verifyLog(memoryEventStore())())).toMatchObject({ _tag: 'Verified', treeSize: 0, signaturesChecked: false })
  })

  it('fails on a checkpoint signed by another key, naming the checkpoint', async () => {
    const other = must(parseVerifierKey(must(generateSigner('contact-ledger.local/register')).verifierKey))
    const r = must(await verifyLog(store, { verifiers: [other] })())
    expect(r).toMatchObject({ _tag: 'VerificationFailure', kind: 'checkpoint', reason: expect.stringContaining('no signature of a trusted key') })
  })

  it('fails on a validly signed checkpoint whose root is not the log\'s root at its size', async () => {
    const s = memoryEventStore()
    await fillLog(newLedger(s), 6)
    const four = must(await signedCheckpoint(s, signer, 4)())
    await s.putCheckpoint({ treeSize: 5, note: signCheckpoint(signer, 5, four.rootHash) })()
    const r = must(await verifyLog(s, { verifiers: [must(parseVerifierKey(signer.verifierKey))] })())
    expect(r).toMatchObject({ _tag: 'VerificationFailure', kind: 'checkpoint', position: 4 })
  })

  it('runs an extra per-event check and names the event it refuses', async () => {
    const r = must(
      await verifyLog(store, {
        checkEvent: async (e) => (e.position === 3 ? E.left('the snapshot does not re-render to its content hash') : E.right(undefined)),
      })(),
    )
    expect(r).toMatchObject({ _tag: 'VerificationFailure', position: 3, kind: 'event-check', reason: 'the snapshot does not re-render to its content hash' })
  })

  it('finds that entries were removed from the end (the tree and a checkpoint still know them)', async () => {
    const lab = await memoryLab(store, signer.verifierKey)
    const { open, tamperer } = await lab.fresh()
    await tamperer.deleteEntry(lab.entries.length - 1)
    expect(must(await verifyLog(await open())())).toMatchObject({ _tag: 'VerificationFailure', position: lab.entries.length - 1 })
  })

  it('names the right position in 200 random tampering trials (byte change in data/type/tags/meta, delete, swap, append without tree)', async () => {
    const lab = await memoryLab(store, signer.verifierKey)
    const seen = await tamperTrials(lab, 200)
    expect(Object.keys(seen).sort()).toEqual(['append', 'byte', 'delete', 'swap'])
  })

  it('names the right position in 100 tampering trials on a store without `entries` (each parsed event encoded again)', async () => {
    const lab = await memoryLab(store, signer.verifierKey, false)
    const seen = await tamperTrials(lab, 100, 77)
    expect(Object.keys(seen).sort()).toEqual(['append', 'byte', 'delete', 'swap'])
  })
})
