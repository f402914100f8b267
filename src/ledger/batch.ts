/**
 * A batch on its way through the pipeline (a single command is a batch of one), and its pure
 * step: decide each command against the state the earlier ones leave, and stamp the events.
 */
import * as E from 'fp-ts/lib/Either.js'
import { authorize, decide, type Command } from '../domain/commands/index.js'
import type { NewEvent, StoredEvent } from '../domain/events.js'
import { applyToDraft } from '../domain/evolve.js'
import type { RegisterState } from '../domain/state.js'
import { businessDateOf } from '../ports/clock.js'
import type { HookContext, Prepared } from '../ports/command-hooks.js'
import type { KeyOf } from '../privacy/free-text.js'
import { hasAnyFreeText, sealAnyEvent } from '../privacy/proposal-texts.js'
import { NO_KEY_STORE_FOR_TEXT } from '../privacy/hooks.js'
import { commandHash, stamp } from './meta.js'
import type { DecisionRead } from './read-for.js'
import { receiptOf, rejectedAt, type BatchRejection, type Receipt } from './types.js'
import { extend } from '../domain/extend.js'

// ---------------------------------------------------------------------------------------------
// model

/** The commands of one call, by their index in it. */
export interface Batch {
  /** As decoded: their fingerprints and replays are of these. */
  readonly received: ReadonlyArray<Command>
  /** With their ids filled in: what is decided. */
  readonly commands: ReadonlyArray<Command>
  /** The first results of commands seen before (idempotent replays). */
  readonly answers: ReadonlyArray<Receipt | undefined>
  /** The indices of the commands still to decide and append, in order. */
  readonly todo: ReadonlyArray<number>
  /** What each command's `prepare` hook gave (none without one). */
  readonly prepared: ReadonlyArray<Prepared | undefined>
  /** The correlation id of the commands that bring none (drawn only when one does not). */
  readonly correlationId: string | undefined
  readonly causationIds: ReadonlyArray<string | undefined>
}

/** The stamped events of one attempt, and how many of them each command in `todo` made. */
export interface Decided {
  readonly events: ReadonlyArray<NewEvent>
  readonly counts: ReadonlyArray<number>
}

// ---------------------------------------------------------------------------------------------
// utils

/**
 * Decides the commands still to do, in order, each against the state the earlier ones leave (the
 * read's working state, changed in place), and stamps their events. `contexts[k]` is what the
 * hooks give the k-th command of `todo` (none when empty). With `leaveState` the last command's
 * events are folded in too, for the next member of a group commit to be decided against.
 *
 * @example
 * const decided = decideAll(batch, read, [], clock.now()) // Right({ events, counts }) or Left({ index, rejection })
 */
export const decideAll = (
  batch: Batch,
  read: Pick<DecisionRead, 'state' | 'next'>,
  contexts: ReadonlyArray<HookContext | undefined>,
  recordedAt: Date,
  keyOf?: KeyOf,
  dbUser?: string,
  openSealed?: (value: unknown) => unknown,
  leaveState = false,
): E.Either<BatchRejection, Decided> => {
  const today = businessDateOf(recordedAt)
  const { state } = read
  const events: NewEvent[] = []
  const counts: number[] = []
  let next = read.next
  const { todo } = batch
  for (let k = 0; k < todo.length; k++) {
    const i = todo[k]!
    const command = batch.commands[i]!
    const received = batch.received[i]!
    const extra = contexts[k]
    // the actor's roles are looked up on the date the command is recorded (rule 12): today; the decision
    // sees the role the grants authorized (a command may name none)
    const asked = { today, recordedOn: today, actor: command.actor, commandId: batch.causationIds[i]! }
    const role = authorize(command, state as RegisterState, asked)
    if (E.isLeft(role)) return E.left(rejectedAt(i)(role.left))
    const ctx = extend(asked, { actor: extend(command.actor, { role: role.right }) }, openSealed === undefined ? {} : { openSealed })
    const decided = decide(command, state as RegisterState, extra === undefined ? ctx : extend(ctx, extra))
    if (E.isLeft(decided)) return E.left(rejectedAt(i)(decided.left))
    const plainEvents = stamp(decided.right, {
      command,
      role: role.right,
      recordedAt,
      today,
      correlationId: command.correlationId ?? batch.correlationId!,
      causationId: batch.causationIds[i]!,
      // the fingerprint is stored only with an idempotency key; without one it is never read
      commandHash: received.idempotencyKey === undefined ? '' : commandHash(received),
      ...(dbUser !== undefined ? { dbUser } : {}),
    })
    // rule 21: free texts sealed under their record's key before anything sees the events
    const stamped = keyOf === undefined ? plainEvents : plainEvents.map((e) => sealAnyEvent(keyOf, e))
    if (keyOf === undefined && plainEvents.some(hasAnyFreeText)) return E.left(rejectedAt(i)(NO_KEY_STORE_FOR_TEXT))
    // later commands in the batch (or the group) see this one's events
    if (leaveState || k < todo.length - 1) stamped.forEach((e, j) => applyToDraft(state, extend(e, { position: next + j }) as StoredEvent))
    next += stamped.length
    counts.push(stamped.length)
    events.push(...stamped)
  }
  return E.right({ events, counts })
}

/**
 * The receipts of a batch: the first results of replayed commands, and the appended events of
 * the others, `counts[k]` for the k-th command of `todo`.
 *
 * @example
 * receiptsOf(batch, appended, decided.counts)
 */
export const receiptsOf = (batch: Batch, appended: ReadonlyArray<StoredEvent>, counts: ReadonlyArray<number>): ReadonlyArray<Receipt> => {
  const receipts: Array<Receipt | undefined> = [...batch.answers]
  let offset = 0
  for (let k = 0; k < batch.todo.length; k++) {
    const i = batch.todo[k]!
    receipts[i] = receiptOf(appended.slice(offset, offset + counts[k]!), false)
    offset += counts[k]!
  }
  return receipts as ReadonlyArray<Receipt>
}
