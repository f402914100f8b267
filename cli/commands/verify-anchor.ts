/**
 * `verify`'s check of the register against its last signed checkpoint kept outside the log
 * (SQLite: `PATH.checkpoint`; PostgreSQL: the key database): a log shorter than it, or one whose
 * root at its size differs, is a verification failure (exit 1) naming both sizes and where the
 * checkpoint is kept. Every other command refuses to open such a register (exit 2).
 */
import * as E from 'fp-ts/lib/Either.js'
import { anchorHolds } from '../../src/store/index.js'
import { orExit } from '../audit-io.js'
import { println } from '../io.js'
import type { OpenedStore } from '../stores.js'

/** What the check found: a failure (printed, exit 1), a note for the report, or nothing. */
export interface AnchorFinding {
  readonly failure?: { readonly reason: string; readonly keptSize: number; readonly logSize: number }
  readonly note?: string
}

/**
 * Checks the opened register against its kept checkpoint.
 *
 * @example
 * const found = await anchorFinding(opened) // { failure: { reason, keptSize, logSize } } | { note } | {}
 */
export const anchorFinding = async (opened: OpenedStore): Promise<AnchorFinding> => {
  const source = opened.anchor
  if (source === undefined) return {}
  const kept = await source.read()
  const size = await orExit(opened.store.size())
  if (E.isLeft(kept)) return { failure: { reason: kept.left.message, keptSize: 0, logSize: size } }
  if (kept.right === undefined) {
    const stored = await orExit(opened.store.checkpoints())
    if (stored.length === 0) return {}
    return {
      note: `note: the register holds ${stored.length} signed checkpoint(s), the latest at size ${stored[stored.length - 1]!.treeSize}, but none is kept outside the log (${source.name}): a log that lost committed entries would go unnoticed; sign one now (contact-ledger checkpoint) to keep it`,
    }
  }
  const holds = await anchorHolds(opened.store, kept.right, source.name, source.register)()
  return E.isLeft(holds) ? { failure: { reason: holds.left.message, keptSize: kept.right.treeSize, logSize: size } } : {}
}

/**
 * Prints a failed check as `verify` prints a failure (one line; `--json`: one JSON line) and sets exit code 1.
 *
 * @example
 * printAnchorFailure(found.failure, { json: false })
 */
export const printAnchorFailure = (failure: NonNullable<AnchorFinding['failure']>, { json }: { readonly json: boolean }): void => {
  println(json ? JSON.stringify({ ok: false, position: failure.keptSize, kind: 'anchor', reason: failure.reason, keptSize: failure.keptSize, logSize: failure.logSize }) : failure.reason)
  process.exitCode = 1
}

/** What `verify --help` says about the check. */
export const anchorHelp =
  '\nThe kept checkpoint: every signed checkpoint is also kept outside the log (sqlite:PATH: PATH.checkpoint; PostgreSQL: the key database).\n' +
  'verify fails (exit 1) when the log is shorter than it or its root at that size differs; every other command refuses such a register (exit 2).'
