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
import { appendChunks, appendEach, openEmmett, seedStreams, type EmmettSetup } from '../peers/emmett.js'
import { rawPgInsert } from '../raw/postgres.js'
import { rawSqliteInsert } from '../raw/sqlite.js'
import { dropDatabase, freshDatabase, PG_URL, rate, removeDb, tempFile, timed, type Sizes } from './common.js'
import { openOurs, readyLedger, type StoreKind } from './ours.js'

const BATCH = 100
const SEED = 1

/** Ours: a fresh store, the organisations, then `n` commands timed, `per` per call. */
const ours =
  (kind: StoreKind, n: number, per: number): Measure =>
  async () => {
    const opened = await openOurs(kind)
    try {
      const ledger = await readyLedger(opened.store)
      const commands = Array.from({ length: n }, (_, i) => contactCommand(i, SEED))
      const ms = await timed(async () => {
        if (per === 1)
          for (const c of commands) {
            const r = await ledger.execute(c)
            if (E.isLeft(r)) throw new Error(`append rejected: ${r.left.message}`)
          }
        else
          for (let i = 0; i < n; i += per) {
            const r = await ledger.executeBatch(commands.slice(i, i + per))
            if (E.isLeft(r)) throw new Error(`batch rejected: ${r.left.rejection.message}`)
          }
      })
      return rate(n, ms)
    } finally {
      await opened.close()
    }
  }

/** The peer: a fresh Emmett store with a stream per organisation, then the same events timed. */
const peer =
  (setup: EmmettSetup, events: () => ReadonlyArray<NewEvent>, per: number): Measure =>
  async () => {
    const file = setup.startsWith('sqlite') ? tempFile('emmett.db') : undefined
    const db = setup === 'postgres' ? 'bench_emmett_append' : undefined
    const where = file ?? (db !== undefined ? await freshDatabase(db) : '')
    const opened = openEmmett(setup, where)
    try {
      await seedStreams(opened.store)
      const xs = events()
      const ms = await timed(() => (per === 1 ? appendEach(opened.store, xs) : appendChunks(opened.store, xs, per)))
      return rate(xs.length, ms)
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
            return await rawSqliteInsert(file, bytes(), per)
          } finally {
            removeDb(file)
          }
        }
      : kind === 'postgres'
        ? () => rawPgInsert(PG_URL, 'bench_raw_append', bytes(), per)
        : undefined
  const peers = (per: number): Record<string, Measure> =>
    kind === 'sqlite'
      ? { peer: peer('sqlite-default', evs, per), 'peer-one-connection': peer('sqlite-one-connection', evs, per) }
      : { peer: peer(kind, evs, per) }
  const workload = (mode: 'single' | 'batch', per: number, rawPer: number): Workload => {
    const name = `append-${kind}-${mode}`
    const r = raw(rawPer)
    return {
      name,
      unit: 'commands/s',
      n,
      higherIsBetter: true,
      measures: { ours: ours(kind, n, per), ...peers(per), ...(r !== undefined ? { raw: r } : {}) },
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
      },
    }
  }
  return [workload('single', 1, 1), workload('batch', BATCH, 1_000)]
}
