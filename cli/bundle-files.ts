/**
 * Reading an exported bundle's folder (what `export --out DIR` writes) for the reports drawn from
 * it: `entries.jsonl` and `leaves.txt` streamed line by line (opened afresh for each pass), the
 * latest `checkpoint` and every `checkpoints/<size>.note`. A missing file is exit 2 naming it.
 */
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { BundleCheckpoint, BundleSource } from '../src/index.js'
import { usage } from './errors.js'

const readText = (path: string, what: string): string => {
  try {
    return readFileSync(path, 'utf8')
  } catch (e) {
    throw usage(`cannot read ${what} ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'}); is this a bundle written by contact-ledger export?`)
  }
}

const lines = (path: string) => () => createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })

/**
 * The bundle in a folder, as `renderFromBundle` reads it.
 *
 * @example
 * const source = bundleSource('./audit-2025')
 */
export const bundleSource = (dir: string): BundleSource => {
  if (!existsSync(dir)) throw usage(`--bundle ${dir}: no such folder; give a folder written by contact-ledger export --out`)
  const entries = join(dir, 'entries.jsonl')
  if (!existsSync(entries)) throw usage(`${dir} holds no entries.jsonl; give a folder written by contact-ledger export --out`)
  const latest: BundleCheckpoint = { file: 'checkpoint', note: readText(join(dir, 'checkpoint'), 'the checkpoint') }
  const folder = join(dir, 'checkpoints')
  const checkpoints: BundleCheckpoint[] = existsSync(folder)
    ? readdirSync(folder)
        .filter((f) => f.endsWith('.note'))
        .sort()
        .map((f) => ({
          file: `checkpoints/${f}`,
          note: readText(join(folder, f), 'the checkpoint'),
          ...(/^\d+\.note$/.test(f) ? { claimedSize: Number(f.slice(0, -5)) } : {}),
        }))
    : []
  const leaves = join(dir, 'leaves.txt')
  return { entries: lines(entries), latest, checkpoints, ...(existsSync(leaves) ? { leaves: lines(leaves) } : {}) }
}
