/** An in-memory access log, for tests and one-process tools: `records` and `stored` hold what was written. */
import * as E from 'fp-ts/lib/Either.js'
import { chainAccess, EMPTY_ACCESS_HEAD, type AccessHead, type AccessLog, type AccessRecord } from '../../src/store/index.js'

/**
 * Makes an in-memory access log (its records and head are exposed, so a test can tamper with them).
 *
 * @example
 * const accessLog = memoryAccessLog(); createLedger({ store, accessLog }); accessLog.records.length // 0
 */
export const memoryAccessLog = (): AccessLog & { readonly records: AccessRecord[]; readonly stored: { head: AccessHead } } => {
  const records: AccessRecord[] = []
  const stored = { head: EMPTY_ACCESS_HEAD }
  return {
    records,
    stored,
    append: async (entry) => {
      const record = chainAccess(stored.head, entry)
      records.push(record)
      stored.head = { count: record.seq + 1, hash: record.hash }
      return E.right(record)
    },
    read: async (range = {}) => E.right(records.filter((r) => r.seq >= (range.from ?? 0) && (range.to === undefined || r.seq < range.to))),
    head: async () => E.right(stored.head),
    close: async () => undefined,
  }
}
