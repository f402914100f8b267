/**
 * The in-memory dialect: the register's tables in arrays and maps, for tests, the demo and
 * one-process tools. Every step is synchronous (an already-resolved TaskEither); the core runs
 * one write transaction at a time, and the rows are written in the same step that commits them.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import type { Selection, StorageDialect, StoredEvent, TagGroup, WriteTransaction } from '../../src/store/index.js'
import { emptyTables, insertEvent, insertNode, nodeKeyOf, tagTypeKey, type MemoryTables } from './schema.js'

// ---------------------------------------------------------------------------------------------
// utils

const NONE: ReadonlyArray<number> = []

/** The ascending position lists a group's tag (with its types, when it names them) is indexed under. */
const listsOfTag = (t: MemoryTables, tag: string, types: ReadonlyArray<string> | undefined): ReadonlyArray<ReadonlyArray<number>> =>
  types === undefined ? [t.byTag.get(tag) ?? NONE] : types.map((ty) => t.byTagType.get(tagTypeKey(tag, ty)) ?? NONE)

const holdsAll = (e: StoredEvent, g: Extract<TagGroup, { _tag: 'AllTags' }>): boolean =>
  (g.types === undefined || g.types.includes(e.type)) && g.tags.every((tag) => e.tags.includes(tag))

/** The positions of an `AllTags` group: its rarest tag's list, checked against the others. */
const allTags = (t: MemoryTables, g: Extract<TagGroup, { _tag: 'AllTags' }>): ReadonlyArray<number> => {
  const per = g.tags.map((tag) => listsOfTag(t, tag, g.types).flat())
  const rarest = per.reduce((a, b) => (b.length < a.length ? b : a))
  return rarest.filter((p) => holdsAll(t.events[p]!, g))
}

/** Every position a group selects (ascending lists, possibly several). */
const listsOf = (t: MemoryTables, g: TagGroup): ReadonlyArray<ReadonlyArray<number>> => {
  switch (g._tag) {
    case 'AnyTag':
      return g.tags.flatMap((tag) => listsOfTag(t, tag, g.types))
    case 'AllTags':
      return [allTags(t, g)]
    case 'Types':
      return g.types.map((ty) => t.byType.get(ty) ?? NONE)
  }
}

/** The positions a selection selects, ascending; `undefined` for all. */
const positionsOf = (t: MemoryTables, s: Selection): ReadonlyArray<number> | undefined => {
  if (s === 'all') return undefined
  const out = new Set<number>()
  for (const g of s) for (const xs of listsOf(t, g)) for (const p of xs) out.add(p)
  return [...out].sort((a, b) => a - b)
}

/** Whether a selection holds a position after `after` (each list is ascending: its last tells). */
const anyAfter = (t: MemoryTables, s: Selection, after: number): boolean =>
  s === 'all' ? t.events.length > after + 1 : s.some((g) => listsOf(t, g).some((xs) => xs.length > 0 && xs[xs.length - 1]! > after))

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * A dialect over fresh in-memory tables.
 *
 * @example
 * const store = eventStoreOver(memoryDialect())
 */
export const memoryDialect = (t: MemoryTables = emptyTables()): StorageDialect => {
  const tx: WriteTransaction = {
    inspect: ({ keys, condition }) =>
      TE.fromIO(() => ({
        size: t.events.length,
        keySeen: keys.some((k) => t.byKey.has(k)),
        matched: condition !== undefined && anyAfter(t, condition.selection, condition.after),
      })),
    nodes: (ids) => TE.fromIO(() => ids.map((id) => t.nodes.get(nodeKeyOf(id)))),
  }
  return {
    transact: (plan) => () =>
      plan(tx)().then((r) => {
        if (E.isLeft(r)) return r
        for (const { event, entry } of r.right.rows) insertEvent(t, event, entry)
        for (const n of r.right.nodes) insertNode(t, n)
        return E.right(undefined)
      }),
    size: () => TE.fromIO(() => t.events.length),
    read: ({ selection, from, to, limit }) =>
      TE.fromIO(() => {
        const end = Math.min(t.events.length, to ?? t.events.length)
        const max = limit ?? Infinity
        const out: StoredEvent[] = []
        const positions = positionsOf(t, selection)
        if (positions === undefined) for (let p = from; p < end && out.length < max; p++) out.push(t.events[p]!)
        else for (const p of positions) if (out.length >= max) break
        else if (p >= from && p < end) out.push(t.events[p]!)
        return out
      }),
    readByIdempotencyKey: (key) => TE.fromIO(() => (t.byKey.get(key) ?? NONE).map((p) => t.events[p]!)),
    entries: ({ from, limit }) =>
      TE.fromIO(() => t.events.slice(from, from + limit).map((e, i) => ({ position: e.position, type: e.type, entry: t.texts[from + i]! }))),
    nodes: tx.nodes,
    putCheckpoint: (c) => TE.fromIO(() => void t.checkpoints.set(c.treeSize, c.note)),
    checkpoints: () => TE.fromIO(() => [...t.checkpoints].sort((a, b) => a[0] - b[0]).map(([treeSize, note]) => ({ treeSize, note }))),
    close: () => Promise.resolve(),
  }
}
