/** Translating SQLite's errors into the register's StoreError, with what to do about each. */
import * as E from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import { storeError, type StoreError } from '../../src/domain/errors.js'

const codeOf = (e: unknown): string => {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : ''
}

/**
 * A StoreError for an exception thrown by the SQLite driver on the register at `path`.
 *
 * @example
 * try { db.exec('BEGIN IMMEDIATE') } catch (e) { return E.left(sqliteError(path)(e)) }
 */
export const sqliteError =
  (path: string) =>
  (e: unknown): StoreError => {
    const code = codeOf(e)
    const detail = e instanceof Error ? e.message : String(e)
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
      return storeError('locked', `another process holds the register ${path} (${detail}); try again when it is done, or close the program that has it open`)
    if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))
      return storeError('unreadable', `cannot read ${path}: it is not a SQLite register (${detail}); check the path, or restore the file from a copy`)
    if (code.startsWith('SQLITE_CANTOPEN') || (e instanceof TypeError && /directory does not exist/.test(detail)))
      return storeError('unreadable', `cannot open ${path} (${detail}); check that the path names a file in a folder that exists and that you may write to`)
    if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_AUTH'))
      return storeError('io', `cannot write to ${path} (${detail}); check the file's permissions`)
    if (code === 'SQLITE_FULL') return storeError('io', `the disk holding ${path} is full (${detail}); free some space and try again`)
    return storeError('io', `the register ${path} failed: ${detail}${code ? ` (${code})` : ''}; try again, and report it if it persists`)
  }

/**
 * Runs synchronous driver work as a TaskEither, turning a thrown error into a StoreError with `fail`.
 *
 * @example
 * const size = guardedWith(sqliteError(path))(() => db.prepare('SELECT 1').get())
 */
export const guardedWith =
  (fail: (e: unknown) => StoreError) =>
  <A>(work: () => A): TaskEither<StoreError, A> =>
  () => {
    try {
      return Promise.resolve(E.right(work()))
    } catch (e) {
      return Promise.resolve(E.left(fail(e)))
    }
  }
