/** The Ids port: where new ids come from. Production uses UUID v7; tests inject a sequence. */
import { v7 } from 'uuid'

/** Makes a new UUID. */
export interface Ids {
  readonly next: () => string
}

/** Time-ordered UUID v7 ids. @example createLedger({ store, ids: uuidV7 }) */
export const uuidV7: Ids = { next: () => v7() }

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
