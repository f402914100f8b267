/**
 * A running RFC 6962 frontier: the complete subtrees of the leaves seen so far, largest first.
 * Streaming verifiers push leaves one by one and read the root at any size in O(log n) memory.
 */
import { EMPTY_ROOT, hashChildren } from './hash.js'

/** The frontier's state; mutable, owned by one verifier. */
export interface RunningFrontier {
  readonly stack: Array<{ level: number; hash: Uint8Array }>
}

/** An empty frontier. @example const f = emptyFrontier() */
export const emptyFrontier = (): RunningFrontier => ({ stack: [] })

/**
 * Adds a leaf; returns the interior hashes it completes, lowest first.
 *
 * @example
 * pushLeaf(f, hashLeaf(bytes)) // [] for an even position, [node(1, …)] for an odd one, …
 */
export const pushLeaf = (f: RunningFrontier, leaf: Uint8Array): Uint8Array[] => {
  f.stack.push({ level: 0, hash: leaf })
  const made: Uint8Array[] = []
  for (;;) {
    const n = f.stack.length
    if (n < 2 || f.stack[n - 1]!.level !== f.stack[n - 2]!.level) return made
    const right = f.stack.pop()!
    const left = f.stack.pop()!
    const hash = hashChildren(left.hash, right.hash)
    f.stack.push({ level: left.level + 1, hash })
    made.push(hash)
  }
}

/** The root of the leaves pushed so far. @example frontierRoot(f).toString('hex') */
export const frontierRoot = (f: RunningFrontier): Uint8Array => {
  if (f.stack.length === 0) return EMPTY_ROOT
  let acc = f.stack[f.stack.length - 1]!.hash
  for (let i = f.stack.length - 2; i >= 0; i--) acc = hashChildren(f.stack[i]!.hash, acc)
  return acc
}
