/**
 * The in-memory register's "schema": the log, its canonical texts, the tree's nodes, the
 * checkpoints and their witnesses' cosignatures, and the indexes a selection is looked up in (positions by tag, by tag and type,
 * by type, by idempotency key; each ascending). There is no driver and nothing to migrate, so the
 * memory adapter has no `connect.ts` or `errors.ts`: nothing in it can fail.
 */
import type { StoredEvent, TreeNode } from '../../src/store/index.js'

/** The tables of one in-memory register. */
export interface MemoryTables {
  readonly events: StoredEvent[]
  readonly texts: string[]
  readonly nodes: Map<string, Uint8Array>
  readonly checkpoints: Map<number, string>
  /** Witnesses' cosignature lines by checkpoint size, in the order stored (append-only, like the checkpoints). */
  readonly cosignatures: Map<number, string[]>
  readonly byKey: Map<string, number[]>
  readonly byTag: Map<string, number[]>
  /** Positions by tag, then by type (no key built per lookup). */
  readonly byTagType: Map<string, Map<string, number[]>>
  readonly byType: Map<string, number[]>
}

/** Empty tables. @example const tables = emptyTables() */
export const emptyTables = (): MemoryTables => ({
  events: [],
  texts: [],
  nodes: new Map(),
  checkpoints: new Map(),
  cosignatures: new Map(),
  byKey: new Map(),
  byTag: new Map(),
  byTagType: new Map(),
  byType: new Map(),
})

/** The key of a stored node. @example nodeKeyOf({ level: 1, index: 2 }) === '1:2' */
export const nodeKeyOf = (n: { readonly level: number; readonly index: number }): string => `${n.level}:${n.index}`

const push = (m: Map<string, number[]>, k: string, p: number): void => {
  const xs = m.get(k)
  if (xs === undefined) m.set(k, [p])
  else xs.push(p)
}

/**
 * Writes one event with its canonical text and indexes it.
 *
 * @example
 * insertEvent(tables, event, entry)
 */
export const insertEvent = (t: MemoryTables, e: StoredEvent, entry: string): void => {
  t.events.push(e)
  t.texts.push(entry)
  for (const tag of new Set(e.tags)) {
    push(t.byTag, tag, e.position)
    const byType = t.byTagType.get(tag)
    if (byType === undefined) t.byTagType.set(tag, new Map([[e.type, [e.position]]]))
    else push(byType, e.type, e.position)
  }
  push(t.byType, e.type, e.position)
  if (e.meta.idempotencyKey !== undefined) push(t.byKey, e.meta.idempotencyKey, e.position)
}

/** Writes a node. @example insertNode(tables, { level: 0, index: 0, hash }) */
export const insertNode = (t: MemoryTables, n: TreeNode): void => void t.nodes.set(nodeKeyOf(n), n.hash)
