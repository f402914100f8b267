/**
 * One idempotency key, one command, within a call as across calls. Commands of one batch that
 * share a key are the same command sent twice (answered once, the repeat as a replay of it) or a
 * mistake that must append nothing (`IdempotencyKeyReused`, naming both places).
 */
import * as E from 'fp-ts/lib/Either.js'
import { canonicalJson } from '../audit/canonical.js'
import type { Command } from '../domain/commands/index.js'
import { reject } from '../domain/errors.js'
import { receiptOf, rejectedAt, type BatchRejection, type Receipt } from './types.js'

// ---------------------------------------------------------------------------------------------
// model

/** A call's commands with each key's repeats folded into its first use. */
export interface KeyedBatch {
  /** The commands to run, each key once. */
  readonly unique: ReadonlyArray<Command>
  /** For each command to run, its index in the call. */
  readonly origin: ReadonlyArray<number>
  /** For each index in the call, the command (in `unique`) that answers it. */
  readonly answeredBy: ReadonlyArray<number>
}

// ---------------------------------------------------------------------------------------------
// utils

/** Everything a command says, personal fields included (unlike the stored fingerprint). */
const whole = (c: Command): string => canonicalJson({ command: c.command, actor: c.actor, payload: c.payload })

/**
 * Folds repeats of an idempotency key within one call: the same command again is answered by
 * its first use; a different command under a key used earlier in the call is refused.
 *
 * @example
 * oneCommandPerKey([a, a]) // Right({ unique: [a], origin: [0], answeredBy: [0, 0] })
 * oneCommandPerKey([a, b]) // Left({ index: 1, rejection: IdempotencyKeyReused }) when b differs under a's key
 */
export const oneCommandPerKey = (received: ReadonlyArray<Command>): E.Either<BatchRejection, KeyedBatch> => {
  const firstOf = new Map<string, { readonly at: number; readonly text: string }>()
  const unique: Command[] = []
  const origin: number[] = []
  const answeredBy: number[] = []
  for (const [i, c] of received.entries()) {
    const key = c.idempotencyKey
    const seen = key === undefined ? undefined : firstOf.get(key)
    if (key !== undefined && seen !== undefined) {
      if (whole(c) !== seen.text)
        return E.left(
          rejectedAt(i)(
            reject(
              'IdempotencyKeyReused',
              `idempotency key ${key} is used in this batch by command ${origin[seen.at]} and by command ${i}, which differ; one key names one command`,
              { idempotencyKey: key },
            ),
          ),
        )
      answeredBy.push(seen.at)
      continue
    }
    if (key !== undefined) firstOf.set(key, { at: unique.length, text: whole(c) })
    answeredBy.push(unique.length)
    unique.push(c)
    origin.push(i)
  }
  return E.right({ unique, origin, answeredBy })
}

/**
 * The receipts of the whole call from those of its unique commands: a repeat gets its first
 * use's events, as a replay.
 *
 * @example
 * receiptsOfCall(keyed, receipts)[1] // { events: receipts[0].events, replayed: true }
 */
export const receiptsOfCall = (keyed: KeyedBatch, receipts: ReadonlyArray<Receipt>): ReadonlyArray<Receipt> =>
  keyed.answeredBy.map((u, i) => (keyed.origin[u] === i ? receipts[u]! : receiptOf(receipts[u]!.events, true)))

/** A rejection of a unique command, at that command's index in the call. @example inCall(keyed)({ index: 0, rejection }) */
export const inCall =
  (keyed: KeyedBatch) =>
  (r: BatchRejection): BatchRejection => ({ index: keyed.origin[r.index] ?? r.index, rejection: r.rejection })

/**
 * Whether two commands say the same, personal fields included: a repeat of an idempotency key
 * within a group commit is the first command again only then.
 *
 * @example
 * sameCommand(a, { ...a }) // true
 */
export const sameCommand = (a: Command, b: Command): boolean => whole(a) === whole(b)
