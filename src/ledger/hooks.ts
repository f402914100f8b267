/**
 * Running the command hooks (`src/ports/command-hooks.ts`) over a batch, and wiring them from
 * the ledger's options: the privacy hooks (sealing, key destruction, the processing log) and the
 * snapshot hook. The pipeline calls these steps; it never asks which command it holds.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as T from 'fp-ts/lib/Task.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import type { Command } from '../domain/commands/index.js'
import type { Rejection } from '../domain/errors.js'
import type { Clock } from '../ports/clock.js'
import { combineHooks, hookOf, type CommandHooks, type HookContext, type Prepared } from '../ports/command-hooks.js'
import { privacyHooks } from '../privacy/hooks.js'
import type { Batch } from './batch.js'
import { snapshotHooks } from './snapshot.js'
import { rejectedAt, type BatchRejection, type LedgerOptions, type Receipt } from './types.js'

const NO_CONTEXTS: ReadonlyArray<HookContext | undefined> = []

/**
 * The hooks a ledger with these options runs: privacy always (it refuses personal data without a
 * key store), the snapshot renderer when one is given.
 *
 * @example
 * const hooks = ledgerHooks({ store, keys }, systemClock)
 */
export const ledgerHooks = (options: LedgerOptions, clock: Clock): CommandHooks =>
  combineHooks(
    privacyHooks({ keys: options.keys, clock, processingLog: options.processingLog }),
    options.renderSnapshot === undefined ? {} : snapshotHooks(options.store, options.renderSnapshot),
  )

/**
 * Undoes what `prepare` made for each prepared command (none of them was appended).
 *
 * @example
 * await undoPrepared(hooks, batch.commands, batch.prepared)()
 */
export const undoPrepared =
  (hooks: CommandHooks, commands: ReadonlyArray<Command>, prepared: ReadonlyArray<Prepared | undefined>): T.Task<void> =>
  async () => {
    for (const [i, p] of prepared.entries()) {
      const undo = p === undefined ? undefined : hookOf(hooks, commands[i]!)?.onRejected
      if (undo !== undefined) await undo(commands[i]!, p!)()
    }
  }

/**
 * Runs `prepare` for each command in `todo` that has one, in order; when one fails, undoes the
 * ones before it and names its index.
 *
 * @example
 * const prepared = await prepareAll(hooks, commands, [0, 1, 2])() // Right([Prepared | undefined, …])
 */
export const prepareAll = (
  hooks: CommandHooks,
  commands: ReadonlyArray<Command>,
  todo: ReadonlyArray<number>,
): TE.TaskEither<BatchRejection, ReadonlyArray<Prepared | undefined>> => {
  const prepared: Array<Prepared | undefined> = []
  const hooked = todo.filter((i) => hookOf(hooks, commands[i]!)?.prepare !== undefined)
  if (hooked.length === 0) return TE.right(prepared)
  return pipe(
    hooked,
    TE.traverseSeqArray((i) =>
      pipe(
        hookOf(hooks, commands[i]!)!.prepare!(commands[i]!),
        TE.bimap(rejectedAt(i), (p) => void (prepared[i] = p)),
      ),
    ),
    TE.map(() => prepared),
    TE.orElse((rejected) =>
      pipe(
        undoPrepared(hooks, commands, prepared),
        T.map(() => E.left(rejected)),
      ),
    ),
  )
}

/**
 * The hooks' context for each command in `todo` on this attempt: what `prepare` gave, with what
 * `beforeDecide` gives now. Empty when no command has either.
 *
 * @example
 * const contexts = await contextsFor(hooks, batch)() // Right([{ sealed }, undefined, { snapshot }])
 */
export const contextsFor = (hooks: CommandHooks, batch: Batch): TE.TaskEither<BatchRejection, ReadonlyArray<HookContext | undefined>> => {
  const { todo, commands, prepared } = batch
  if (!todo.some((i) => prepared[i] !== undefined || hookOf(hooks, commands[i]!)?.beforeDecide !== undefined)) return TE.right(NO_CONTEXTS)
  const alone = todo.length === 1
  return pipe(
    todo,
    TE.traverseSeqArray((i): TE.TaskEither<BatchRejection, HookContext | undefined> => {
      const context = prepared[i]?.context
      const before = hookOf(hooks, commands[i]!)?.beforeDecide
      if (before === undefined) return TE.right(context)
      return pipe(
        before(commands[i]!, { alone }),
        TE.bimap(rejectedAt(i), (now) => ({ ...context, ...now })),
      )
    }),
  )
}

/**
 * Runs `afterAppend` for each command this call appended (not the replayed ones) that has one, in
 * order; all of them run, and the first failure is the answer (the events stay appended).
 *
 * @example
 * await afterAppendAll(hooks, batch, receipts)()
 */
export const afterAppendAll = (
  hooks: CommandHooks,
  batch: Batch,
  receipts: ReadonlyArray<Receipt>,
): TE.TaskEither<BatchRejection, void> => {
  const hooked = batch.todo.filter((i) => !receipts[i]!.replayed && hookOf(hooks, batch.commands[i]!)?.afterAppend !== undefined)
  if (hooked.length === 0) return TE.right(undefined)
  return async () => {
    let failed: BatchRejection | undefined
    for (const i of hooked) {
      const done: E.Either<Rejection, void> = await hookOf(hooks, batch.commands[i]!)!.afterAppend!(batch.commands[i]!, receipts[i]!.events)()
      if (E.isLeft(done) && failed === undefined) failed = rejectedAt(i)(done.left)
    }
    return failed === undefined ? E.right(undefined) : E.left(failed)
  }
}
