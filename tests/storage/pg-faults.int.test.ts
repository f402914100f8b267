/**
 * Faults of the PostgreSQL server are store errors, never a crash (issue 14): a backend ended by
 * an administrator while its connection is checked out, or while commands are in flight, gives
 * `StoreError` answers (or none at all), and the register works again once the server answers.
 */
import { randomBytes } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import pg from 'pg'
import { expect, it } from 'vitest'
import { connectPostgres, openPostgres } from '../../adapters/postgres/index.js'
import { createLedger } from '../../src/ledger/ledger.js'
import { fixedClock } from '../../src/ports/clock.js'
import { NOW, ORG_A, cmd, grantFixtureRoles } from '../fixtures/domain.js'
import { describePg, dropSchema, freshSchema, PG_URL } from './pg-server.js'

const withApp = (name: string) => `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}application_name=${name}`
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Ends every backend of an application name, as an administrator would; how many it ended. */
const terminate = async (app: string): Promise<number> => {
  const admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  try {
    const r = await admin.query('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1', [app])
    return Number(r.rows[0]?.n ?? 0)
  } finally {
    await admin.end()
  }
}

describePg('postgres faults', () => {
  it('a checked-out connection whose backend is ended fails its next query with an error, without an unhandled event', async () => {
    const app = `cl-fault-${randomBytes(4).toString('hex')}`
    const pool = await connectPostgres(withApp(app), { max: 2 })
    if (E.isLeft(pool)) throw new Error(pool.left.message)
    const client = await pool.right.connect()
    expect(await terminate(app)).toBeGreaterThan(0)
    await pause(300) // the server's notice and the closed socket arrive while nothing is running
    await expect(client.query('SELECT 1')).rejects.toThrow()
    client.release(true)
    // the pool makes a new connection for the next query
    expect((await pool.right.query('SELECT 1 AS one')).rows[0]).toEqual({ one: 1 })
    await pool.right.end()
  })

  it('commands in flight while backends are ended answer with store errors or succeed, and the ledger works afterwards', async () => {
    const app = `cl-fault-${randomBytes(4).toString('hex')}`
    const schema = freshSchema()
    const opened = await openPostgres({ url: withApp(app), schema, max: 4 })
    if (E.isLeft(opened)) throw new Error(opened.left.message)
    try {
      await grantFixtureRoles(opened.right.store)
      const ledger = createLedger({ store: opened.right.store, keys: opened.right.keys, clock: fixedClock(NOW) })
      expect(E.isRight(await ledger.execute(cmd.registerOrganisation(ORG_A)))).toBe(true)
      for (let round = 0; round < 3; round++) {
        const inFlight = Array.from({ length: 12 }, (_, i) => ledger.execute(cmd.contact([ORG_A], { subject: `ronde ${round} nr ${i}` })))
        await pause(5 + round * 10)
        await terminate(app)
        const answers = await Promise.all(inFlight)
        for (const a of answers) if (E.isLeft(a)) expect(a.left._tag).toBe('StoreError')
      }
      const after = await ledger.execute(cmd.contact([ORG_A], { subject: 'daarna' }))
      expect(E.isRight(after)).toBe(true)
    } finally {
      await opened.right.close()
      await dropSchema(schema)
    }
  })
})
