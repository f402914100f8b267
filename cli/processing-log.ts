/**
 * Where the command line writes its processing log (Logboek Dataverwerkingen): `--processing-log
 * PATH`, else `CONTACT_LEDGER_PROCESSING_LOG`, else beside a SQLite register (`PATH.processing.jsonl`),
 * else `./contact-ledger.processing.jsonl`.
 */
import { fileProcessingLog } from '../adapters/file/index.js'
import type { ProcessingLog } from '../src/index.js'
import type { OpenedStore } from './stores.js'
import { ownerOnly } from './file-modes.js'

/** The processing log file for an opened store. @example processingLogPath(opened, undefined) */
export const processingLogPath = (opened: Pick<OpenedStore, 'path'>, option: string | undefined): string =>
  option ?? process.env['CONTACT_LEDGER_PROCESSING_LOG'] ?? (opened.path !== undefined ? `${opened.path}.processing.jsonl` : './contact-ledger.processing.jsonl')

/** The processing log for an opened store. @example createLedger({ ..., processingLog: processingLogFor(opened) }) */
export const processingLogFor = (opened: Pick<OpenedStore, 'path'>, option?: string): ProcessingLog => {
  const path = processingLogPath(opened, option)
  ownerOnly([path]) // created 0600 by the file adapter; an existing wider one is narrowed
  return fileProcessingLog(path)
}
