/**
 * The raw floor of verification: SHA-256 of the same bytes (each entry's leaf, then the interior
 * nodes over them), with node:crypto's one-shot `hash` (its fastest SHA-256), timing only the hashing.
 */
import { hash } from 'node:crypto'
import { rate } from '../workloads/common.js'
import { entryPages } from './sqlite.js'

const LEAF = Buffer.from([0])
const NODE = Buffer.from([1])

/**
 * Entries per second hashing every entry of a register file as RFC 6962 leaves plus the n - 1
 * interior nodes above them (reading the bytes is not timed).
 *
 * @example
 * const perSecond = await rawHashRate('./big.db')
 */
export const rawHashRate = async (path: string): Promise<number> => {
  let n = 0
  let ms = 0
  const stack: Buffer[] = []
  const sizes: number[] = []
  await entryPages(path, 10_000, (page) => {
    const t0 = performance.now()
    for (const bytes of page) {
      let h = hash('sha256', Buffer.concat([LEAF, bytes]), 'buffer')
      let size = 1
      // the running frontier: merge equal-sized subtrees, one interior hash per merge
      while (sizes.length > 0 && sizes[sizes.length - 1] === size) {
        h = hash('sha256', Buffer.concat([NODE, stack.pop()!, h]), 'buffer')
        size += sizes.pop()!
      }
      stack.push(h)
      sizes.push(size)
    }
    ms += performance.now() - t0
    n += page.length
  })
  if (n === 0) throw new Error(`no entries to hash in ${path}`)
  return rate(n, ms)
}
