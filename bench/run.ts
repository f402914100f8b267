/**
 * `npm run bench [-- --quick] [--runs N] [--only NAME]`: runs every workload, ours / peer / raw
 * alternating inside one run, prints the table and writes `bench/results.json`.
 */
import { writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { resultsJson, runWorkload, table, type Workload, type WorkloadResult } from './harness.js'
import { appendWorkloads } from './workloads/append.js'
import { concurrentWorkloads } from './workloads/concurrent.js'
import { cleanTemp, pgReachable, sizes } from './workloads/common.js'
import { logWorkloads } from './workloads/log.js'
import { cliWorkloads } from './workloads/cli.js'
import { latencyWorkloads } from './workloads/latency.js'
import { busyRetries } from './peers/emmett.js'

const here = dirname(fileURLToPath(import.meta.url))

const print = console.log.bind(console)
// emmett-sqlite console.logs every error it rethrows; keep stdout for the table
console.log = () => undefined

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      runs: { type: 'string', default: '3' },
      only: { type: 'string', multiple: true },
      out: { type: 'string', default: join(here, 'results.json') },
    },
  })
  const runs = Number(values.runs)
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1, not ${values.runs}`)
  const s = sizes(values.quick!, runs)
  const pg = await pgReachable()
  const log = (line: string) => process.stderr.write(`${line}\n`)
  log(`contact-ledger bench: ${values.quick ? 'quick (a tenth of the sizes)' : 'full'}, ${runs} runs, ${cpus().length} x ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`)
  if (!pg) log('PostgreSQL does not answer at CONTACT_LEDGER_TEST_PG (default postgres://postgres@127.0.0.1:5432/test): the postgres workloads are skipped')

  const sqliteLog = logWorkloads('sqlite', s)
  const pgLog = pg ? logWorkloads('postgres', s) : undefined
  const sqliteLatency = latencyWorkloads('sqlite', s)
  const pgLatency = pg ? latencyWorkloads('postgres', s) : undefined
  const all: Workload[] = [
    ...appendWorkloads('memory', s),
    ...appendWorkloads('sqlite', s),
    ...(pg ? appendWorkloads('postgres', s) : []),
    ...concurrentWorkloads('memory', s),
    ...concurrentWorkloads('sqlite', s),
    ...(pg ? concurrentWorkloads('postgres', s) : []),
    ...sqliteLog.workloads,
    ...(pgLog?.workloads ?? []),
    ...sqliteLatency.workloads,
    ...(pgLatency?.workloads ?? []),
    ...cliWorkloads(values.quick ? 5 : 20),
  ]
  const chosen = values.only === undefined ? all : all.filter((w) => values.only!.some((o) => w.name.includes(o)))
  const results: WorkloadResult[] = []
  const started = performance.now()
  try {
    for (const w of chosen) {
      const t0 = performance.now()
      log(`${w.name} (n=${w.n.toLocaleString('en-US')}):`)
      const r = await runWorkload(w, runs, (m, v, round) => log(`  round ${round + 1} ${m.padEnd(20)} ${v.toFixed(v >= 100 ? 0 : 2)} ${w.unit}`))
      results.push(r)
      writeFileSync(values.out!, resultsJson(results))
      log(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    }
  } finally {
    await sqliteLog.release()
    await pgLog?.release()
    await sqliteLatency.release()
    await pgLatency?.release()
    cleanTemp()
  }
  print(table(results))
  if (busyRetries.count > 0) log(`Emmett's default SQLite setup needed ${busyRetries.count} retries after SQLITE_BUSY`)
  log(`total ${((performance.now() - started) / 1000).toFixed(1)} s; results in ${values.out}`)
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? e.message : String(e)}\n`)
    process.exit(2)
  },
)
