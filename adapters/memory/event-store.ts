/**
 * The in-memory EventStore: for tests, the demo and short-lived tools. Appends are synchronous
 * inside one call, so every batch is atomic and positions are gapless.
 */
import * as TE from 'fp-ts/lib/TaskEither.js'
import { prepareBatch } from '../../src/audit/entries.js'
import { frontierIds, nodeKey } from '../../src/audit/tree.js'
import { conflict } from '../../src/domain/errors.js'
import type { StoredEvent } from '../../src/domain/events.js'
import type { EventStore, StoredCheckpoint } from '../../src/ports/event-store.js'
import { matches, type Query } from '../../src/ports/query.js'

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i)

/**
 * Makes an empty in-memory store.
 *
 * @example
 * const ledger = createLedger({ store: memoryEventStore() })
 */
export const memoryEventStore = (): EventStore => {
  const events: StoredEvent[] = []
  const texts: string[] = []
  const nodes = new Map<string, Uint8Array>()
  const byKey = new Map<string, number[]>()
  const checkpoints = new Map<number, string>()
  // indexes: positions by tag, by tag and type, and by type, ascending
  const byTag = new Map<string, number[]>()
  const byTagType = new Map<string, number[]>()
  const byType = new Map<string, number[]>()
  const tagType = (tag: string, type: string) => `${type}\u0000${tag}`
  const index = (m: Map<string, number[]>, k: string, p: number) => {
    const xs = m.get(k)
    if (xs === undefined) m.set(k, [p])
    else xs.push(p)
  }

  /** Candidate positions for a query: the union of, per item, its rarest index list. */
  const candidates = (query: Query): ReadonlyArray<number> | undefined => {
    const out = new Set<number>()
    for (const item of query) {
      // a tag narrows best, with the item's types when it names them (an organisation's standing
      // is a few events among its thousands of contacts); the type list only for items without tags
      const types = item.types
      const lists = (item.tags ?? []).map((t) =>
        types === undefined ? (byTag.get(t) ?? []) : types.flatMap((ty) => byTagType.get(tagType(t, ty)) ?? []),
      )
      if (lists.length === 0 && types !== undefined) lists.push(types.flatMap((t) => byType.get(t) ?? []))
      if (lists.length === 0) return undefined // an item that matches everything
      const rarest = lists.reduce((a, b) => (b.length < a.length ? b : a))
      for (const p of rarest) out.add(p)
    }
    return [...out].sort((a, b) => a - b)
  }

  const append: EventStore['append'] = (batch, options = {}) => () => {
    const { condition } = options
    const keys = new Set(batch.flatMap((e) => (e.meta.idempotencyKey !== undefined ? [e.meta.idempotencyKey] : [])))
    for (const k of keys) if (byKey.has(k)) return Promise.resolve({ _tag: 'Left', left: conflict(events.length - 1) })
    if (condition !== undefined) {
      const cands = candidates(condition.query)
      const later = cands === undefined ? range(condition.after + 1, events.length) : cands.filter((p) => p > condition.after)
      if (later.some((p) => matches(events[p]!, condition.query))) return Promise.resolve({ _tag: 'Left', left: conflict(condition.after) })
    }
    const size = events.length
    const frontier = frontierIds(size).map((id) => nodes.get(nodeKey(id))!)
    const prepared = prepareBatch(size, frontier, batch)
    for (const [i, e] of prepared.events.entries()) {
      events.push(e)
      texts.push(prepared.bytes[i]!.toString('utf8'))
      for (const t of new Set(e.tags)) (index(byTag, t, e.position), index(byTagType, tagType(t, e.type), e.position))
      index(byType, e.type, e.position)
    }
    for (const n of prepared.nodes) nodes.set(nodeKey(n), n.hash)
    for (const e of prepared.events) {
      const k = e.meta.idempotencyKey
      if (k !== undefined) byKey.set(k, [...(byKey.get(k) ?? []), e.position])
    }
    return Promise.resolve({ _tag: 'Right', right: prepared.events })
  }

  return {
    append,
    read: (options = {}) =>
      TE.fromIO(() => {
        const from = Math.max(0, options.from ?? 0)
        const to = Math.min(events.length, options.to ?? events.length)
        const out: StoredEvent[] = []
        const positions = options.query === undefined ? undefined : candidates(options.query)
        const push = (p: number) => {
          const e = events[p]!
          if (options.query === undefined || matches(e, options.query)) out.push(e)
          return options.limit !== undefined && out.length >= options.limit
        }
        if (positions === undefined) {
          for (let p = from; p < to; p++) if (push(p)) break
        } else {
          for (const p of positions) if (p >= from && p < to && push(p)) break
        }
        return out
      }),
    size: () => TE.fromIO(() => events.length),
    entries: ({ from, limit }) =>
      TE.fromIO(() => {
        const start = Math.max(0, from)
        return events.slice(start, start + limit).map((e, i) => ({ position: e.position, type: e.type, entry: texts[start + i]! }))
      }),
    readByIdempotencyKey: (key) => TE.fromIO(() => (byKey.get(key) ?? []).map((p) => events[p]!)),
    nodes: (ids) => TE.fromIO(() => ids.map((id) => nodes.get(nodeKey(id)))),
    putCheckpoint: (c: StoredCheckpoint) => TE.fromIO(() => void checkpoints.set(c.treeSize, c.note)),
    checkpoints: () =>
      TE.fromIO(() => [...checkpoints].sort((a, b) => a[0] - b[0]).map(([treeSize, note]) => ({ treeSize, note }))),
    close: () => Promise.resolve(),
  }
}
