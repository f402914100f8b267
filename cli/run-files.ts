/**
 * The files a run of the command line must not write over (outputs.ts): for the store in force
 * its own files (a SQLite register, its key store, their -wal, -shm and -journal files, the
 * default signing key and processing log), the signing key and processing log in force, and
 * every file an option or argument of the command names that exists (its inputs).
 */
import { existsSync } from 'node:fs'
import { keyLocation } from './keys.js'
import { guardFiles, sqliteFiles } from './outputs.js'
import { processingLogPath } from './processing-log.js'
import { storeUrl } from './stores.js'

/** Option values that are written, not read: they are checked as outputs instead. */
const OUTPUT_OPTIONS = new Set(['out'])

/**
 * Sets the guarded files for a command about to run, from its options and arguments.
 *
 * @example
 * guardRun({ store: 'sqlite:r.db', out: 'x.csv' }, ['commands.jsonl'])
 */
export const guardRun = (opts: Readonly<Record<string, unknown>>, args: ReadonlyArray<unknown>): void => {
  const register: string[] = []
  const store = typeof opts['store'] === 'string' || opts['store'] === undefined ? storeUrl(opts['store'] as string | undefined) : ''
  const file = store.startsWith('sqlite:') ? store.slice('sqlite:'.length) : undefined
  if (file !== undefined && file !== '') register.push(...sqliteFiles(file), ...sqliteFiles(`${file}.keys`), `${file}.key`, `${file}.checkpoint`)
  const key = keyLocation({ ...(typeof opts['key'] === 'string' ? { key: opts['key'] } : {}), ...(store !== '' ? { store } : {}) })
  if (key !== undefined) register.push(key.path)
  const processingLog = typeof opts['processingLog'] === 'string' ? opts['processingLog'] : undefined
  // guarded as an input: the processing log is appended to, never replaced
  const log = processingLogPath(file !== undefined && file !== '' ? { path: file } : {}, processingLog)
  const inputs = [log, ...Object.entries(opts).filter(([k]) => !OUTPUT_OPTIONS.has(k)).map(([, v]) => v), ...args]
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .filter((v): v is string => typeof v === 'string' && v !== '' && (v === log || existsSync(v)))
  guardFiles(register, inputs)
}
