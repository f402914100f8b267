/**
 * The workloads over a large register (1,000,000 contact events; quick: 100,000), built once per
 * run and reused: `replay-<store>`, `verify-sqlite`, `prove-sqlite-*`, `rss-verify`, `rss-replay`.
 */
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { copyFileSync, existsSync, symlinkSync } from 'node:fs'
import type { Measure, Workload } from '../harness.js'
import { contactEvents } from '../data.js'
import { loadByStream, openEmmett, replayAll, seedStreams, type EmmettSetup } from '../peers/emmett.js'
import { rawPgRead } from '../raw/postgres.js'
import { rawHashRate } from '../raw/hash.js'
import { rawSqliteRead } from '../raw/sqlite.js'
import { dropDatabase, freshDatabase, PG_URL, rate, timed, tempFile, removeDb, type Sizes } from './common.js'
import { buildLog, openOurs, type OpenedOurs } from './ours.js'
import { replayOurs } from './replay-fold.js'

const here = dirname(fileURLToPath(import.meta.url))

/** Whether the audit module (verify, proofs) is on this branch; until it is, its workloads wait. */
export const auditAvailable = (): boolean => existsSync(join(here, '..', '..', 'src', 'audit', 'verify.ts'))

type AuditModule = {
  verifyLog: (store: unknown) => () => Promise<E.Either<{ message: string }, { _tag: string; treeSize: number; message?: string }>>
  proveInclusion: (store: unknown, index: number, size: number) => () => Promise<E.Either<{ message: string }, unknown>>
  proveConsistency: (store: unknown, from: number, to: number) => () => Promise<E.Either<{ message: string }, unknown>>
}
/** Loads verify and the proofs by path, so that this file runs before the audit module lands. */
export const loadAudit = async (): Promise<AuditModule> => {
  const dir = '../../src/audit'
  const verify = (await import(`${dir}/verify.js`)) as Pick<AuditModule, 'verifyLog'>
  const proof = (await import(`${dir}/proof.js`)) as Omit<AuditModule, 'verifyLog'>
  return { verifyLog: verify.verifyLog, proveInclusion: proof.proveInclusion, proveConsistency: proof.proveConsistency }
}
const SEED = 9

/** A store built once and the Emmett store holding the same events. */
interface Built {
  readonly ours: OpenedOurs
  readonly size: number
  readonly peer?: { readonly setup: EmmettSetup; readonly where: string; readonly drop: () => Promise<void> }
}

