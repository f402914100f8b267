/**
 * Streaming verification of a store: recomputes every leaf from the stored entries and every
 * stored interior node with a running frontier, checks every stored checkpoint's signature and
 * its root at its size, runs optional per-event checks, and names the first failing position.
 * Memory stays constant: the log is read page by page.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { StoreError } from '../domain/errors.js'
import type { StoredEvent } from '../domain/events.js'
import type { EventStore, StoredCheckpoint, StoredEntry } from '../ports/event-store.js'
import { PAGE_SIZE } from '../ports/pages.js'
import type { Checkpoint } from './checkpoint.js'
import { proveConsistency } from './proof.js'
import { entryBytes } from './canonical.js'
import { emptyFrontier, frontierRoot, pushLeaf } from './frontier.js'
import { hashLeaf, hashLeafText } from './hash.js'
import type { Verifier } from './note.js'
import { keyLabel, verificationFailure, type KeyName, type VerificationFailure, type VerificationResult, type Verified } from './result.js'
import { keptRootFailure, keptSizeFailure, openCheckpoint } from './trust.js'
import { verifyConsistency } from './verify-proof.js'
import { indexChecker, verifyIndexes } from './verify-indexes.js'
import type { NodeId } from './tree.js'

// ---------------------------------------------------------------------------------------------
// model

export type { FailureKind, VerificationFailure, Verified, VerificationResult, KeyName } from './result.js'
export { verificationFailure, keyLabel } from './result.js'

/** An extra check of one event (e.g. re-render a report snapshot); `Left` holds the reason. */
export type EventCheck = (event: StoredEvent, store: EventStore) => Promise<E.Either<string, void>>

export interface VerifyOptions {
  /**
   * The keys one trusts (the verifier key the ministry published, pinned by the auditor): a
   * checkpoint is valid only with a signature of one of them, its origin the key's name. Never
   * pass a key that came with the data. Without them, signatures are not checked (only roots).
   */
  readonly verifiers?: ReadonlyArray<Verifier>
  /**
   * A signed checkpoint note the auditor kept from before: the log must extend it (its root at the
   * kept size must be the kept root), else the result is a `rollback` failure naming both sizes.
   * Its signature is checked with `verifiers` when they are given.
   */
  readonly since?: string
  /** Called for every event after its leaf verified; the reports module checks snapshots here. */
  readonly checkEvent?: EventCheck
  /**
   * The event types `checkEvent` is for; other events are not given to it (nor parsed, where the
   * store hands verification its stored entry text). Default: every event.
   */
  readonly checkTypes?: ReadonlyArray<string>
  /** Called after each page with the number of entries verified so far (for progress displays). */
  readonly onProgress?: (verified: number) => void
  /**
   * Whether to recompute the store's derived data (tag index, type and idempotency-key columns,
   * the checkpoints snapshots record) from the entries and compare (`verifyIndexes`); default true.
   */
  readonly indexes?: boolean
}

// ---------------------------------------------------------------------------------------------
// utils

const same = (a: Uint8Array | undefined, b: Uint8Array): boolean => a !== undefined && Buffer.compare(a, b) === 0
const hex = (h: Uint8Array): string => Buffer.from(h).toString('hex')

/** The interior nodes that appending the leaf at `position` completes, lowest first. */
const completedBy = (position: number): NodeId[] => {
  const out: NodeId[] = []
  for (let level = 1, width = 2; (position + 1) % width === 0; level++, width *= 2) out.push({ level, index: (position + 1) / width - 1 })
  return out
}

/**
 * Checks a checkpoint against the root at its size; on success, names the trusted key that signed it.
 *
 * @example
 * const r = checkpointAgainst({ treeSize: 3, note }, root, [pinned]) // { by: { name, keyId } } or { failure }
 */
