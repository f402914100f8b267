/**
 * The command line end to end, as a user's shell starts it (issue 17's targets):
 * - `cli-startup`: `contact-ledger --version` (target under 150 ms);
 * - `cli-exec-one`: `contact-ledger exec` of one command on a fresh SQLite register (target under 300 ms),
 *   opened (rule 18: `init --administrator`, then the acting coordinator's grant) before the timing.
 * `ours` runs bin/contact-ledger.mjs (the build in dist/, run `npm run build` first); `peer` runs
 * the same command line through tsx as before (bench/workloads/cli-source.mjs); `raw` is the
 * floor: `node -e 0`, and node opening better-sqlite3 and inserting one row in a new file.
 * Each figure is the mean wall time of `n` runs, in milliseconds.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Measure, Workload } from '../harness.js'
import { removeDb, tempFile } from './common.js'

const here = dirname(fileURLToPath(import.meta.url))
const ROOT = join(here, '..', '..')
const BIN = join(ROOT, 'bin', 'contact-ledger.mjs')
const SOURCE = join(here, 'cli-source.mjs')

/** Milliseconds one run of `node ARGS` takes, wall time; a failed run fails the benchmark. */
const spawnMs = (args: ReadonlyArray<string>): number => {
  const t0 = performance.now()
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } })
  const ms = performance.now() - t0
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 400)}`)
  return ms
}

/** The mean over `n` runs, each after `before` (not timed). */
const meanMs = (n: number, args: () => ReadonlyArray<string>, before: () => void = () => undefined): Measure => async () => {
  let total = 0
  for (let i = 0; i < n; i++) {
    before()
    total += spawnMs(args())
  }
  return total / n
}

const COMMAND = JSON.stringify({
  command: 'registerOrganisation',
  actor: { id: 'c.desmet', role: 'coordinator' },
  payload: { name: 'Stichting Samen Verder', kind: 'self-organisation' },
})

/** The register's files that a copy of it takes: the log and its key store. */
const FILES = ['', '.keys']

/** Runs `node ARGS` once, untimed (setting a register up); a failed run fails the benchmark. */
const spawnOk = (args: ReadonlyArray<string>): void => void spawnMs(args)

const GRANT = JSON.stringify({
  command: 'grantRole',
  actor: { id: 'b.beheer' },
  payload: { actorId: 'c.desmet', role: 'coordinator', grantedOn: '2000-01-01', reason: 'benchmark' },
})

const RAW_INSERT = `const D = require('better-sqlite3'); const db = new D(process.argv[1]); db.pragma('journal_mode = WAL');
db.exec('CREATE TABLE IF NOT EXISTS e (position INTEGER PRIMARY KEY, data TEXT NOT NULL)');
db.prepare('INSERT INTO e (data) VALUES (?)').run(process.argv[2]); db.close()`

/**
 * The two command-line workloads; `n` runs per measurement.
 *
 * @example
 * const [startup, execOne] = cliWorkloads(20)
 */
export const cliWorkloads = (n: number): Workload[] => {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'contact-ledger.mjs'))) throw new Error('the command line is not built: run npm run build before the cli workloads')
  const commands = tempFile('one.jsonl')
  const grants = tempFile('grants.jsonl')
  const template = tempFile('opened.db')
  const db = tempFile('cli.db')
  const empty = () => {
    removeDb(db)
    removeDb(`${db}.key`)
  }
  // each run gets a copy of a register opened once: b.beheer administers it, c.desmet coordinates
  const opened = () => {
    empty()
    for (const f of FILES) if (existsSync(`${template}${f}`)) copyFileSync(`${template}${f}`, `${db}${f}`)
  }
  const open = async () => {
    writeFileSync(commands, `${COMMAND}\n`)
    writeFileSync(grants, `${GRANT}\n`)
    removeDb(template)
    spawnOk([BIN, 'init', '--store', `sqlite:${template}`, '--administrator', 'b.beheer', '--granted-on', '2000-01-01', '--reason', 'benchmark'])
    spawnOk([BIN, 'exec', '--store', `sqlite:${template}`, '--actor', 'b.beheer', grants])
  }
  return [
    {
      name: 'cli-startup',
      unit: 'ms',
      n,
      higherIsBetter: false,
      measures: {
        ours: meanMs(n, () => [BIN, '--version']),
        peer: meanMs(n, () => [SOURCE, '--version']),
        raw: meanMs(n, () => ['-e', '0']),
      },
    },
    {
      name: 'cli-exec-one',
      unit: 'ms',
      n,
      higherIsBetter: false,
      setup: open,
      measures: {
        ours: meanMs(n, () => [BIN, 'exec', '--store', `sqlite:${db}`, '--actor', 'c.desmet', commands], opened),
        peer: meanMs(n, () => [SOURCE, 'exec', '--store', `sqlite:${db}`, '--actor', 'c.desmet', commands], opened),
        raw: meanMs(n, () => ['-e', RAW_INSERT, db, COMMAND], empty),
      },
      teardown: async () => {
        empty()
        removeDb(template)
      },
    },
  ]
}
