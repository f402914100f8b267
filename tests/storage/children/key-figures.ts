/**
 * A writer process for the key-figure race (issue 14): registers the same key figures as every
 * other writer (each under its own name) against the store URL it is given, and prints, as one
 * JSON line, what each registration was answered with.
 * Usage: node --import tsx --conditions=source key-figures.ts STORE_URL WRITER_INDEX COUNT
 */
import * as E from 'fp-ts/lib/Either.js'
import { openStore } from '../../../cli/stores.js'
import { createLedger } from '../../../src/ledger/ledger.js'
import { fixedClock } from '../../../src/ports/clock.js'
import { sequentialIds } from '../../../src/ports/ids.js'
import { actors, NOW } from '../../fixtures/domain.js'

/** The i-th person every writer registers. */
export const racedPerson = (i: number): string => `f3000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`

const [url, index, count] = process.argv.slice(2)
if (url !== undefined) {
  const k = Number(index)
  const opened = await openStore(url)
  const ledger = createLedger({ store: opened.store, keys: opened.keys, clock: fixedClock(NOW), ids: sequentialIds(`${k + 1}0000000`), maxRetries: 50 })
  const answers: Array<{ personId: string; ok: boolean; tag?: string; message?: string }> = []
  for (let i = 0; i < Number(count); i++) {
    const personId = racedPerson(i)
    const r = await ledger.execute({ command: 'registerKeyFigure', actor: actors.official, payload: { personId, name: `Schrijver ${k}` } })
    answers.push(E.isRight(r) ? { personId, ok: true } : { personId, ok: false, tag: r.left._tag, message: r.left.message })
  }
  await opened.close()
  process.stdout.write(JSON.stringify(answers) + '\n')
}
