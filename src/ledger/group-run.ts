/**
 * One group of a group commit (`group-commit.ts` forms them): the calls of one ledger that arrived
 * while another append was in flight, run as one store transaction. Each member (a call: one
 * command, or an atomic batch) is decided in queue order against the state its accepted
 * predecessors leave; a rejected member contributes nothing and is answered with its rejection;
 * the accepted members' events go in one conditional append whose condition is the union of what
 * every decision read. So each answer is the one the calls would have had one after another:
 *
 *   read the union once → for each member: its repeats of keys used earlier in the group → the
 *   hooks' context → decide → keep or drop → one conditional append (retried as a whole on a
 *   conflict, after each member's idempotency keys are looked up again) → afterAppend per
 *   accepted member, onRejected per rejected member.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Command } from '../domain/commands/index.js'
import { conflict, type Rejection } from '../domain/errors.js'
import type { NewEvent, StoredEvent } from '../domain/events.js'
import { foldScratch } from '../domain/evolve.js'
import type { RegisterState } from '../domain/state.js'
import { hookOf } from '../ports/command-hooks.js'
import { openerWith, recordsToFetch } from '../privacy/proposal-texts.js'
import { recordKeys, type RecordKeys } from '../privacy/record-keys.js'
import { decideAll, receiptsOf, type Batch } from './batch.js'
import { sameCommand } from './batch-keys.js'
import { afterAppendAll, contextsFor, undoPrepared } from './hooks.js'
import { replayInstead, reusedKey, settleAfterConflict } from './idempotency.js'
import { commandHash } from './meta.js'
import type { PipelineEnv } from './pipeline-env.js'
import { readForDecisions, type DecisionRead, type Scratch } from './read-for.js'
import { retryAppend, type AppendFailure, type Settled } from './retry.js'
import { receiptOf, rejectedAt, type BatchRejection, type Receipt } from './types.js'

// ---------------------------------------------------------------------------------------------
// model

type Receipts = ReadonlyArray<Receipt>

/** One member's answer: its receipts, or the rejection of its call. */
export type Answer = E.Either<BatchRejection, Receipts>

/** A group on its way: each member's batch, and the answers of those another writer's append settled. */
interface GroupWork {
  readonly batches: ReadonlyArray<Batch>
  readonly answers: ReadonlyArray<Answer | undefined>
}

/** The command (member, index in its call) that used an idempotency key first in this group. */
interface FirstUse {
  readonly member: number
  readonly index: number
  readonly received: Command
}

/** How one member came out of an attempt's decisions. */
type Decision =
  | { readonly _tag: 'Answered'; readonly answer: Answer }
  | { readonly _tag: 'Reused'; readonly index: number; readonly key: string; readonly first: FirstUse }
  | {
      readonly _tag: 'Accepted'
      readonly batch: Batch
      /** Where its events begin in the group's events, and how many each command of its `todo` made. */
      readonly from: number
      readonly counts: ReadonlyArray<number>
      readonly total: number
      /** Commands answered by an earlier member's command under the same key: [index, first use]. */
      readonly repeats: ReadonlyArray<readonly [number, FirstUse]>
    }

// ---------------------------------------------------------------------------------------------
// utils

/** Whether a command repeats the first use of its key (else it is a different command under a used key). */
const repeats = (env: PipelineEnv, c: Command, first: Command): boolean =>
  commandHash(c) === commandHash(first) && (hookOf(env.hooks, c)?.sameAsFirst === undefined || sameCommand(c, first))

/** The working state again, from the read and the accepted members' events (after a batch member's rejection left it half changed). */
const refold = (read: DecisionRead, events: ReadonlyArray<NewEvent>): Scratch =>
  foldScratch([...read.events, ...events.map((e, j) => ({ ...e, position: read.next + j }) as StoredEvent)])

