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
import type { EventStore, StoredCheckpoint } from '../ports/event-store.js'
import { PAGE_SIZE } from '../ports/pages.js'
import { verifyCheckpoint, parseCheckpoint } from './checkpoint.js'
import { entryBytes } from './canonical.js'
import { emptyFrontier, frontierRoot, pushLeaf } from './frontier.js'
import { hashLeaf, hashLeafText } from './hash.js'
import type { Verifier } from './note.js'
import type { NodeId } from './tree.js'

// ---------------------------------------------------------------------------------------------
// model

/** What went wrong at the first failing position. */
export type FailureKind = 'entry' | 'tree' | 'checkpoint' | 'event-check'

/** The log does not verify: `position` is the first entry (or checkpoint's last entry) that fails. */
export interface VerificationFailure {
  readonly _tag: 'VerificationFailure'
  readonly position: number
  readonly kind: FailureKind
  readonly reason: string
  readonly message: string
}

/** Every check held. */
export interface Verified {
  readonly _tag: 'Verified'
  readonly treeSize: number
  readonly rootHash: Uint8Array
  readonly checkpoints: number
  /** False when no verifier key was given, so checkpoint signatures were not checked. */
  readonly signaturesChecked: boolean
}

export type VerificationResult = Verified | VerificationFailure

/** An extra check of one event (e.g. re-render a report snapshot); `Left` holds the reason. */
export type EventCheck = (event: StoredEvent, store: EventStore) => Promise<E.Either<string, void>>

export interface VerifyOptions {
  /** Keys whose signatures make a checkpoint valid; without them, signatures are not checked. */
  readonly verifiers?: ReadonlyArray<Verifier>
  /** Called for every event after its leaf verified; the reports module checks snapshots here. */
  readonly checkEvent?: EventCheck
  /**
   * The event types `checkEvent` is for; other events are not given to it (nor parsed, where the
   * store hands verification its stored entry text). Default: every event.
   */
  readonly checkTypes?: ReadonlyArray<string>
  /** Called after each page with the number of entries verified so far (for progress displays). */
  readonly onProgress?: (verified: number) => void
}

/**
 * A verification failure at a position.
 *
 * @example
 * verificationFailure(7, 'entry', 'the leaf hash of entry 7 does not match')
 */
export const verificationFailure = (position: number, kind: FailureKind, reason: string): VerificationFailure => ({
  _tag: 'VerificationFailure',
  position,
  kind,
  reason,
  message: `verification failed at position ${position}: ${reason}`,
})

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

/** Checks a stored checkpoint against the root the entries give at its size. */
export const checkCheckpoint = (cp: StoredCheckpoint, root: Uint8Array, verifiers: ReadonlyArray<Verifier> | undefined): VerificationFailure | undefined => {
  const at = Math.max(cp.treeSize - 1, 0)
  const fail = (reason: string) => verificationFailure(at, 'checkpoint', `the checkpoint at size ${cp.treeSize}: ${reason}`)
  let body: E.Either<{ message: string }, { treeSize: number; rootHash: Uint8Array }>
  if (verifiers === undefined) body = parseCheckpoint(cp.note.slice(0, cp.note.lastIndexOf('\n\n') + 1))
  else if (verifiers.length === 0) body = E.left({ message: 'no verifier key was given to check its signature' })
  else {
    const tried = verifiers.map((v) => verifyCheckpoint(cp.note, v))
    body = tried.find(E.isRight) ?? tried[0]!
  }
  if (E.isLeft(body)) return fail(body.left.message)
  if (body.right.treeSize !== cp.treeSize) return fail(`its note says size ${body.right.treeSize}`)
  if (!same(body.right.rootHash, root))
    return fail(`its root ${hex(body.right.rootHash)} is not the log's root ${hex(root)} at that size: the log was rewritten`)
  return undefined
}

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
const readPage = async (store: EventStore, from: number): Promise<E.Either<StoreError, ReadonlyArray<PageItem>>> => {
  if (store.entries !== undefined) {
    const r = await store.entries({ from, limit: PAGE_SIZE })()
    if (E.isLeft(r)) return r
    return E.right(
      r.right.map((x) => ({
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
    )
  }
  const r = await store.read({ from, limit: PAGE_SIZE })()
  if (E.isLeft(r)) return r
  return E.right(r.right.map((e) => ({ position: e.position, type: e.type, leaf: leafOf(e), event: () => e })))
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
    const checkpoints = [...stored.right].sort((a, b) => a.treeSize - b.treeSize)
    let nextCheckpoint = 0
    const frontier = emptyFrontier()
    let expected = 0
    const checkpointsAt = (size: number): VerificationFailure | undefined => {
      while (nextCheckpoint < checkpoints.length && checkpoints[nextCheckpoint]!.treeSize === size) {
        const failure = checkCheckpoint(checkpoints[nextCheckpoint]!, frontierRoot(frontier), options.verifiers)
        if (failure !== undefined) return failure
        nextCheckpoint++
      }
      return undefined
    }
    const atZero = checkpointsAt(0)
    if (atZero !== undefined) return E.right(atZero)
    for (;;) {
      const read = await readPage(store, expected)
      if (E.isLeft(read)) {
        const bad = await unreadableEntry(store, expected, read.left)
        return E.isLeft(bad) ? bad : E.right(bad.right)
      }
      const page = read.right
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
    return E.right({ _tag: 'Verified', treeSize: expected, rootHash: frontierRoot(frontier), checkpoints: checkpoints.length, signaturesChecked: options.verifiers !== undefined })
  }
