/** The Ids port: where new ids come from. Production uses UUID v7; tests inject a sequence. */
import { randomFillSync } from 'node:crypto'
import { v7 } from 'uuid'

/** Makes a new UUID. */
export interface Ids {
  readonly next: () => string
}

// uuid asks the system for 16 random bytes per id; a pool refilled 256 ids at a time is the same
// randomness (crypto.randomFillSync) at a fraction of the calls
const POOL = Buffer.alloc(16 * 256)
let used = POOL.length
const random16 = (): Uint8Array => {
  if (used === POOL.length) {
    randomFillSync(POOL)
    used = 0
  }
  used += 16
  return POOL.subarray(used - 16, used)
}

/** Time-ordered UUID v7 ids. @example createLedger({ store, ids: uuidV7 }) */
export const uuidV7: Ids = { next: () => v7({ random: random16() }) }

/**
 * A deterministic id source for tests: `00000000-0000-7000-8000-000000000001`, `…002`, ….
 *
 * @example
 * const ids = sequentialIds(); ids.next() // '00000000-0000-7000-8000-000000000001'
 */
export const sequentialIds = (prefix = '00000000'): Ids & { readonly count: () => number } => {
  let n = 0
  return {
    next: () => {
      n += 1
      return `${prefix}-0000-7000-8000-${n.toString(16).padStart(12, '0')}`
    },
    count: () => n,
  }
}
