/**
 * The ledger's pipeline, read top to bottom. A single command is a batch of one:
 *
 *   decode → idempotent replay → fill ids → prepare hooks (seal) →
 *   [ read what the decisions need → beforeDecide hooks (render a snapshot) → decide each
 *     against the state the earlier ones leave → stamp → conditional append ]  (retried on
 *     conflict or a busy store) →
 *   afterAppend hooks (destroy an erased person's key, write the processing record),
 *   or onRejected hooks when nothing was appended (a key made meanwhile is kept: a racing writer may have sealed under it).
 *
 * The bracketed part runs per group (group commit, `group-commit.ts`, `group-run.ts`): calls that
 * arrive while an append is in flight wait, and the next group decides them in turn and appends
 * them in one transaction; a call that finds nothing in flight runs at once, as a group of one.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { decodeCommand, fillIds, type Command } from '../domain/commands/index.js'
import { hookOf } from '../ports/command-hooks.js'
import { conflict } from '../domain/errors.js'
import type { RegisterState } from '../domain/state.js'
import { openerWith, recordsToFetch } from '../privacy/proposal-texts.js'
import { recordKeys, type RecordKeys } from '../privacy/record-keys.js'
import { decideAll, receiptsOf, type Batch } from './batch.js'
import { inCall, oneCommandPerKey, receiptsOfCall } from './batch-keys.js'
import { afterAppendAll, contextsFor, prepareAll, undoPrepared } from './hooks.js'
import { groupQueue } from './group-commit.js'
import { runGroup, type Answer } from './group-run.js'
import { firstResult, replayInstead, settleAfterConflict } from './idempotency.js'
import type { PipelineEnv } from './pipeline-env.js'
import { readForDecisions } from './read-for.js'
import { retryAppend, type AppendFailure } from './retry.js'
import { rejectedAt, type BatchRejection, type Receipt } from './types.js'

// ---------------------------------------------------------------------------------------------
// model

export type { PipelineEnv } from './pipeline-env.js'

type Receipts = ReadonlyArray<Receipt>

/**
 * The most commands one group commit takes. Bounded so the union of a group's queries stays
 * below the size at which a read for decisions reads the whole log instead (`read-for.ts`).
 */
const MAX_GROUP_COMMANDS = 64

// ---------------------------------------------------------------------------------------------
// utils

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

/** The commands as received, with the first results of those seen before and the indices of the others. */
interface Seen {
  readonly received: ReadonlyArray<Command>
  readonly answers: ReadonlyArray<Receipt | undefined>
  readonly todo: ReadonlyArray<number>
}

const seenWith = (received: ReadonlyArray<Command>, answers: ReadonlyArray<Receipt | undefined>): Seen => ({
  received,
  answers,
  todo: received.flatMap((_, i) => (answers[i] === undefined ? [i] : [])),
})

/** Idempotent replay: the first results of the commands whose keys were seen before (no lookup when no command has a key). */
const replays = (env: PipelineEnv, received: ReadonlyArray<Command>): TE.TaskEither<BatchRejection, Seen> => {
  if (!received.some((c) => c.idempotencyKey !== undefined)) return TE.right(seenWith(received, []))
  const first = firstResult(env.store, env.hooks)
  return pipe(
    received,
    TE.traverseSeqArrayWithIndex((i, c) => pipe(first(c), TE.mapLeft(rejectedAt(i)))),
    TE.map((answers) => seenWith(received, answers)),
  )
}