export const checkpointAgainst = (
  cp: StoredCheckpoint,
  root: Uint8Array,
  verifiers: ReadonlyArray<Verifier> | undefined,
): { readonly failure: VerificationFailure } | { readonly failure?: undefined; readonly by?: KeyName } => {
  const at = Math.max(cp.treeSize - 1, 0)
  const fail = (reason: string) => ({ failure: verificationFailure(at, 'checkpoint', `the checkpoint at size ${cp.treeSize}: ${reason}`) })
  const opened = openCheckpoint(cp.note, verifiers)
  if (E.isLeft(opened)) return fail(opened.left.message)
  const body = opened.right.checkpoint
  if (body.treeSize !== cp.treeSize) return fail(`its note says size ${body.treeSize}`)
  if (!same(body.rootHash, root))
    return fail(`its root ${hex(body.rootHash)} is not the log's root ${hex(root)} at that size: the log was rewritten`)
  return opened.right.by === undefined ? {} : { by: opened.right.by }
}

/**
 * Checks a stored checkpoint against the root the entries give at its size.
 *
 * @example
 * checkCheckpoint({ treeSize: 3, note }, root, [pinned]) // undefined when it holds
 */
export const checkCheckpoint = (cp: StoredCheckpoint, root: Uint8Array, verifiers: ReadonlyArray<Verifier> | undefined): VerificationFailure | undefined =>
  checkpointAgainst(cp, root, verifiers).failure

/** The leaf hash of an entry as read, or why it has none (a record that is not a valid event). */
const leafOf = (e: StoredEvent): Uint8Array | string => {
  try {
    return hashLeaf(entryBytes(e))
  } catch (err) {
    return `entry ${e.position} is not a valid event (${err instanceof Error ? err.message : String(err)}): the entry was altered`
  }
}

/** One entry of a page as verification needs it: its leaf hash (or why it has none), and the event on demand. */
interface PageItem {
  readonly position: number
  readonly type: string
  readonly leaf: Uint8Array | string
  /** The parsed event, or why it cannot be parsed. */
  readonly event: () => StoredEvent | string
}

/**
 * The page of entries from `from`: the stored text hashed as it is where the store offers it
 * (`entries`), else each parsed event encoded again (RFC 8785) and hashed.
 */
const readPage = async (store: EventStore, from: number): Promise<E.Either<StoreError, { readonly items: ReadonlyArray<PageItem>; readonly stored?: ReadonlyArray<StoredEntry> }>> => {
  if (store.entries !== undefined) {
    const r = await store.entries({ from, limit: PAGE_SIZE })()
    if (E.isLeft(r)) return r
    return E.right({
      stored: r.right,
      items: r.right.map((x) => ({
        position: x.position,
        type: x.type,
        leaf: hashLeafText(x.entry),
        event: () => {
          try {
            return JSON.parse(x.entry) as StoredEvent
          } catch (err) {
            return `entry ${x.position} is not JSON (${err instanceof Error ? err.message : String(err)}): the entry was altered`
          }
        },
      })),
    })
  }
  const r = await store.read({ from, limit: PAGE_SIZE })()
  if (E.isLeft(r)) return r
  return E.right({ items: r.right.map((e) => ({ position: e.position, type: e.type, leaf: leafOf(e), event: () => e })) })
}

/**
 * A read from `from` failed: finds the first entry that cannot be read (by bisection, O(log n)
 * reads) when the store itself answers; otherwise the store error stands.
 */
const unreadableEntry = async (store: EventStore, from: number, error: StoreError): Promise<E.Either<StoreError, VerificationFailure>> => {
  const size = await store.size()()
  if (E.isLeft(size)) return size
  const readable = async (to: number): Promise<boolean> => E.isRight(await store.read({ from, to })())
  let lo = from
  let hi = Math.min(size.right, from + PAGE_SIZE)
  if (hi <= lo || (await readable(hi))) return E.left(error)
  // invariant: [from, lo) reads, [from, hi) does not
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (await readable(mid)) lo = mid
    else hi = mid
  }
  return E.right(verificationFailure(lo, 'entry', `entry ${lo} cannot be read (${error.message}): the entry was altered`))
}

// ---------------------------------------------------------------------------------------------
// verification

/**
 * Verifies a whole store, streaming; `Right` holds `Verified` or the first `VerificationFailure`,
 * `Left` a store that could not be read.
 *
 * @example
 * const r = await verifyLog(store, { verifiers: [verifier] })()
 * if (E.isRight(r) && r.right._tag === 'VerificationFailure') console.log(r.right.position, r.right.reason)
 */
