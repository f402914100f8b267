/**
 * The machine's raw limits on SQLite, through better-sqlite3 directly: inserting rows (one per
 * transaction, or 1,000 per transaction) and reading every row back with JSON.parse. Same file
 * settings as the adapter: WAL, synchronous FULL.
 */
import Database from 'better-sqlite3'
import { cappedRate, rate, timed } from '../workloads/common.js'

/** Opens a file as the adapter does: WAL, synchronous FULL. */
const open = (path: string): Database.Database => {
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  return db
}

/**
 * Rows per second inserting `entries` into a fresh file, `perTransaction` rows per transaction.
 *
 * @example
 * const perSecond = await rawSqliteInsert(tempFile('raw.db'), entries, 1)
 */
export const rawSqliteInsert = async (path: string, entries: ReadonlyArray<string>, perTransaction: number, capMs = Infinity): Promise<number> => {
  const db = open(path)
  try {
    db.exec('CREATE TABLE events (position INTEGER PRIMARY KEY, entry TEXT NOT NULL)')
    const insert = db.prepare('INSERT INTO events (position, entry) VALUES (?, ?)')
    const chunk = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) insert.run(i, entries[i])
    })
    return await cappedRate(Math.ceil(entries.length / perTransaction), perTransaction, capMs, (k) =>
      chunk(k * perTransaction, Math.min(entries.length, (k + 1) * perTransaction)),
    )
  } finally {
    db.close()
  }
}

/**
 * Rows per second reading every entry of a register file in position order, with JSON.parse.
 *
 * @example
 * const perSecond = rawSqliteRead('./big.db')
 */
export const rawSqliteRead = async (path: string): Promise<number> => {
  const db = new Database(path, { readonly: true })
  try {
    const all = db.prepare('SELECT entry FROM events ORDER BY position').pluck()
    let n = 0
    let check = 0
    const ms = await timed(() => {
      for (const entry of all.iterate() as IterableIterator<string>) {
        const e = JSON.parse(entry) as { position: number }
        check += e.position
        n += 1
      }
    })
    if (n === 0 || check < 0) throw new Error(`raw read of ${path} found no entries`)
    return rate(n, ms)
  } finally {
    db.close()
  }
}

/**
 * Reads a register file's entry bytes page by page (not timed) and hands each page to `each`.
 *
 * @example
 * await entryPages(path, 10_000, (page) => hashAll(page))
 */
export const entryPages = async (path: string, pageSize: number, each: (page: ReadonlyArray<Buffer>) => void): Promise<void> => {
  const db = new Database(path, { readonly: true })
  try {
    const page = db.prepare('SELECT entry FROM events WHERE position >= ? ORDER BY position LIMIT ?').pluck()
    for (let from = 0; ; from += pageSize) {
      const rows = (page.all(from, pageSize) as string[]).map((s) => Buffer.from(s, 'utf8'))
      if (rows.length === 0) return
      each(rows)
    }
  } finally {
    db.close()
  }
}
