/**
 * Where the command line writes its processing log (Logboek Dataverwerkingen): `--processing-log
 * PATH`, else `CONTACT_LEDGER_PROCESSING_LOG`, else beside a SQLite register (`PATH.processing.jsonl`),
 * else `./contact-ledger.processing.jsonl`.
 */
import { fileProcessingLog } from '../adapters/file/index.js'
import type { ProcessingLog } from '../src/index.js'
import type { OpenedStore } from './stores.js'
import { ownerOnly } from './file-modes.js'
import { CliError } from './errors.js'
import { checkNotRegisterFile } from './outputs.js'

/** The processing log file for an opened store. @example processingLogPath(opened, undefined) */
export const processingLogPath = (opened: Pick<OpenedStore, 'path'>, option: string | undefined): string =>
  option ?? process.env['CONTACT_LEDGER_PROCESSING_LOG'] ?? (opened.path !== undefined ? `${opened.path}.processing.jsonl` : './contact-ledger.processing.jsonl')

/**
 * The processing log for an opened store. A record that cannot be written (the path is a folder,
 * its folder is missing, no permission) is exit 2 naming the file: the read it records fails.
 *
 * @example
 * createLedger({ ..., processingLog: processingLogFor(opened) })
 */
export const processingLogFor = (opened: Pick<OpenedStore, 'path'>, option?: string): ProcessingLog => {
  const path = processingLogPath(opened, option)
  if ((option ?? process.env['CONTACT_LEDGER_PROCESSING_LOG']) !== undefined) checkNotRegisterFile(path, option !== undefined ? '--processing-log' : 'CONTACT_LEDGER_PROCESSING_LOG')
  ownerOnly([path]) // created 0600 by the file adapter; an existing wider one is narrowed
  const log = fileProcessingLog(path)
  return {
    write: async (records) => {
      try {
        await log.write(records)
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e))
        throw new CliError(`cannot write the processing log ${path} (${code}); give --processing-log a file in a folder that exists and that you may write to`, 2)
      }
    },
  }
}
