/**
 * The ledger's pipeline, read top to bottom. A single command is a batch of one:
 *
 *   decode → idempotent replay → fill ids → prepare hooks (seal) →
 *   [ read what the decisions need → beforeDecide hooks (render a snapshot) → decide each
 *     against the state the earlier ones leave → stamp → conditional append ]  (retried on
 *     conflict or a busy store) →
 *   afterAppend hooks (destroy an erased person's key, write the processing record),
 *   or onRejected hooks when nothing was appended (destroy a key made for nobody).
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as T from 'fp-ts/lib/Task.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import type { Command } from '../domain/commands.js'
import { decodeCommand } from '../domain/decode.js'
import type { StoredEvent } from '../domain/events.js'
import { fillIds } from '../domain/prepare.js'
import type { Clock } from '../ports/clock.js'
import type { CommandHooks } from '../ports/command-hooks.js'
import type { EventStore } from '../ports/event-store.js'
import type { Ids } from '../ports/ids.js'
import type { AppendCondition } from '../ports/query.js'
import { decideAll, receiptsOf, type Batch, type Decided } from './batch.js'
import { afterAppendAll, contextsFor, prepareAll, undoPrepared } from './hooks.js'
import { firstResult } from './idempotency.js'
import { readForDecisions } from './read-for.js'
import { retryAppend, type AppendFailure, type Settled } from './retry.js'
import { rejectedAt, type BatchRejection, type Receipt } from './types.js'

// ---------------------------------------------------------------------------------------------
// model

/** What the pipeline runs with. */
export interface PipelineEnv {
  readonly store: EventStore
  readonly clock: Clock
  readonly ids: Ids
  readonly maxRetries: number
  readonly hooks: CommandHooks
}

type Receipts = ReadonlyArray<Receipt>

// ---------------------------------------------------------------------------------------------
// steps

/** Decodes every command, or names the first that does not decode. */
const decodeAll = (inputs: ReadonlyArray<unknown>): E.Either<BatchRejection, ReadonlyArray<Command>> => {
  const received: Command[] = []
  for (const [i, input] of inputs.entries()) {
    const decoded = decodeCommand(input)
    if (E.isLeft(decoded)) return E.left(rejectedAt(i)(decoded.left))
    received.push(decoded.right)
  }
  return E.right(received)
}

/** The first results of the commands seen before, by index (none when no command has a key). */
const replays = (env: PipelineEnv, received: ReadonlyArray<Command>): TE.TaskEither<BatchRejection, ReadonlyArray<Receipt | undefined>> => {
  if (!received.some((c) => c.idempotencyKey !== undefined)) return TE.right([])
  const first = firstResult(env.store, env.hooks)
  return pipe(
    received,
    TE.traverseSeqArrayWithIndex((i, c) => pipe(first(c), TE.mapLeft(rejectedAt(i)))),
  )
}

/** Fills in ids (for every command, so a batch draws ids the same way whichever were replayed), prepares, draws the metadata ids. */
const start = (env: PipelineEnv, received: ReadonlyArray<Command>, answers: ReadonlyArray<Receipt | undefined>, todo: ReadonlyArray<number>) => {
  const commands = received.map((c) => fillIds(c, env.ids.next))
  return pipe(
    prepareAll(env.hooks, commands, todo),
    TE.map((prepared): Batch => {
      const correlationId = todo.every((i) => commands[i]!.correlationId !== undefined) ? undefined : env.ids.next()
      const causationIds: string[] = []
      for (const i of todo) causationIds[i] = env.ids.next()
      return { received, commands, answers, todo, prepared, correlationId, causationIds }
    }),
  )
}

/** One attempt: read → hooks' context → decide → stamp → conditional append (its failure for the retry loop to judge). */
const attempt =
  (env: PipelineEnv) =>
  (batch: Batch): TE.TaskEither<BatchRejection, E.Either<AppendFailure, Receipts>> =>
    pipe(
      readForDecisions(
        env.store,
        batch.todo.map((i) => batch.commands[i]!),
      ),
      TE.mapLeft(rejectedAt(0)),
      TE.bindTo('read'),
      TE.bind('recordedAt', () => TE.fromIO(env.clock.now)),
      TE.bind('contexts', () => contextsFor(env.hooks, batch)),
      TE.chainEitherK(({ read, recordedAt, contexts }) =>
        pipe(
          decideAll(batch, read, contexts, recordedAt),
          E.map((decided) => ({ decided, condition: read.condition })),
        ),
      ),
      TE.chainTaskK(({ decided, condition }) => append(env, batch, decided, condition)),
    )

const append = (env: PipelineEnv, batch: Batch, decided: Decided, condition: AppendCondition): T.Task<E.Either<AppendFailure, Receipts>> =>
  pipe(
    decided.events.length === 0 ? TE.right<AppendFailure, ReadonlyArray<StoredEvent>>([]) : env.store.append(decided.events, { condition }),
    TE.map((appended) => receiptsOf(batch, appended, decided.counts)),
  )

/** After a conflict: the commands another writer appended meanwhile (same idempotency key) are answered with that; the rest try again. */
const settle =
  (env: PipelineEnv) =>
  (batch: Batch): TE.TaskEither<BatchRejection, Settled<Batch, Receipts>> => {
    const keyed = batch.todo.filter((i) => batch.received[i]!.idempotencyKey !== undefined)
    if (keyed.length === 0) return TE.right({ _tag: 'Again', work: batch })
    const first = firstResult(env.store, env.hooks)
    return pipe(
      keyed,
      TE.traverseSeqArray((i) => pipe(first(batch.received[i]!), TE.mapLeft(rejectedAt(i)))),
      TE.map((firsts) => {
        const answers = [...batch.answers]
        firsts.forEach((r, k) => void (answers[keyed[k]!] = r))
        const todo = batch.todo.filter((i) => answers[i] === undefined)
        return todo.length === 0 ? { _tag: 'Done', value: answers as Receipts } : { _tag: 'Again', work: { ...batch, answers, todo } }
      }),
    )
  }

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * Runs commands (untrusted JSON) through the pipeline as one atomic append; `execute` is a batch
 * of one. Never rejects for a rule; an exception thrown by a port rejects the promise.
 *
 * @example
 * const r = await runCommands({ store, clock, ids, maxRetries: 10, hooks: {} })([command])()
 * if (E.isRight(r)) console.log(r.right[0]!.events[0]!.position)
 */
export const runCommands =
  (env: PipelineEnv) =>
  (inputs: ReadonlyArray<unknown>): TE.TaskEither<BatchRejection, Receipts> =>
    pipe(
      TE.fromEither(decodeAll(inputs)),
      TE.bindTo('received'),
      TE.bind('answers', ({ received }) => replays(env, received)),
      TE.chain(({ received, answers }) => {
        const todo = received.flatMap((_, i) => (answers[i] === undefined ? [i] : []))
        if (todo.length === 0) return TE.right(answers as Receipts)
        return pipe(
          start(env, received, answers, todo),
          TE.chain((batch) =>
            pipe(
              retryAppend(attempt(env), { maxRetries: env.maxRetries, settle: settle(env), fail: rejectedAt(0) })(batch),
              TE.orElseFirstTaskK(() => undoPrepared(env.hooks, batch.commands, batch.prepared)),
              TE.chainFirst((receipts) => afterAppendAll(env.hooks, batch, receipts)),
            ),
          ),
        )
      }),
    )
