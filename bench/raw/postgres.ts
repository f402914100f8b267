/**
 * The machine's raw limits on PostgreSQL, through node-postgres directly: one row per
 * transaction, 1,000-row multi-row inserts (unnest), and reading every row with JSON.parse.
 */
import pg from 'pg'
import { cappedRate, rate, timed } from '../workloads/common.js'

/**
 * Rows per second inserting `entries` into a fresh table in `schema`, `perStatement` rows per
 * (auto-committed) statement.
 *
 * @example
 * const perSecond = await rawPgInsert(url, 'raw_1', entries, 1000)
 */
export const rawPgInsert = async (url: string, schema: string, entries: ReadonlyArray<string>, perStatement: number, capMs = Infinity): Promise<number> => {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema};
      CREATE TABLE ${schema}.events (position bigint PRIMARY KEY, entry text NOT NULL)`)
    const one = `INSERT INTO ${schema}.events (position, entry) VALUES ($1, $2)`
    const many = `INSERT INTO ${schema}.events (position, entry) SELECT * FROM unnest($1::bigint[], $2::text[])`
    return await cappedRate(Math.ceil(entries.length / perStatement), perStatement, capMs, async (k) => {
      const i = k * perStatement
      const to = Math.min(entries.length, i + perStatement)
      if (perStatement === 1) await c.query(one, [i, entries[i]])
      else await c.query(many, [Array.from({ length: to - i }, (_, j) => i + j), entries.slice(i, to)])
    })
  } finally {
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined)
    await c.end()
  }
}

/**
 * Rows per second reading every entry of `table` in position order, 5,000 per query, with JSON.parse.
 *
 * @example
 * const perSecond = await rawPgRead(url, 'bench_ours.events')
 */
export const rawPgRead = async (url: string, table: string): Promise<number> => {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    let n = 0
    const ms = await timed(async () => {
      for (let from = 0; ; ) {
        const r = await c.query({ text: `SELECT position, entry FROM ${table} WHERE position >= $1 ORDER BY position LIMIT 5000`, values: [from], rowMode: 'array' })
        if (r.rows.length === 0) return
        for (const row of r.rows as [string, string][]) JSON.parse(row[1])
        n += r.rows.length
        from = Number(r.rows[r.rows.length - 1]![0]) + 1
      }
    })
    if (n === 0) throw new Error(`raw read of ${table} found no entries`)
    return rate(n, ms)
  } finally {
    await c.end()
  }
}
