/**
 * Tampering with a real PostgreSQL register by editing its rows with SQL: 200 random trials, and
 * `verifyLog` names the right position every time.
 */
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, expect, it } from 'vitest'
import { dropGuardsSql } from '../../adapters/postgres/guards.js'
import { connectPostgres, openPostgres, type PgPool } from '../../adapters/postgres/index.js'
import { canonicalJson } from '../../src/audit/canonical.js'
import { generateSigner } from '../../src/audit/note.js'
import { verifyLog } from '../../src/audit/verify.js'
import { encodeStored } from '../../src/domain/events.js'
import { describePg, dropSchema, freshSchema, PG_URL } from '../storage/pg-server.js'
import { buildAuditLog, tamperTrials, type TamperLab } from './tamper-suite.js'

const must = <A>(e: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

describePg('tampering with a PostgreSQL register (SQL edits of its rows)', () => {
  const schema = freshSchema()
  const closers: Array<() => Promise<void>> = []
  afterAll(async () => {
    for (const c of closers) await c()
    await dropSchema(schema)
  })

  /** The register built once; each trial restores its rows from a pristine copy, then tampers. */
  const postgresLab = async (): Promise<TamperLab> => {
    const opened = must(await openPostgres({ url: PG_URL, schema }))
    closers.push(opened.close)
    const signer = must(generateSigner('contact-ledger.local/register'))
    await buildAuditLog(opened.store, signer)
    const entries = must(await opened.store.read()()).map((e) => canonicalJson(encodeStored(e)))
    expect(must(await verifyLog(opened.store)())._tag).toBe('Verified')
    const pool: PgPool = must(await connectPostgres(PG_URL, { max: 1 }))
    closers.unshift(() => pool.end())
    const S = `"${schema}"`
    // the tables' owner drops the append-only triggers (guards.ts); verify remains the check
    await pool.query(dropGuardsSql(S))
    await pool.query(`CREATE TABLE ${S}.events_pristine AS SELECT * FROM ${S}.events`)
    return {
      entries,
      verifierKey: signer.verifierKey,
      fresh: async () => {
        await pool.query(`DELETE FROM ${S}.events; INSERT INTO ${S}.events SELECT * FROM ${S}.events_pristine`)
        return {
          tamperer: {
            setEntry: async (p, text) => void (await pool.query(`UPDATE ${S}.events SET entry = $1 WHERE position = $2`, [text, p])),
            deleteEntry: async (p) => void (await pool.query(`DELETE FROM ${S}.events WHERE position = $1`, [p])),
            swapEntries: async (i, j) =>
              void (await pool.query(
                `UPDATE ${S}.events AS e SET entry = o.entry FROM ${S}.events_pristine AS o WHERE (e.position, o.position) IN (($1::bigint, $2::bigint), ($2::bigint, $1::bigint))`,
                [i, j],
              )),
            appendWithoutTree: async (text) => {
              const record = JSON.parse(text) as { position: number; type: string; tags: string[] }
              await pool.query(`INSERT INTO ${S}.events (position, type, tags, idempotency_key, entry) VALUES ($1, $2, $3, NULL, $4)`, [record.position, record.type, record.tags, text])
            },
          },
          open: async () => opened.store,
          close: async () => undefined,
        }
      },
    }
  }

  it('names the right position in 200 random trials: byte change in data/type/tags/meta, delete, swap, append without tree', async () => {
    const seen = await tamperTrials(await postgresLab(), 200)
    expect(Object.keys(seen).sort()).toEqual(['append', 'byte', 'delete', 'swap'])
  })
})
