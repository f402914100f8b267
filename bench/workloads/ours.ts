/**
 * Our side: stores opened through the library's adapters, and the ledger service over them,
 * set up with the benchmark's 1,000 organisations.
 */
import * as E from 'fp-ts/lib/Either.js'
import { memoryEventStore, memoryKeyStore } from '../../adapters/memory/index.js'
import { openPostgres } from '../../adapters/postgres/index.js'
import { openSqliteEventStore } from '../../adapters/sqlite/index.js'
import { createLedger, type Ledger } from '../../src/ledger/ledger.js'
import type { EventStore } from '../../src/ports/event-store.js'
import { uuidV7 } from '../../src/ports/ids.js'
import { grantCommands } from '../../src/testing/roles.js'
import { clock, contactEvents, setupCommands } from '../data.js'
import { pgAdmin, PG_URL, removeDb, tempFile } from './common.js'

export type StoreKind = 'memory' | 'sqlite' | 'postgres'

/** An opened store of ours; `close` releases it, `remove` also deletes what it made. */
export interface OpenedOurs {
  readonly kind: StoreKind
  readonly store: EventStore
  /** The SQLite file, for sqlite. */
  readonly path?: string
  /** The PostgreSQL schema, for postgres. */
  readonly schema?: string
  readonly close: () => Promise<void>
}

let schemas = 0

/**
 * Opens a store of a kind: a fresh one (removed on close), or the existing one at `at` (kept).
 *
 * @example
 * const { store, close } = await openOurs('sqlite')
 */
export const openOurs = async (kind: StoreKind, at?: { path?: string; schema?: string }): Promise<OpenedOurs> => {
  switch (kind) {
    case 'memory': {
      const store = memoryEventStore()
      return { kind, store, close: () => store.close() }
    }
    case 'sqlite': {
      const path = at?.path ?? tempFile('ours.db')
      const store = openSqliteEventStore(path)
      if (E.isLeft(store)) throw new Error(store.left.message)
      return { kind, store: store.right, path, close: async () => (await store.right.close(), at === undefined && removeDb(path), undefined) }
    }
    case 'postgres': {
      const schema = at?.schema ?? `bench_ours_${process.pid}_${++schemas}`
      if (at === undefined) await pgAdmin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      const opened = await openPostgres({ url: PG_URL, schema })
      if (E.isLeft(opened)) throw new Error(opened.left.message)
      return {
        kind,
        store: opened.right.store,
        schema,
        close: async () => {
          await opened.right.close()
          if (at === undefined) await pgAdmin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
        },
      }
    }
  }
}

/**
 * Builds a large register once: the organisations through the ledger, then `n` contact events
 * straight through the adapter's `append` (which runs the real `prepareBatch`: canonical bytes,
 * leaves, tree nodes), 5,000 per append. The store stays open.
 *
 * @example
 * const big = await buildLog('sqlite', 1_000_000)
 */
export const buildLog = async (kind: StoreKind, n: number, seed = 9): Promise<OpenedOurs> => {
  const opened = await openOurs(kind)
  await readyLedger(opened.store)
  for (let i = 0; i < n; i += 5_000) {
    const r = await opened.store.append(contactEvents(i, Math.min(5_000, n - i), seed))()
    if (E.isLeft(r)) throw new Error(`building the ${kind} log failed at ${i}: ${r.left.message}`)
  }
  return opened
}

/** A ledger over a store that is already set up. @example const ledger = plainLedger(store) */
export const plainLedger = (store: EventStore): Ledger => createLedger({ store, keys: memoryKeyStore(), clock, ids: uuidV7 })

/** The grants the benchmark's commands need (rule 18): b.beheer opens the register, then the coordinator and the official. */
const BENCH_GRANTS = grantCommands([['c.desmet', 'coordinator'], ['a.jansen', 'official']], 'b.beheer')

/**
 * A ledger over `store`, opened with the grants its commands need, with the 1,000 organisations
 * and their partnerships registered.
 *
 * @example
 * const ledger = await readyLedger(store)
 */
export const readyLedger = async (store: EventStore): Promise<Ledger> => {
  const ledger = plainLedger(store)
  const opened = await ledger.executeBatch(BENCH_GRANTS)
  if (E.isLeft(opened)) throw new Error(`benchmark grants rejected: ${opened.left.rejection.message}`)
  const setup = setupCommands()
  for (let i = 0; i < setup.length; i += 200) {
    const r = await ledger.executeBatch(setup.slice(i, i + 200))
    if (E.isLeft(r)) throw new Error(`benchmark setup rejected at ${i + r.left.index}: ${r.left.rejection.message}`)
  }
  return ledger
}
