/**
 * Profiling aid (not part of `npm run bench`): this checkout against another one (an older commit
 * in a worktree of its own, built with `npm run build`), one per call on SQLite, in ONE process,
 * the two alternating round by round (each round a fresh copy of a register holding the
 * benchmark's 1,000 organisations, `n` recordContact commands timed). On a shared machine whose
 * speed drifts from minute to minute, separate processes (the quick benchmark run twice) differ by
 * more than the change under test; alternating every second inside one process does not.
 *
 * Usage: npm run build && node --import tsx --conditions=source bench/profile/ab.ts OTHER_CHECKOUT [N] [ROUNDS]
 * Prints each side's median rate and CPU per command, and the median of the paired ratios.
 */
import { copyFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { grantCommands } from '../../src/testing/roles.js'
import { contactCommand, NOW, setupCommands } from '../data.js'
import { median } from '../harness.js'
import { removeDb, tempFile } from '../workloads/common.js'

type Ledger = { execute: (c: unknown) => Promise<{ _tag: string; left?: unknown }>; executeBatch: (cs: ReadonlyArray<unknown>) => Promise<{ _tag: string; left?: unknown }> }
interface Side {
  readonly name: string
  readonly open: (path: string) => { store: { close: () => Promise<void> }; ledger: Ledger }
  readonly template: string
  readonly rates: number[]
  readonly cpu: number[]
}

const [otherArg, nArg = '500', roundsArg = '20'] = process.argv.slice(2)
if (otherArg === undefined) {
  process.stderr.write('usage: node --import tsx --conditions=source bench/profile/ab.ts OTHER_CHECKOUT [N] [ROUNDS]\n')
  process.exit(2)
}
const n = Number(nArg)
const rounds = Number(roundsArg)
const here = resolve(fileURLToPath(import.meta.url), '../../..')
const clock = { now: () => new Date(NOW) }
const commands = Array.from({ length: n }, (_, i) => contactCommand(i, 1))

const sideOf = async (name: string, root: string): Promise<Side> => {
  const dist = (p: string) => join(root, 'dist', p)
  const { createLedger } = await import(dist('src/ledger/ledger.js'))
  const { memoryKeyStore } = await import(dist('adapters/memory/index.js'))
  const { openSqliteEventStore } = await import(dist('adapters/sqlite/index.js'))
  const { uuidV7 } = await import(dist('src/ports/ids.js'))
  const open = (path: string) => {
    const store = openSqliteEventStore(path).right
    return { store, ledger: createLedger({ store, keys: memoryKeyStore(), clock, ids: uuidV7 }) as Ledger }
  }
  const template = tempFile(`${name}.db`)
  const { store, ledger } = open(template)
  // a checkout from before roles (rule 18) knows no grantRole: its register needs no opening
  await ledger.executeBatch(grantCommands([['c.desmet', 'coordinator'], ['a.jansen', 'official']], 'b.beheer'))
  const setup = setupCommands()
  for (let i = 0; i < setup.length; i += 200) {
    const r = await ledger.executeBatch(setup.slice(i, i + 200))
    if (r._tag === 'Left') throw new Error(`${name}: setup rejected: ${JSON.stringify(r.left)}`)
  }
  await store.close()
  return { name, open, template, rates: [], cpu: [] }
}

const sides = [await sideOf('this', here), await sideOf('other', resolve(otherArg))]
for (let r = 0; r < rounds; r++)
  for (const side of r % 2 === 0 ? sides : [...sides].reverse()) {
    const path = tempFile('round.db')
    copyFileSync(side.template, path)
    const { store, ledger } = side.open(path)
    const t0 = performance.now()
    const c0 = process.cpuUsage()
    for (const c of commands) {
      const x = await ledger.execute(c)
      if (x._tag === 'Left') throw new Error(`${side.name}: rejected: ${JSON.stringify(x.left)}`)
    }
    const cpu = process.cpuUsage(c0)
    side.rates.push((n * 1000) / (performance.now() - t0))
    side.cpu.push((cpu.user + cpu.system) / n)
    await store.close()
    removeDb(path)
    rmSync(`${path}.checkpoint`, { force: true })
  }
for (const s of sides) {
  console.log(`${s.name.padEnd(5)} ${median(s.rates).toFixed(0)} commands/s, ${median(s.cpu).toFixed(0)} µs CPU/command`)
  removeDb(s.template)
  rmSync(`${s.template}.checkpoint`, { force: true })
}
const [mine, other] = sides as [Side, Side]
console.log(`this vs other: ${(median(mine.rates) / median(other.rates)).toFixed(3)} (medians), ${median(mine.rates.map((x, i) => x / other.rates[i]!)).toFixed(3)} (median of paired rounds)`)
process.exit(0)
