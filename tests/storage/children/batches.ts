/**
 * An appender process for the crash test: appends batches of 1-40 events to a SQLite register
 * forever, printing each batch's id after it commits, until it is killed.
 * Usage: node --import tsx --conditions=source batches.ts PATH SEED
 */
import * as E from 'fp-ts/lib/Either.js'
import { openSqliteEventStore } from '../../../adapters/sqlite/index.js'
import { sampleContact } from '../../../src/testing/index.js'

const [path, seedText] = process.argv.slice(2)
const store = openSqliteEventStore(path!)
if (E.isLeft(store)) throw new Error(store.left.message)
let seed = Number(seedText)
for (let b = 0; ; b++) {
  seed = (seed * 1103515245 + 12345) % 2 ** 31
  const size = 1 + (seed % 40)
  const batch = `${seed.toString(16).padStart(8, '0')}-0000-7000-8000-${b.toString(16).padStart(12, '0')}`
  const events = Array.from({ length: size }, (_, i) => sampleContact(i, [1 + (i % 3)], { subject: `batch ${b}, ${i + 1} of ${size}` }, { correlationId: batch }))
  const r = await store.right.append(events)()
  if (E.isLeft(r)) throw new Error(r.left.message)
  process.stdout.write(`${batch} ${size}\n`)
}