export const verifyLog =
  (store: EventStore, options: VerifyOptions = {}): TaskEither<StoreError, VerificationResult> =>
  async () => {
    const stored = await store.checkpoints()()
    if (E.isLeft(stored)) return stored
    const size = await store.size()()
    if (E.isLeft(size)) return size
    let kept: Checkpoint | undefined
    if (options.since !== undefined) {
      const opened = openCheckpoint(options.since, options.verifiers)
      if (E.isLeft(opened)) return E.right(verificationFailure(0, 'rollback', `the kept checkpoint: ${opened.left.message}`))
      kept = opened.right.checkpoint
    }
    const checkpoints = [...stored.right].sort((a, b) => a.treeSize - b.treeSize)
    const signed = signatureTally()
    let nextCheckpoint = 0
    const frontier = emptyFrontier()
    let expected = 0
    const checkpointsAt = (at: number): VerificationFailure | undefined => {
      if (kept !== undefined && kept.treeSize === at) {
        const f = keptRootFailure(kept, frontierRoot(frontier), size.right)
        if (f !== undefined) return f
      }
      while (nextCheckpoint < checkpoints.length && checkpoints[nextCheckpoint]!.treeSize === at) {
        const root = frontierRoot(frontier)
        const checked = checkpointAgainst(checkpoints[nextCheckpoint]!, root, options.verifiers)
        if (checked.failure !== undefined) return checked.failure
        signed.add(at, root, checked.by)
        nextCheckpoint++
      }
      return undefined
    }
    // the derived data is checked on the pages the log check reads (one read of the entries), its
    // first difference kept until the log itself verified: a broken log is named before an index
    const derived =
      options.indexes !== false && store.indexes !== undefined && store.entries !== undefined
        ? indexChecker(store.indexes, new Map(stored.right.map((c) => [c.treeSize, c.note])))
        : undefined
    let derivedFailure: VerificationFailure | undefined
    const atZero = checkpointsAt(0)
    if (atZero !== undefined) return E.right(atZero)
    for (;;) {
      const read = await readPage(store, expected)
      if (E.isLeft(read)) {
        const bad = await unreadableEntry(store, expected, read.left)
        return E.isLeft(bad) ? bad : E.right(bad.right)
      }
      const page = read.right.items
      if (page.length === 0) break
      const ids: NodeId[] = []
      const first = page[0]!.position
      for (let p = first; p < first + page.length; p++) ids.push({ level: 0, index: p }, ...completedBy(p))
      const nodes = await store.nodes(ids)()
      if (E.isLeft(nodes)) return nodes
      let cursor = 0
      for (const e of page) {
        if (e.position !== expected) {
          const reason =
            e.position > expected
              ? `entry ${expected} is missing or out of place: the record read there says position ${e.position}`
              : `entry ${e.position} is stored again after entry ${expected - 1}`
          return E.right(verificationFailure(expected, 'entry', reason))
        }
        const leaf = e.leaf
        if (typeof leaf === 'string') return E.right(verificationFailure(expected, 'entry', leaf))
        const storedLeaf = nodes.right[cursor++]
        if (storedLeaf === undefined) return E.right(verificationFailure(expected, 'tree', `entry ${expected} has no leaf in the stored tree`))
        if (!same(storedLeaf, leaf))
          return E.right(
            verificationFailure(expected, 'entry', `the leaf hash of entry ${expected} is ${hex(leaf)} but the tree stores ${hex(storedLeaf)}: the entry was altered`),
          )
        const made = pushLeaf(frontier, leaf)
        for (const [i, id] of completedBy(expected).entries()) {
          const storedNode = nodes.right[cursor++]
          if (!same(storedNode, made[i]!))
            return E.right(
              verificationFailure(
                expected,
                'tree',
                storedNode === undefined ? `the stored tree lacks node ${id.level}:${id.index}` : `the stored node ${id.level}:${id.index} does not match the entries under it`,
              ),
            )
        }
        if (options.checkEvent !== undefined && (options.checkTypes === undefined || options.checkTypes.includes(e.type))) {
          const event = e.event()
          if (typeof event === 'string') return E.right(verificationFailure(expected, 'entry', event))
          const extra = await options.checkEvent(event, store)
          if (E.isLeft(extra)) return E.right(verificationFailure(expected, 'event-check', extra.left))
        }
        expected++
        const cpFailure = checkpointsAt(expected)
        if (cpFailure !== undefined) return E.right(cpFailure)
      }
      if (derived !== undefined && derivedFailure === undefined && read.right.stored !== undefined) {
        const found = await derived.page(read.right.stored)
        if (E.isLeft(found)) return found
        derivedFailure = found.right
      }
      options.onProgress?.(expected)
      if (page.length < PAGE_SIZE) break
    }
    const beyond = await store.nodes([{ level: 0, index: expected }])()
    if (E.isLeft(beyond)) return beyond
    if (beyond.right[0] !== undefined)
      return E.right(verificationFailure(expected, 'entry', `the tree has a leaf at position ${expected} but the entry is missing: entries were removed from the end`))
    if (nextCheckpoint < checkpoints.length) {
      const cp = checkpoints[nextCheckpoint]!
      return E.right(
        verificationFailure(expected, 'checkpoint', `a checkpoint was signed at size ${cp.treeSize} but the log has only ${expected} entries: entries were removed`),
      )
    }
    const root = frontierRoot(frontier)
    let since: Verified['since']
    if (kept !== undefined) {
      const short = keptSizeFailure(kept, expected)
      if (short !== undefined) return E.right(short)
      const proved = await keptConsistency(store, kept, signed.latest() ?? { size: expected, root }, expected)
      if (E.isLeft(proved)) return proved
      if (proved.right !== undefined) return E.right(proved.right)
      since = { treeSize: kept.treeSize, rootHash: kept.rootHash, consistencyProof: kept.treeSize > 0 }
    }
    if (derivedFailure !== undefined) return E.right(derivedFailure)
    if (derived !== undefined) {
      const found = await derived.finish()
      if (E.isLeft(found) || found.right !== undefined) return found as E.Either<StoreError, VerificationFailure>
    } else if (options.indexes !== false) {
      const found = await verifyIndexes(store)()
      if (E.isLeft(found) || found.right._tag === 'VerificationFailure') return found as E.Either<StoreError, VerificationFailure>
    }
    return E.right({
      _tag: 'Verified',
      treeSize: expected,
      rootHash: root,
      checkpoints: checkpoints.length,
      signaturesChecked: options.verifiers !== undefined,
      ...signed.summary(),
      ...(since === undefined ? {} : { since }),
    })
  }

