/**
 * The bug users of other event stores report most: a follower reading "everything after position
 * n" skips an event when two transactions commit out of order (the one holding the lower position
 * commits later). Here the lower-position append is held open at its COMMIT while a second append
 * is started from another connection and a follower polls; every position must be seen once, in order.
 */
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { connectPostgres, postgresEventStore, targetOf, type PgPool } from '../../adapters/postgres/index.js'
import { followLog } from '../../src/index.js'
import type { EventStore } from '../../src/ports/event-store.js'
import { sampleContact, sampleOrganisation } from '../../src/testing/index.js'
import { describePg, dropSchema, freshSchema, PG_URL } from './pg-server.js'

const must = <A>(r: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right
}

/** A pool whose transactions, once `arm`ed, stop at COMMIT until `release` is called. */
const heldAtCommit = (pool: PgPool) => {
  let armed = false
  let release!: () => void
  let reached!: () => void
  const gate = new Promise<void>((r) => (release = r))
  const atCommit = new Promise<void>((r) => (reached = r))
  const held: PgPool = {
    query: (text, values) => pool.query(text, values),
    end: () => pool.end(),
    connect: async () => {
      const client = await pool.connect()
      return {
        query: async (text, values) => {
          if (armed && text === 'COMMIT') {
            reached()
            await gate
          }
          return client.query(text, values)
        },
        release: (err) => client.release(err),
      }
    },
  }
  return { held, release, atCommit, arm: () => void (armed = true) }
}

describePg('following the log on PostgreSQL', () => {
  const schema = freshSchema()
  const pools: PgPool[] = []
  const open = async (wrap: (p: PgPool) => PgPool = (p) => p): Promise<EventStore> => {
    const pool = must(await connectPostgres(PG_URL, { max: 4 }))
    pools.push(pool)
    return must(await postgresEventStore(wrap(pool), targetOf(PG_URL), { schema }))
  }
  beforeAll(async () => void (await open()))
  afterAll(async () => {
    for (const p of pools) await p.end().catch(() => undefined)
    await dropSchema(schema)
  })

  it('sees every position exactly once, in order, when the append holding lower positions commits later', async () => {
    const fast = await open()
    let hold!: ReturnType<typeof heldAtCommit>
    const slow = await open((p) => (hold = heldAtCommit(p)).held)
    const follower = await open()
    hold.arm()
    must(await fast.append([sampleOrganisation(1), sampleOrganisation(2), sampleOrganisation(3)])())

    const stop = new AbortController()
    const seen: number[] = []
    const following = (async () => {
      for await (const e of followLog(follower, 0, { signal: stop.signal, pollMs: 5 })) {
        seen.push(e.position)
        if (seen.length === 10) stop.abort()
      }
    })()

    // the slow append takes positions 3-5 and stops before COMMIT
    const slowAppend = slow.append([sampleContact(1, [1]), sampleContact(2, [2]), sampleContact(3, [3])])()
    await hold.atCommit
    // a second append from another connection, while the follower keeps polling
    const fastAppend = fast.append([sampleContact(4, [1]), sampleContact(5, [2])])()
    await new Promise((r) => setTimeout(r, 100))
    expect(seen).toEqual([0, 1, 2])
    hold.release()
    const [s, f] = await Promise.all([slowAppend, fastAppend])
    expect(must(s).map((e) => e.position)).toEqual([3, 4, 5])
    expect(must(f).map((e) => e.position)).toEqual([6, 7])
    must(await fast.append([sampleContact(6, [3]), sampleContact(7, [1])])())
    await following
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  })
})
