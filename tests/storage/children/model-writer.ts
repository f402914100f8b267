/**
 * A writer process for the model test with four writers: runs the commands in the JSON file it is
 * given, in order, through the ledger against the store URL, and prints what each was answered
 * with as one JSON line. Usage: node --import tsx --conditions=source model-writer.ts URL FILE WRITER
 */
import { readFileSync } from 'node:fs'
import { openStore } from '../../../cli/stores.js'
import { createLedger } from '../../../src/ledger/ledger.js'
import { fixedClock } from '../../../src/ports/clock.js'
import { sequentialIds } from '../../../src/ports/ids.js'
import { NOW } from '../../fixtures/domain.js'
import { answerOf } from './model-plan.js'

const [url, file, writer] = process.argv.slice(2)
const opened = await openStore(url!)
const ledger = createLedger({ store: opened.store, keys: opened.keys, clock: fixedClock(NOW), ids: sequentialIds(`${Number(writer) + 1}0000000`), maxRetries: 100 })
const answers = []
for (const command of JSON.parse(readFileSync(file!, 'utf8')) as unknown[]) answers.push(answerOf(await ledger.execute(command)))
await opened.close()
process.stdout.write(JSON.stringify(answers) + '\n')
