/**
 * Idempotent replay: a command whose idempotency key was seen before appends nothing and is
 * answered with the first result; the same key with a different command is refused. The
 * fingerprint (`commandHash`) leaves personal fields out, so a command's hook may compare those
 * (`sameAsFirst`).
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as T from 'fp-ts/lib/Task.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import type { Command } from '../domain/commands/index.js'
import { reject, type Rejection } from '../domain/errors.js'
import type { StoredEvent } from '../domain/events.js'
import { hookOf, type CommandHooks } from '../ports/command-hooks.js'
import type { EventStore } from '../ports/event-store.js'
import { commandHash } from './meta.js'
import type { Batch } from './batch.js'
import type { Settled } from './retry.js'
import { receiptOf, rejectedAt, type BatchRejection, type Receipt } from './types.js'

const NOT_SEEN: TE.TaskEither<never, undefined> = TE.right(undefined)

/**
 * The refusal of a different command under a key used before, naming where the first use's events begin.
 *
 * @example
 * reusedKey('agenda#1', 12).message // "idempotency key agenda#1 was used before for a different command (at position 12)"
 */
export const reusedKey = (key: string, position: number): Rejection =>
  reject('IdempotencyKeyReused', `idempotency key ${key} was used before for a different command (at position ${position})`, {
    idempotencyKey: key,
  })

const reused = (key: string, first: StoredEvent): Rejection => reusedKey(key, first.position)

/**
 * The first result of a command whose idempotency key was seen before (`undefined` when it was
 * not, or the command has no key); `command` as received, before ids were filled in.
 *
 * @example
 * const first = await firstResult(store, hooks)(command)() // Right(undefined): new; Right(receipt): replay
 */
export const firstResult =
  (store: EventStore, hooks: CommandHooks) =>
  (command: Command): TE.TaskEither<Rejection, Receipt | undefined> => {
    const key = command.idempotencyKey
    if (key === undefined) return NOT_SEEN
    return pipe(
      store.readByIdempotencyKey(key),
      TE.chainW((seen) => {
        const first = seen[0]
        if (first === undefined) return NOT_SEEN
        if (first.meta.commandHash !== commandHash(command)) return TE.left(reused(key, first))
        const same = hookOf(hooks, command)?.sameAsFirst
        return pipe(
          same === undefined ? T.of(true) : same(command, first),
          T.map((ok) => (ok ? E.right(receiptOf(seen, true)) : E.left(reused(key, first)))),
        )
      }),
    )
  }

/**
 * After a conflict: the commands of a batch that another writer appended meanwhile (same
 * idempotency key) are answered with that (`Done` when none is left); the rest try again.
 *
 * @example
 * const s = await settleAfterConflict(store, hooks)(batch)() // Right({ _tag: 'Again', work }) or Right({ _tag: 'Done', value })
 */
export const settleAfterConflict =
  (store: EventStore, hooks: CommandHooks) =>
  (batch: Batch): TE.TaskEither<BatchRejection, Settled<Batch, ReadonlyArray<Receipt>>> => {
    const keyed = batch.todo.filter((i) => batch.received[i]!.idempotencyKey !== undefined)
    if (keyed.length === 0) return TE.right({ _tag: 'Again', work: batch })
    const first = firstResult(store, hooks)
    return pipe(
      keyed,
      TE.traverseSeqArray((i) => pipe(first(batch.received[i]!), TE.mapLeft(rejectedAt(i)))),
      TE.map((firsts) => {
        const answers = [...batch.answers]
        firsts.forEach((r, k) => void (answers[keyed[k]!] = r))
        const todo = batch.todo.filter((i) => answers[i] === undefined)
        return todo.length === 0 ? { _tag: 'Done', value: answers as ReadonlyArray<Receipt> } : { _tag: 'Again', work: { ...batch, answers, todo } }
      }),
    )
  }

/**
 * A rejection of a batch with idempotency keys, checked once more: when another writer appended
 * its keyed commands after this call looked them up (so the decision saw their effect), the
 * answer is the replay of those, as it would have been had the call come after that writer.
 *
 * @example
 * const answer = await replayInstead(store, hooks)(batch, E.left({ index: 0, rejection }))
 */
export const replayInstead =
  (store: EventStore, hooks: CommandHooks) =>
  async (batch: Batch, answer: E.Either<BatchRejection, ReadonlyArray<Receipt>>): Promise<E.Either<BatchRejection, ReadonlyArray<Receipt>>> => {
    if (E.isRight(answer) || answer.left.rejection._tag === 'StoreError') return answer
    if (!batch.todo.some((i) => batch.received[i]!.idempotencyKey !== undefined)) return answer
    const settled = await settleAfterConflict(store, hooks)(batch)()
    return E.isRight(settled) && settled.right._tag === 'Done' ? E.right(settled.right.value) : answer
  }