/** Fills in ids (for every command, so a batch draws ids the same way whichever were replayed), prepares, draws the metadata ids. */
const start = (env: PipelineEnv, { received, answers, todo }: Seen): TE.TaskEither<BatchRejection, Batch> => {
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

/**
 * One attempt: read → the hooks' context → decide → stamp → conditional append. Read and
 * decision failures end the run (Left); the append's own failure is returned for the retry loop
 * to judge. Written as one TaskEither thunk: it runs on every attempt of every command, and each
 * `TE.chain` costs a few promise hops.
 */
const attempt =
  (env: PipelineEnv, texts: RecordKeys | undefined) =>
  (batch: Batch): TE.TaskEither<BatchRejection, E.Either<AppendFailure, Receipts>> =>
  async () => {
    const read = await readForDecisions(
      env.store,
      batch.todo.map((i) => batch.commands[i]!),
    )()
    if (E.isLeft(read)) return E.left(rejectedAt(0)(read.left))
    // the keys of the records that hold sealed texts already (one key-store read, none for new records)
    const needed = texts === undefined ? [] : batch.todo.flatMap((i) => recordsToFetch(batch.commands[i]!.payload, read.right.state as RegisterState))
    if (needed.length > 0) {
      const fetched = await texts!.fetch(needed)
      if (E.isLeft(fetched)) return E.left(rejectedAt(0)(fetched.left))
    }
    const recordedAt = env.clock.now()
    const contexts = await contextsFor(env.hooks, batch)()
    if (E.isLeft(contexts)) return contexts
    const decided = decideAll(batch, read.right, contexts.right, recordedAt, texts?.keyOf, env.store.sessionUser, texts === undefined ? undefined : openerWith(texts.known))
    if (E.isLeft(decided)) return decided
    const { events, counts } = decided.right
    // the record keys made for these events are stored before the events (one write)
    if (texts !== undefined && texts.pending()) {
      const flushed = await texts.flush()
      if (E.isLeft(flushed)) return E.left(rejectedAt(0)(flushed.left))
      // a record's key was there already: decide and seal again with it (the retry loop's next attempt)
      if (flushed.right === 'again') return E.right(E.left(conflict(read.right.condition.after)))
    }
    const appended = events.length === 0 ? E.right([]) : await env.store.append(events, { condition: read.right.condition })()
    return E.right(E.isLeft(appended) ? appended : E.right(receiptsOf(batch, appended.right, counts)))
  }

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * Runs commands (untrusted JSON) through the pipeline as one atomic append; `execute` is a batch
 * of one. Never rejects for a rule; an exception thrown by a port rejects the promise. Written as
 * one async function: it runs once per command, and each TaskEither combinator on this spine
 * costs a promise hop and a closure (measured on the memory store).
 *
 * @example
 * const r = await runCommands({ store, clock, ids, maxRetries: 10, hooks: {} })([command])()
 * if (E.isRight(r)) console.log(r.right[0]!.events[0]!.position)
 */
export const runCommands = (env: PipelineEnv): ((inputs: ReadonlyArray<unknown>) => TE.TaskEither<BatchRejection, Receipts>) => {
  // group commit: calls arriving while an append is in flight are decided and appended together
  const submit = groupQueue<Batch, Answer>((members) => (members.length === 1 ? runOne(env, members[0]!).then((a) => [a]) : runGroup(env, members)), {
    maxCommands: MAX_GROUP_COMMANDS,
    size: (b) => b.todo.length,
    alone: (b) => b.todo.some((i) => hookOf(env.hooks, b.commands[i]!)?.beforeDecide !== undefined),
  })
  return (inputs) => async () => {
    const decoded = decodeAll(inputs)
    if (E.isLeft(decoded)) return decoded
    const keyed = oneCommandPerKey(decoded.right)
    if (E.isLeft(keyed)) return keyed
    const { unique } = keyed.right
    const seen = await replays(env, unique)()
    if (E.isLeft(seen)) return seen
    const run = seen.right.todo.length === 0 ? E.right(seen.right.answers as Receipts) : await appendNew(env, seen.right, submit)
    // only a call that repeated a key needs its answers spread back over its indices
    return unique.length === inputs.length ? run : E.bimap(inCall(keyed.right), (receipts: Receipts) => receiptsOfCall(keyed.right, receipts))(run)
  }
}

/** For the commands not seen before: prepare, then their turn in the group queue. */
const appendNew = async (env: PipelineEnv, seen: Seen, submit: (batch: Batch) => Promise<Answer>): Promise<Answer> => {
  const started = await start(env, seen)()
  return E.isLeft(started) ? started : submit(started.right)
}

/** A group of one (today's path when nothing else is in flight): append with retries, then the after-hooks (or undo the prepared ones). */
const runOne = async (env: PipelineEnv, batch: Batch): Promise<Answer> => {
  const texts = env.keys === undefined ? undefined : recordKeys(env.keys)
  const tried = await retryAppend(attempt(env, texts), { maxRetries: env.maxRetries, settle: settleAfterConflict(env.store, env.hooks), fail: rejectedAt(0) })(batch)()
  const appended = await replayInstead(env.store, env.hooks)(batch, tried)
  if (E.isLeft(appended)) {
    await undoPrepared(env.hooks, batch.commands, batch.prepared)()
    return appended
  }
  const after = await afterAppendAll(env.hooks, batch, appended.right)()
  return E.isLeft(after) ? after : appended
}
