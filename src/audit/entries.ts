/**
 * What the append protocol (`src/store/event-store.ts`) computes inside a dialect's write
 * transaction: positions, canonical bytes, leaf hashes and the tree nodes the batch completes.
 * Pure; the core calls it with the size and frontier the dialect read.
 */
import type { NewEvent, StoredEvent } from '../domain/events.js'
import { entryText } from './canonical.js'
import { hashLeafText } from './hash.js'
import { extendTree, type TreeNode } from './tree.js'
import { extend } from '../domain/extend.js'

/** A batch ready to be written: events at their positions, their canonical texts (the entries' bytes as UTF-8), new nodes. */
export interface PreparedBatch {
  readonly events: ReadonlyArray<StoredEvent>
  readonly texts: ReadonlyArray<string>
  readonly nodes: ReadonlyArray<TreeNode>
}

/**
 * Places a batch at `size` (the store's current size) and computes leaves and nodes.
 * `frontier` holds the hashes of `frontierIds(size)`.
 *
 * @example
 * const batch = prepareBatch(size, frontier, events) // then insert batch.events and batch.nodes
 */
export const prepareBatch = (size: number, frontier: ReadonlyArray<Uint8Array>, events: ReadonlyArray<NewEvent>): PreparedBatch => {
  const stored = events.map((e, i) => extend(e, { position: size + i }) as StoredEvent)
  // the leaves hash the texts as they are (UTF-8), with no copy into a buffer and back for the row
  const texts = stored.map(entryText)
  const nodes = extendTree(size, frontier, texts.map(hashLeafText))
  return { events: stored, texts, nodes }
}
