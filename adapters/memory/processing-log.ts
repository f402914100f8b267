/** An in-memory processing log, for tests and one-process tools: `records` holds what was written. */
import type { ProcessingLog, ProcessingRecord } from '../../src/ports/processing-log.js'

/**
 * Makes an in-memory processing log.
 *
 * @example
 * const log = memoryProcessingLog(); await readPersons({ ...deps, log }, state, [id]); log.records.length // 1
 */
export const memoryProcessingLog = (): ProcessingLog & { readonly records: ProcessingRecord[] } => {
  const records: ProcessingRecord[] = []
  return { records, write: async (rs) => void records.push(...rs) }
}
