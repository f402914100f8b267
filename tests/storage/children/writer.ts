/**
 * A writer process for the multi-process tests: runs N commands through the ledger against the
 * store URL it is given and prints, as one JSON line, what each command was answered with.
 * Usage: node --import tsx --conditions=source writer.ts STORE_URL WRITER_INDEX COUNT
 */
import * as E from 'fp-ts/lib/Either.js'
import { openStore } from '../../../cli/stores.js'
import { createLedger } from '../../../src/ledger/ledger.js'
import { fixedClock } from '../../../src/ports/clock.js'
import { sequentialIds } from '../../../src/ports/ids.js'
import { NOW } from '../../fixtures/domain.js'
import { writerCommand } from './plan.js'

const [url, index, count] = process.argv.slice(2)
const k = Number(index)
const opened = await openStore(url!)
const ledger = createLedger({ store: opened.store, keys: opened.keys, clock: fixedClock(NOW), ids: sequentialIds(`${k + 1}0000000`), maxRetries: 50 })
const answers: Array<{ key: string; ok: boolean; tag?: string; events?: Array<{ position: number; type: string }> }> = []
for (let i = 0; i < Number(count); i++) {
  const command = writerCommand(k, i)
  const r = await ledger.execute(command)
  answers.push(
    E.isRight(r)
      ? { key: command.idempotencyKey, ok: true, events: r.right.events.map((e) => ({ position: e.position, type: e.type })) }
      : { key: command.idempotencyKey, ok: false, tag: r.left._tag },
  )
}
await opened.close()
process.stdout.write(JSON.stringify(answers) + '\n')
