/**
 * The default processing log: JSON Lines appended to a file (one line per processing of one
 * person), flushed to disk before the call returns.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs'
import type { ProcessingLog } from '../../src/ports/processing-log.js'

/**
 * A processing log that appends to `path`, creating it (mode 0600) when missing.
 *
 * @example
 * const log = fileProcessingLog('./contact-ledger.db.processing.jsonl')
 */
export const fileProcessingLog = (path: string): ProcessingLog => ({
  write: async (records) => {
    if (records.length === 0) return
    const fd = openSync(path, 'a', 0o600)
    try {
      writeSync(fd, records.map((r) => JSON.stringify(r)).join('\n') + '\n')
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  },
})