/** Builds (once) our register and Emmett's with the same `n` events. */
const builder = (kind: 'sqlite' | 'postgres', n: number, withPeer: boolean) => {
  let built: Promise<Built> | undefined
  const build = async (): Promise<Built> => {
    const log = (s: string) => process.stderr.write(`  ${s}\n`)
    const t0 = performance.now()
    const ours = await buildLog(kind, n, SEED)
    const size = await ours.store.size()()
    if (E.isLeft(size)) throw new Error(size.left.message)
    log(`built our ${kind} register of ${size.right.toLocaleString('en-US')} entries in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    if (!withPeer) return { ours, size: size.right }
    const t1 = performance.now()
    const setup: EmmettSetup = kind === 'sqlite' ? 'sqlite-one-connection' : 'postgres'
    const file = kind === 'sqlite' ? tempFile('emmett-big.db') : undefined
    const where = file ?? (await freshDatabase('bench_emmett_replay'))
    const emmett = openEmmett(setup, where)
    await seedStreams(emmett.store)
    for (let i = 0; i < n; i += 50_000) await loadByStream(emmett.store, contactEvents(i, Math.min(50_000, n - i), SEED))
    await emmett.close()
    log(`built Emmett's ${kind} store with the same events in ${((performance.now() - t1) / 1000).toFixed(1)} s`)
    const drop = async () => (file !== undefined ? removeDb(file) : await dropDatabase('bench_emmett_replay'))
    return { ours, size: size.right, peer: { setup, where, drop } }
  }
  return {
    get: () => (built ??= build()),
    release: async () => {
      if (built === undefined) return
      const b = await built
      built = undefined
      await b.ours.close()
      if (b.ours.path !== undefined) removeDb(b.ours.path)
      await b.peer?.drop()
    },
  }
}

let compiled: string | undefined
/**
 * The benchmark and the library compiled once to JavaScript with tsc (into the run's temporary
 * folder), so that the peak-memory children run as an embedding application runs the library:
 * without tsx's loader, which alone adds some 25 MB to a process.
 */
const compiledChild = (): string => {
  if (compiled !== undefined) return compiled
  const root = join(here, '..', '..')
  const out = tempFile('compiled')
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  execFileSync(process.execPath, [tsc, '-p', join(root, 'bench', 'tsconfig.json'), '--noEmit', 'false', '--outDir', out, '--declaration', 'false', '--sourceMap', 'false'], { stdio: 'inherit' })
  // the compiled files find their packages where the sources do
  symlinkSync(join(root, 'node_modules'), join(out, 'node_modules'), 'dir')
  symlinkSync(join(root, 'bench', 'node_modules'), join(out, 'bench', 'node_modules'), 'dir')
  copyFileSync(join(root, 'package.json'), join(out, 'package.json'))
  return (compiled = join(out, 'bench', 'workloads', 'rss-child.js'))
}

/** Runs `bench/workloads/rss-child.ts` (compiled): its peak resident memory, and its rate where the mode has one. */
const child = (mode: string, path: string): { readonly maxRssKb: number; readonly rate?: number } => {
  const out = execFileSync(process.execPath, [compiledChild(), mode, path], { encoding: 'utf8', maxBuffer: 1 << 20 })
  return JSON.parse(out.trim().split('\n').pop()!) as { maxRssKb: number; rate?: number }
}

/** A child's peak resident memory in MB. */
const childRss = (mode: string, path: string): number => child(mode, path).maxRssKb / 1024

/** A child's rate (verify, raw-hash: entries per second). */
const childRate = (mode: 'verify' | 'raw-hash', path: string): number => {
  const r = child(mode, path).rate
  if (r === undefined) throw new Error(`the ${mode} child gave no rate`)
  return r
}

/** Fresh handle on a built register, so each measurement reads as a new process would. */
const reopen = async (b: Built): Promise<OpenedOurs> => openOurs(b.ours.kind, { ...(b.ours.path ? { path: b.ours.path } : {}), ...(b.ours.schema ? { schema: b.ours.schema } : {}) })

/**
 * The large-register workloads for a store kind (replay everywhere; verify, prove and peak
 * memory on SQLite), with a `release` to remove the stores afterwards.
 *
 * @example
 * const { workloads, release } = logWorkloads('sqlite', sizes(true))
 */
export const logWorkloads = (kind: 'sqlite' | 'postgres', s: Sizes): { workloads: Workload[]; release: () => Promise<void> } => {
  const b = builder(kind, s.log, true)
  const n = s.log
  const replay: Workload = {
    name: `replay-${kind}`,
    unit: 'events/s',
    n,
    higherIsBetter: true,
    setup: async () => void (await b.get()),
    measures: {
      ours: async () => {
        const built = await b.get()
        const o = await reopen(built)
        try {
          let folded = 0
          const ms = await timed(async () => (folded = await replayOurs(o.store)))
          return rate(folded, ms)
        } finally {
          await o.close()
        }
      },
      peer: async () => {
        const built = await b.get()
        const e = openEmmett(built.peer!.setup, built.peer!.where)
        try {
          let folded = 0
          const ms = await timed(async () => (folded = await replayAll(e.store)))
          return rate(folded, ms)
        } finally {
          await e.close()
        }
      },
      raw: async () => {
        const built = await b.get()
        return kind === 'sqlite' ? rawSqliteRead(built.ours.path!) : rawPgRead(PG_URL, `${built.ours.schema}.events`)
      },
    },
  }
  if (kind === 'postgres') return { workloads: [replay], release: b.release }

  // verify runs in a process of its own, as a user runs it (the compiled library, nothing else
  // loaded; in the benchmark's process, the heap that the other workloads left made it slower)
  const verify: Workload = {
    name: 'verify-sqlite',
    unit: 'entries/s',
    n,
    higherIsBetter: true,
    setup: async () => void compiledChild(),
    measures: {
      ours: async () => childRate('verify', (await b.get()).ours.path!),
      raw: async () => childRate('raw-hash', (await b.get()).ours.path!),
    },
  }
  const proofs = (which: 'inclusion' | 'consistency'): Workload => ({
    name: `prove-sqlite-${which}`,
    unit: 'ms/proof',
    n: s.proofs,
    higherIsBetter: false,
    measures: {
      ours: async () => {
        const built = await b.get()
        const o = await reopen(built)
        try {
          const size = built.size
          const { proveInclusion, proveConsistency } = await loadAudit()
          // a fixed spread of positions over the whole log
          const at = (k: number) => 1 + Math.floor(((k * 7919) % s.proofs) * ((size - 2) / s.proofs))
          const ms = await timed(async () => {
            for (let k = 0; k < s.proofs; k++) {
              const r = which === 'inclusion' ? await proveInclusion(o.store, at(k), size)() : await proveConsistency(o.store, at(k), size)()
              if (E.isLeft(r)) throw new Error(`proof failed: ${r.left.message}`)
            }
          })
          return ms / s.proofs
        } finally {
          await o.close()
        }
      },
    },
  })
  const rss = (mode: 'verify' | 'replay'): Workload => ({
    name: `rss-${mode}`,
    unit: 'MB',
    n,
    higherIsBetter: false,
    measures: {
      ours: async () => childRss(mode, (await b.get()).ours.path!),
      raw: async () => childRss(mode === 'verify' ? 'raw-hash' : 'raw-read', (await b.get()).ours.path!),
    },
  })
  if (!auditAvailable()) {
    process.stderr.write('the audit module (src/audit/verify.ts) is not on this branch yet: verify-sqlite, prove-sqlite-* and rss-verify are skipped\n')
    return { workloads: [replay, rss('replay')], release: b.release }
  }
  return { workloads: [replay, verify, proofs('inclusion'), proofs('consistency'), rss('verify'), rss('replay')], release: b.release }
}