/** The records whose sealed texts the group's decisions open (one key-store read for them all). */
const fetchTexts = async (texts: RecordKeys | undefined, commands: ReadonlyArray<Command>, read: DecisionRead): Promise<E.Either<Rejection, void>> => {
  if (texts === undefined) return E.right(undefined)
  const needed = commands.flatMap((c) => recordsToFetch(c.payload, read.state as RegisterState))
  return needed.length === 0 ? E.right(undefined) : texts.fetch(needed)
}

/**
 * Decides each open member in turn against the state the accepted ones before it leave. A member's
 * repeat of a key an earlier member used is answered by that command (or refused as a different
 * command under a used key); a rejected member leaves the state as it found it.
 */
const decideMembers = async (
  env: PipelineEnv,
  texts: RecordKeys | undefined,
  work: GroupWork,
  read: DecisionRead,
): Promise<{ readonly decisions: ReadonlyArray<Decision>; readonly events: ReadonlyArray<NewEvent> }> => {
  const firsts = new Map<string, FirstUse>()
  const events: NewEvent[] = []
  const decisions: Decision[] = []
  const opener = texts === undefined ? undefined : openerWith(texts.known)
  let state = read.state
  for (const [m, batch] of work.batches.entries()) {
    const settled = work.answers[m]
    if (settled !== undefined) {
      decisions.push({ _tag: 'Answered', answer: settled })
      continue
    }
    // keys an earlier member of the group used: the same command is answered by it, another is refused
    const repeated: Array<readonly [number, FirstUse]> = []
    let reused: Decision | undefined
    for (const i of batch.todo) {
      const key = batch.received[i]!.idempotencyKey
      const first = key === undefined ? undefined : firsts.get(key)
      if (first === undefined) continue
      if (!repeats(env, batch.received[i]!, first.received)) {
        reused = { _tag: 'Reused', index: i, key: key!, first }
        break
      }
      repeated.push([i, first])
    }
    if (reused !== undefined) {
      decisions.push(reused)
      continue
    }
    const todo = repeated.length === 0 ? batch.todo : batch.todo.filter((i) => !repeated.some(([r]) => r === i))
    const mine: Batch = todo === batch.todo ? batch : { ...batch, todo }
    const contexts = await contextsFor(env.hooks, mine)()
    if (E.isLeft(contexts)) {
      decisions.push({ _tag: 'Answered', answer: contexts })
      continue
    }
    const decided = decideAll(
      mine,
      { state, next: read.next + events.length },
      contexts.right,
      env.clock.now(),
      texts?.keyOf,
      env.store.sessionUser,
      opener,
      true,
    )
    if (E.isLeft(decided)) {
      // a batch rejected after its first command changed the working state: fold it again without the batch
      if (mine.todo.length > 1) state = refold(read, events)
      decisions.push({ _tag: 'Answered', answer: decided })
      continue
    }
    const from = events.length
    events.push(...decided.right.events)
    for (const i of mine.todo) {
      const key = batch.received[i]!.idempotencyKey
      if (key !== undefined) firsts.set(key, { member: m, index: i, received: batch.received[i]! })
    }
    decisions.push({ _tag: 'Accepted', batch: mine, from, counts: decided.right.counts, total: events.length - from, repeats: repeated })
  }
  return { decisions, events }
}

/** Each member's answer once the group's events are appended (`appended`, in the order decided). */
const answersOf = (decisions: ReadonlyArray<Decision>, appended: ReadonlyArray<StoredEvent>, fallback: number): ReadonlyArray<Answer> => {
  const receipts: Array<Receipts | undefined> = []
  return decisions.map((d, m): Answer => {
    if (d._tag === 'Answered') return d.answer
    if (d._tag === 'Reused') {
      const first = receipts[d.first.member]![d.first.index]!
      return E.left(rejectedAt(d.index)(reusedKey(d.key, first.events[0]?.position ?? fallback)))
    }
    const mine = [...receiptsOf(d.batch, appended.slice(d.from, d.from + d.total), d.counts)]
    for (const [i, first] of d.repeats) mine[i] = receiptOf(receipts[first.member]![first.index]!.events, true)
    receipts[m] = mine
    return E.right(mine)
  })
}

