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
import { receiptOf, type Receipt } from './types.js'

const NOT_SEEN: TE.TaskEither<never, undefined> = TE.right(undefined)

const reused = (key: string, first: StoredEvent): Rejection =>
  reject('IdempotencyKeyReused', `idempotency key ${key} was used before for a different command (at position ${first.position})`, {
    idempotencyKey: key,
  })

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
