/**
 * The in-memory dialect: the register's tables in arrays and maps, for tests, the demo and
 * one-process tools. Every step is synchronous (an already-resolved TaskEither, and `transactSync`,
 * which the core uses to append in one synchronous step); the core runs one write transaction at a
 * time, and the rows are written in the same step that commits them.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import type { Selection, StorageDialect, StoredEvent, SyncWriteTransaction, TagGroup, WriteSet, WriteTransaction } from '../../src/store/index.js'
import { emptyTables, insertEvent, insertNode, nodeKeyOf, type MemoryTables } from './schema.js'

// ---------------------------------------------------------------------------------------------
// utils

const NONE: ReadonlyArray<number> = []

/** The ascending position list of a tag: of one type, or of every type. */
const tagList = (t: MemoryTables, tag: string, type?: string): ReadonlyArray<number> =>
  (type === undefined ? t.byTag.get(tag) : t.byTagType.get(tag)?.get(type)) ?? NONE

/** The ascending positions of a tag among some types (or all), one list. */
const tagPositions = (t: MemoryTables, tag: string, types: ReadonlyArray<string> | undefined): ReadonlyArray<number> => {
  if (types === undefined) return tagList(t, tag)
  if (types.length === 1) return tagList(t, tag, types[0])
  // an event has one type: the lists are disjoint, and sorted together they are ascending
  return types.flatMap((ty) => tagList(t, tag, ty)).sort((a, b) => a - b)
}

const holdsAll = (e: StoredEvent, g: Extract<TagGroup, { _tag: 'AllTags' }>): boolean =>
  (g.types === undefined || g.types.includes(e.type)) && g.tags.every((tag) => e.tags.includes(tag))

/** The ascending positions of an `AllTags` group: its rarest tag's, checked against the others. */
const allTags = (t: MemoryTables, g: Extract<TagGroup, { _tag: 'AllTags' }>): ReadonlyArray<number> => {
  let rarest: ReadonlyArray<number> | undefined
  for (const tag of g.tags) {
    const xs = tagPositions(t, tag, g.types)
    if (rarest === undefined || xs.length < rarest.length) rarest = xs
  }
  return (rarest ?? NONE).filter((p) => holdsAll(t.events[p]!, g))
}

/**
 * Hands `f` the position lists of a tag among some types, until `f` says stop (true): a tag is
 * on few types, so the tag's own types are walked when they are fewer than those asked (a
 * standing query asks some fifteen).
 */
const someTypedList = (t: MemoryTables, tag: string, types: ReadonlyArray<string>, f: (xs: ReadonlyArray<number>) => boolean): boolean => {
  const byType = t.byTagType.get(tag)
  if (byType === undefined) return false
  if (byType.size < types.length) {
    for (const [ty, xs] of byType) if (types.includes(ty) && f(xs)) return true
    return false
  }
  for (const ty of types) {
    const xs = byType.get(ty)
    if (xs !== undefined && f(xs)) return true
  }
  return false
}

/** Hands `f` every ascending position list a group selects from, until `f` says stop (true). */
const someList = (t: MemoryTables, g: TagGroup, f: (xs: ReadonlyArray<number>) => boolean): boolean => {
  switch (g._tag) {
    case 'AnyTag':
      for (const tag of g.tags)
        if (g.types === undefined) {
          if (f(tagList(t, tag))) return true
        } else if (someTypedList(t, tag, g.types, f)) return true
      return false
    case 'AllTags':
      return f(allTags(t, g))
    case 'Types':
      for (const ty of g.types) if (f(t.byType.get(ty) ?? NONE)) return true
      return false
  }
}

/** The positions a selection selects, ascending; `undefined` for all. */
const positionsOf = (t: MemoryTables, s: Selection): ReadonlyArray<number> | undefined => {
  if (s === 'all') return undefined
  const lists: Array<ReadonlyArray<number>> = []
  for (const g of s) someList(t, g, (xs) => (xs.length > 0 && lists.push(xs), false))
  if (lists.length <= 1) return lists[0] ?? NONE // one list is ascending already
  const out = new Set<number>()
  for (const xs of lists) for (const p of xs) out.add(p)
  return [...out].sort((a, b) => a - b)
}

/** Whether a selection holds a position after `after` (each list is ascending: its last tells). */
const anyAfter = (t: MemoryTables, s: Selection, after: number): boolean =>
  s === 'all' ? t.events.length > after + 1 : s.some((g) => someList(t, g, (xs) => xs.length > 0 && xs[xs.length - 1]! > after))

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * A dialect over fresh in-memory tables.
 *
 * @example
 * const store = eventStoreOver(memoryDialect())
 */
export const memoryDialect = (t: MemoryTables = emptyTables()): StorageDialect => {
  const now: SyncWriteTransaction = {
    inspect: ({ keys, condition }) =>
      E.right({
        size: t.events.length,
        keySeen: keys.some((k) => t.byKey.has(k)),
        matched: condition !== undefined && anyAfter(t, condition.selection, condition.after),
      }),
    nodes: (ids) => E.right(ids.map((id) => t.nodes.get(nodeKeyOf(id)))),
  }
  const tx: WriteTransaction = {
    inspect: (question) => () => Promise.resolve(now.inspect(question)),
    nodes: (ids) => () => Promise.resolve(now.nodes(ids)),
  }
  const write = (set: WriteSet): void => {
    for (const { event, entry } of set.rows) insertEvent(t, event, entry)
    for (const n of set.nodes) insertNode(t, n)
  }
  return {
    transact: (plan) => () =>
      plan(tx)().then((r) => {
        if (E.isLeft(r)) return r
        write(r.right)
        return E.right(undefined)
      }),
    transactSync: (plan) => {
      const r = plan(now)
      if (E.isLeft(r)) return r
      write(r.right)
      return E.right(undefined)
    },
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
    // a stored checkpoint is evidence and never replaced, as on SQLite and PostgreSQL
    putCheckpoint: (c) => TE.fromIO(() => void (t.checkpoints.has(c.treeSize) || t.checkpoints.set(c.treeSize, c.note))),
    checkpoints: () =>
      TE.fromIO(() =>
        [...t.checkpoints]
          .sort((a, b) => a[0] - b[0])
          .map(([treeSize, note]) => ({ treeSize, note: note + (t.cosignatures.get(treeSize) ?? []).map((l) => `${l}\n`).join('') })),
      ),
    addCosignatures: (treeSize, lines) =>
      TE.fromIO(() => {
        if (!t.checkpoints.has(treeSize)) return []
        const stored = t.cosignatures.get(treeSize) ?? []
        const added = lines.filter((l) => !stored.includes(l))
        if (added.length > 0) t.cosignatures.set(treeSize, [...stored, ...added])
        return added
      }),
    close: () => Promise.resolve(),
  }
}