/**
 * Counts the checkpoints a trusted key signed, the keys, and the latest signed size and root.
 *
 * @example
 * const t = signatureTally(); t.add(12, root, by); t.summary() // { signedCheckpoints: 1, latestSignedSize: 12, verifiedBy: [by] }
 */
export const signatureTally = () => {
  let count = 0
  let latest: { size: number; root: Uint8Array } | undefined
  const keys = new Map<string, KeyName>()
  return {
    add: (size: number, root: Uint8Array, by: KeyName | undefined): void => {
      if (by === undefined) return
      count++
      keys.set(keyLabel(by), by)
      if (latest === undefined || size >= latest.size) latest = { size, root }
    },
    latest: () => latest,
    summary: () => ({ signedCheckpoints: count, latestSignedSize: latest?.size ?? 0, verifiedBy: [...keys.values()] }),
  }
}

/**
 * The consistency proof from the kept checkpoint to the latest signed checkpoint (or the log's
 * end when none is later), read from the stored tree and checked against both roots.
 */
const keptConsistency = async (
  store: EventStore,
  kept: Checkpoint,
  to: { size: number; root: Uint8Array },
  logSize: number,
): Promise<E.Either<StoreError, VerificationFailure | undefined>> => {
  if (kept.treeSize === 0 || to.size < kept.treeSize) return E.right(undefined)
  const proof = await proveConsistency(store, kept.treeSize, to.size)()
  if (E.isLeft(proof)) return proof
  const ok = verifyConsistency(kept.treeSize, to.size, proof.right.proof, kept.rootHash, to.root)
  if (E.isRight(ok)) return E.right(undefined)
  const reason = `the consistency proof from the kept checkpoint of size ${kept.treeSize} to size ${to.size} fails: ${ok.left.message}`
  return E.right(verificationFailure(Math.max(kept.treeSize - 1, 0), 'rollback', reason, { kept: kept.treeSize, log: logSize }))
}
