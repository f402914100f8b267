/** Group commit on the memory and SQLite stores (`group-commit-suite.ts`). */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { openMemory } from '../../adapters/memory/index.js'
import { openSqlite } from '../../adapters/sqlite/index.js'
import { groupCommitSuite, type Opened } from './group-commit-suite.js'

const must = async (opened: Promise<E.Either<{ message: string }, Opened>>): Promise<Opened> => {
  const o = await opened
  if (E.isLeft(o)) throw new Error(o.left.message)
  return o.right
}

groupCommitSuite('memory', () => must(openMemory()), 40)

groupCommitSuite(
  'SQLite',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-group-'))
    const o = await must(openSqlite({ path: join(dir, 'register.db') }))
    return { ...o, close: async () => (await o.close(), rmSync(dir, { recursive: true, force: true })) }
  },
  8,
)
