import * as E from 'fp-ts/lib/Either.js'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqlite, openSqliteKeyStore } from '../../adapters/sqlite/index.js'
import { describeEventStoreConformance, describeKeyStoreConformance } from '../../src/testing/vitest.js'

const must = <A>(r: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right
}

describeEventStoreConformance('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-sqlite-'))
  const opened = must(await openSqlite({ path: join(dir, 'register.db') }))
  return { store: opened.store, cleanup: async () => (await opened.close(), rmSync(dir, { recursive: true, force: true })) }
})

describeKeyStoreConformance('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-sqlite-keys-'))
  const path = join(dir, 'register.db.keys')
  const keys = must(openSqliteKeyStore(path))
  return {
    keys,
    reopen: async () => (await keys.close(), must(openSqliteKeyStore(path))),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  }
})
