/**
 * The peer: Emmett (`@event-driven-io/emmett` with its SQLite and PostgreSQL packages), set up as
 * its documentation shows, fed the same events our ledger appends.
 *
 * SQLite, two honest setups (read from emmett-sqlite's dist): by default `getSQLiteEventStore`
 * makes a `SQLiteConnectionPool` without a singleton, so every call (`appendToStream`,
 * `aggregateStream`) opens a new sqlite3 connection, sets WAL, runs, and closes it. The
 * "one connection" setup passes `connectionOptions: { singleton: true, connection }` with one
 * long-lived `sqliteConnection`, which the pool then reuses for every call.
 *
 * Emmett appends to one stream per call (no atomic multi-stream append); a contact goes to its
 * first organisation's stream (`organisation-<id>`), and a batch of 100 goes to one stream.
 */
import { getInMemoryEventStore, type EventStore as EmmettStore } from '@event-driven-io/emmett'
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql'
import { getSQLiteEventStore, sqliteConnection } from '@event-driven-io/emmett-sqlite'
import Database from 'better-sqlite3'
import type { NewEvent } from '../../src/domain/events.js'
import { ORGANISATIONS, OVERVIEW_YEAR, organisationId, streamOf } from '../data.js'

// ---------------------------------------------------------------------------------------------
// model

export type EmmettSetup = 'memory' | 'sqlite-default' | 'sqlite-one-connection' | 'postgres'

/** An opened Emmett event store. */
export interface OpenedEmmett {
  readonly store: EmmettStore
  readonly close: () => Promise<void>
}

type EmmettEvent = { type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * Opens Emmett on a file, a server or in memory, as `setup` says.
 *
 * @example
 * const { store, close } = openEmmett('sqlite-default', '/tmp/e.db')
 */
export const openEmmett = (setup: EmmettSetup, where = ''): OpenedEmmett => {
  if (setup === 'sqlite-default' || setup === 'sqlite-one-connection') walFile(where)
  switch (setup) {
    case 'memory':
      return { store: getInMemoryEventStore() as unknown as EmmettStore, close: async () => undefined }
    case 'sqlite-default':
      return { store: getSQLiteEventStore({ fileName: where, schema: { autoMigration: 'CreateOrUpdate' } }) as unknown as EmmettStore, close: async () => undefined }
    case 'sqlite-one-connection': {
      const connection = sqliteConnection({ fileName: where })
      const store = getSQLiteEventStore({
        fileName: where,
        schema: { autoMigration: 'CreateOrUpdate' },
        connectionOptions: { singleton: true, connection },
      })
      return { store: store as unknown as EmmettStore, close: async () => connection.close() }
    }
    case 'postgres': {
      const store = getPostgreSQLEventStore(where)
      return { store: store as unknown as EmmettStore, close: () => store.close() }
    }
  }
}

/**
 * Puts a SQLite file in WAL mode before Emmett opens it (WAL is a property of the file, kept
 * across connections). Emmett runs `PRAGMA journal_mode = WAL` on every new connection without a
 * callback; on a file not yet in WAL mode, one that ran while another connection held a transaction
 * failed with "cannot change into wal mode from within a transaction" as an unhandled `error`
 * event, and took the whole benchmark down now and then. On a file already in WAL mode the pragma
 * changes nothing, so it cannot fail that way; Emmett's settings are otherwise untouched.
 */
const walFile = (path: string): void => {
  if (path === '' || path === ':memory:') return
  const db = new Database(path)
  try {
    db.pragma('journal_mode = WAL')
  } finally {
    db.close()
  }
}

// ---------------------------------------------------------------------------------------------
// combinators

/** Our event as Emmett's: same type, same data, our metadata. */
export const emmettEvent = (e: NewEvent): EmmettEvent => ({
  type: e.type,
  data: e.data as unknown as Record<string, unknown>,
  metadata: { ...(e.meta as unknown as Record<string, unknown>), tags: e.tags },
})

/** One `OrganisationRegistered` per organisation stream, as our register starts (not timed). */
export const seedStreams = async (store: EmmettStore): Promise<void> => {
  for (let i = 0; i < ORGANISATIONS; i++) {
    const id = organisationId(i)
    await retryBusy(() =>
      store.appendToStream(`organisation-${id}`, [
        { type: 'OrganisationRegistered', data: { organisationId: id, name: `Stichting ${i}`, kind: 'self-organisation' }, metadata: {} },
      ]),
    )
  }
}

/**
 * How often a call was retried after `SQLITE_BUSY: cannot commit transaction - SQL statements in
 * progress`, which emmett-sqlite 0.42 raises now and then in its default setup (a fresh sqlite3
 * connection per call; its `INSERT/UPDATE … RETURNING` through `db.get` leaves the statement
 * unfinished when COMMIT runs). A user would have to retry; so does the benchmark, and counts.
 */
export const busyRetries = { count: 0 }

const retryBusy = async <A>(call: () => Promise<A>): Promise<A> => {
  for (let attempt = 0; ; attempt++)
    try {
      return await call()
    } catch (e) {
      if (attempt >= 5 || !(e instanceof Error) || !e.message.includes('SQLITE_BUSY')) throw e
      busyRetries.count += 1
    }
}

/** Appends each event with its own `appendToStream` call. */
export const appendEach = async (store: EmmettStore, events: ReadonlyArray<NewEvent>): Promise<void> => {
  for (const e of events) await retryBusy(() => store.appendToStream(streamOf(e), [emmettEvent(e)]))
}

/** Appends `size` events per `appendToStream` call, each call to one stream. */
export const appendChunks = async (store: EmmettStore, events: ReadonlyArray<NewEvent>, size: number): Promise<void> => {
  for (let i = 0; i < events.length; i += size) {
    const chunk = events.slice(i, i + size)
    await retryBusy(() => store.appendToStream(streamOf(chunk[0]!), chunk.map(emmettEvent)))
  }
}

/** Loads events into their own streams, 500 per call (for the replay store; not timed). */
export const loadByStream = async (store: EmmettStore, events: ReadonlyArray<NewEvent>): Promise<void> => {
  const byStream = new Map<string, EmmettEvent[]>()
  for (const e of events) {
    const s = streamOf(e)
    let xs = byStream.get(s)
    if (xs === undefined) byStream.set(s, (xs = []))
    xs.push(emmettEvent(e))
  }
  for (const [stream, xs] of byStream) for (let i = 0; i < xs.length; i += 500) await retryBusy(() => store.appendToStream(stream, xs.slice(i, i + 500)))
}

interface Tally {
  readonly contacts: number
  readonly inYear: number
}

/**
 * The peer's replay: `aggregateStream` over every organisation stream, counting the partnership
 * contacts of the overview year (what the annual overview counts). Returns the events folded.
 *
 * @example
 * const n = await replayAll(store)
 */
export const replayAll = async (store: EmmettStore): Promise<number> => {
  let total = 0
  for (let i = 0; i < ORGANISATIONS; i++) {
    const r = await store.aggregateStream<Tally, EmmettEvent>(`organisation-${organisationId(i)}`, {
      initialState: () => ({ contacts: 0, inYear: 0 }),
      evolve: (s: Tally, e: EmmettEvent): Tally =>
        e.type !== 'ContactRecorded'
          ? s
          : {
              contacts: s.contacts + 1,
              inYear:
                s.inYear + (e.data['category'] === 'partnership' && String(e.data['occurredOn']).startsWith(`${OVERVIEW_YEAR}-`) ? 1 : 0),
            },
    })
    total += r.state.contacts + 1
  }
  return total
}
