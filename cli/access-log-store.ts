/**
 * Where the command line keeps the access log (rule 20): beside a SQLite register in its own file
 * (`PATH.access`, owner only), in the register's schema on PostgreSQL, in memory for `memory:`.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { AccessLog } from '../src/index.js'
import { CliError } from './errors.js'
import { ownerOnly } from './file-modes.js'
import type { OpenedStore } from './stores.js'

/**
 * Opens the access log of an opened store; one that cannot be opened is exit 2 naming it (the
 * read it would record does not happen).
 *
 * @example
 * const accessLog = await accessLogFor(opened)
 */
export const accessLogFor = async (opened: Pick<OpenedStore, 'url' | 'path'>): Promise<AccessLog> => {
  const fail = (message: string): never => {
    throw new CliError(`cannot open the access log: ${message}; no restricted read is made without it`, 2)
  }
  if (opened.url.startsWith('memory:') || opened.path === undefined && !/^postgres(ql)?:/.test(opened.url)) {
    const { memoryAccessLog } = await import('../adapters/memory/index.js')
    return memoryAccessLog()
  }
  if (opened.path !== undefined) {
    const { accessPathOf, openSqliteAccessLog } = await import('../adapters/sqlite/index.js')
    const path = accessPathOf(opened.path)
    const log = openSqliteAccessLog(path)
    if (E.isLeft(log)) return fail(log.left.message)
    ownerOnly(['', '-wal', '-shm'].map((s) => `${path}${s}`))
    return log.right
  }
  const { openPostgresAccessLog } = await import('../adapters/postgres/index.js')
  const log = await openPostgresAccessLog({ url: opened.url })
  return E.isLeft(log) ? fail(log.left.message) : log.right
}
