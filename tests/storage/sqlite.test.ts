import * as E from 'fp-ts/lib/Either.js'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqliteEventStore } from '../../adapters/sqlite/index.js'
import { describeEventStoreConformance } from '../../src/testing/index.js'

describeEventStoreConformance('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-sqlite-'))
  const store = openSqliteEventStore(join(dir, 'register.db'))
  if (E.isLeft(store)) throw new Error(store.left.message)
  return { store: store.right, cleanup: async () => (await store.right.close(), rmSync(dir, { recursive: true, force: true })) }
})
