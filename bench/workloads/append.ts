/**
 * `append-<store>-single` and `append-<store>-batch`: recordContact commands through the ledger
 * service (decode, decide, conditional append, tree update), one per call or 100 per call; peer:
 * Emmett's appendToStream of the same events; raw: the driver inserting the same entry bytes.
 */
import * as E from 'fp-ts/lib/Either.js'
import { entryBytes } from '../../src/audit/canonical.js'
import type { NewEvent, StoredEvent } from '../../src/domain/events.js'
import type { Measure, Workload } from '../harness.js'
import { contactCommand, contactEvents } from '../data.js'
import { copyFileSync } from 'node:fs'
import { appendChunks, appendEach, busyRetries, openEmmett, seedStreams, type EmmettSetup } from '../peers/emmett.js'
import { rawPgInsert } from '../raw/postgres.js'
import { rawSqliteInsert } from '../raw/sqlite.js'
import { cappedRate, dropDatabase, freshDatabase, PG_URL, removeDb, tempFile, type Sizes } from './common.js'
import { openOurs, plainLedger, readyLedger, type StoreKind } from './ours.js'

const BATCH = 100
const SEED = 1

/** A SQLite file made once and copied for each measurement (setup is not what is timed). */
const template = (make: (path: string) => Promise<void>) => {
  let made: Promise<string> | undefined
  return {
    copy: async (): Promise<string> => {
      const source = await (made ??= (async () => {
        const path = tempFile('template.db')
        await make(path)
        return path
      })())
      const path = tempFile('copy.db')
      copyFileSync(source, path)
      return path
    },
    remove: async () => {
      if (made !== undefined) removeDb(await made)
      made = undefined
    },
  }
}

/** Ours: a fresh store, the organisations, then `n` commands timed, `per` per call. */
const ours =
  (kind: StoreKind, n: number, per: number, capMs: number, seeded?: () => Promise<string>): Measure =>
  async () => {
    const path = seeded === undefined ? undefined : await seeded()
    const opened = await openOurs(kind, path === undefined ? undefined : { path })
    try {
      const ledger = path === undefined ? await readyLedger(opened.store) : plainLedger(opened.store)
      const commands = Array.from({ length: n }, (_, i) => contactCommand(i, SEED))
      return await cappedRate(n / per, per, capMs, async (k) => {
        if (per === 1) {
          const r = await ledger.execute(commands[k])
          if (E.isLeft(r)) throw new Error(`append rejected: ${r.left.message}`)
        } else {
          const r = await ledger.executeBatch(commands.slice(k * per, (k + 1) * per))
          if (E.isLeft(r)) throw new Error(`batch rejected: ${r.left.rejection.message}`)
        }
      })
    } finally {
      await opened.close()
      if (path !== undefined) removeDb(path)
    }
  }

/** The peer: a fresh Emmett store with a stream per organisation, then the same events timed. */
const peer =
  (setup: EmmettSetup, events: () => ReadonlyArray<NewEvent>, per: number, capMs: number, seeded?: () => Promise<string>): Measure =>
  async () => {
    for (let attempt = 1; ; attempt++)
      try {
        return await peerOnce(setup, events, per, capMs, seeded)
      } catch (e) {
        // emmett-sqlite's SQLITE_BUSY can stick to a connection: start the measurement afresh
        if (attempt >= 3 || !(e instanceof Error) || !e.message.includes('SQLITE_BUSY')) throw e
        busyRetries.count += 1
      }
  }

const peerOnce = async (setup: EmmettSetup, events: () => ReadonlyArray<NewEvent>, per: number, capMs: number, seeded?: () => Promise<string>) => {
  const file = seeded !== undefined ? await seeded() : undefined
  const db = setup === 'postgres' ? 'bench_emmett_append' : undefined
  const where = file ?? (db !== undefined ? await freshDatabase(db) : '')
  const opened = openEmmett(setup, where)
  try {
    if (file === undefined) await seedStreams(opened.store)
    const xs = events()
    return await cappedRate(xs.length / per, per, capMs, (k) =>
      per === 1 ? appendEach(opened.store, [xs[k]!]) : appendChunks(opened.store, xs.slice(k * per, (k + 1) * per), per),
    )
  } finally {
    await opened.close()
    if (file !== undefined) removeDb(file)
    if (db !== undefined) await dropDatabase(db)
  }
}

/**
 * The append workloads of one store kind.
 *
 * @example
 * const ws = appendWorkloads('sqlite', sizes(true))
 */
export const appendWorkloads = (kind: StoreKind, s: Sizes): Workload[] => {
  const n = s.appends
  let events: NewEvent[] | undefined
  let entries: string[] | undefined
  const evs = () => (events ??= contactEvents(0, n, SEED))
  const bytes = () => (entries ??= evs().map((e, i) => entryBytes({ ...e, position: i } as StoredEvent).toString('utf8')))
  const raw = (per: number): Measure | undefined =>
    kind === 'sqlite'
      ? async () => {
          const file = tempFile('raw.db')
          try {
            return await rawSqliteInsert(file, bytes(), per, s.capMs)
          } finally {
            removeDb(file)
          }
        }
      : kind === 'postgres'
        ? () => rawPgInsert(PG_URL, 'bench_raw_append', bytes(), per, s.capMs)
        : undefined
  const oursSeeded =
    kind === 'sqlite'
      ? template(async (path) => {
          const o = await openOurs('sqlite', { path })
          await readyLedger(o.store)
          await o.close()
        })
      : undefined
  const peerSeeded =
    kind === 'sqlite'
      ? template(async (path) => {
          const o = openEmmett('sqlite-one-connection', path)
          await seedStreams(o.store)
          await o.close()
          await new Promise((r) => setTimeout(r, 50)) // sqlite3 closes asynchronously
        })
      : undefined
  const peers = (per: number): Record<string, Measure> =>
    kind === 'sqlite'
      ? {
          peer: peer('sqlite-default', evs, per, s.capMs, peerSeeded!.copy),
          'peer-one-connection': peer('sqlite-one-connection', evs, per, s.capMs, peerSeeded!.copy),
        }
      : { peer: peer(kind, evs, per, s.capMs) }
  const workload = (mode: 'single' | 'batch', per: number, rawPer: number): Workload => {
    const name = `append-${kind}-${mode}`
    const r = raw(rawPer)
    return {
      name,
      unit: 'commands/s',
      n,
      higherIsBetter: true,
      measures: { ours: ours(kind, n, per, s.capMs, oursSeeded?.copy), ...peers(per), ...(r !== undefined ? { raw: r } : {}) },
      rows:
        kind === 'sqlite'
          ? [
              { name, peer: 'peer', raw: 'raw' },
              { name: `${name}-one-connection`, peer: 'peer-one-connection', raw: 'raw' },
            ]
          : [{ name, peer: 'peer', ...(r !== undefined ? { raw: 'raw' } : {}) }],
      teardown: async () => {
        events = undefined
        entries = undefined
        await oursSeeded?.remove()
        await peerSeeded?.remove()
      },
    }
  }
  return [workload('single', 1, 1), workload('batch', BATCH, 1_000)]
}