/**
 * One attempt of the whole group: one read for every open member's commands → decisions in turn →
 * the record keys made → one conditional append. A read or key-store failure fails the group (Left).
 */
const attemptGroup = async (env: PipelineEnv, texts: RecordKeys | undefined, work: GroupWork): Promise<E.Either<Rejection, E.Either<AppendFailure, ReadonlyArray<Answer>>>> => {
  const commands = work.batches.flatMap((b, m) => (work.answers[m] !== undefined ? [] : b.todo.map((i) => b.commands[i]!)))
  const read = await readForDecisions(env.store, commands)()
  if (E.isLeft(read)) return read
  const fetched = await fetchTexts(texts, commands, read.right)
  if (E.isLeft(fetched)) return fetched
  const { decisions, events } = await decideMembers(env, texts, work, read.right)
  const { condition } = read.right
  if (texts !== undefined && texts.pending()) {
    const flushed = await texts.flush()
    if (E.isLeft(flushed)) return flushed
    // a record's key was there already: decide and seal again with it (the retry loop's next attempt)
    if (flushed.right === 'again') return E.right(E.left(conflict(condition.after)))
  }
  const appended = events.length === 0 ? E.right([]) : await env.store.append(events, { condition })()
  return E.right(E.isLeft(appended) ? appended : E.right(answersOf(decisions, appended.right, condition.after + 1)))
}

/** After a conflict: each open member's keys looked up again (another writer may have appended them). */
const settleGroup = async (env: PipelineEnv, work: GroupWork): Promise<Settled<GroupWork, ReadonlyArray<Answer>>> => {
  const answers = [...work.answers]
  const batches = [...work.batches]
  const settle = settleAfterConflict(env.store, env.hooks)
  for (const [m, batch] of work.batches.entries()) {
    if (answers[m] !== undefined) continue
    const s = await settle(batch)()
    if (E.isLeft(s)) answers[m] = s
    else if (s.right._tag === 'Done') answers[m] = E.right(s.right.value)
    else batches[m] = s.right.work
  }
  return batches.every((_, m) => answers[m] !== undefined)
    ? { _tag: 'Done', value: answers as ReadonlyArray<Answer> }
    : { _tag: 'Again', work: { batches, answers } }
}

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * Runs a group of calls (each already prepared: ids filled, hooks' `prepare` run) as one store
 * transaction, retried on a conflict as one; answers each member as if the calls had run one after
 * another in this order. A store failure is every unanswered member's answer, and nothing is appended.
 *
 * @example
 * const answers = await runGroup(env, [batchOfA, batchOfB]) // [Right([receipt]), Left({ index: 0, rejection })]
 */
export const runGroup = async (env: PipelineEnv, batches: ReadonlyArray<Batch>): Promise<ReadonlyArray<Answer>> => {
  const texts = env.keys === undefined ? undefined : recordKeys(env.keys)
  let latest: GroupWork = { batches, answers: [] }
  const run = await retryAppend<GroupWork, Rejection, ReadonlyArray<Answer>>(
    (work) => () => attemptGroup(env, texts, (latest = work)),
    {
      maxRetries: env.maxRetries,
      settle: (work) => async () => {
        const settled = await settleGroup(env, work)
        if (settled._tag === 'Again') latest = settled.work
        return E.right(settled)
      },
      fail: (e) => e,
    },
  )(latest)()
  const answers: Answer[] = E.isRight(run) ? [...run.right] : batches.map((_, m) => latest.answers[m] ?? E.left(rejectedAt(0)(run.left)))
  // the hooks of each member, in order: after-hooks for the appended, undo for the rest
  const again = replayInstead(env.store, env.hooks)
  for (const [m, first] of answers.entries()) {
    const batch = latest.batches[m]!
    const answer = (answers[m] = await again(batch, first))
    if (E.isLeft(answer)) {
      await undoPrepared(env.hooks, batch.commands, batch.prepared)()
      continue
    }
    const after = await afterAppendAll(env.hooks, batch, answer.right)()
    if (E.isLeft(after)) answers[m] = after
  }
  return answers
}
