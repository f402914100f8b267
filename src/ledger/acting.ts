/**
 * The acting host (rules 12 and 18): the embedding tool says who is acting, once, after it has
 * authenticated that person (single sign-on); every command then acts for that actor. A command
 * may leave `actor` out, or give only the role it acts in; a command whose own `actor.id` names
 * someone else is refused (`ActorMismatch`), so one input cannot act for two people.
 */
import * as E from 'fp-ts/lib/Either.js'
import { decodeError, reject, type Rejection } from '../domain/errors.js'
import { ActorId } from '../domain/input.js'
import type { ActingLedger } from './types.js'
import { extend } from '../domain/extend.js'

// ---------------------------------------------------------------------------------------------
// model

/** The plain ledger calls the acting host wraps. */
export type PlainCalls = Pick<ActingLedger, 'execute' | 'executeBatch'>

// ---------------------------------------------------------------------------------------------
// utils

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u)

/**
 * A command set to act for `actorId`: its actor's id filled in (a role it names stays, to be
 * checked against the grants), or `ActorMismatch` when it names another actor. Anything that is not a command
 * object passes unchanged, for the decoder to name what is wrong with it.
 *
 * @example
 * actingFor('a.jansen', { command: 'retractContact', payload }) // Right({ …, actor: { id: 'a.jansen' } })
 */
export const actingFor = (actorId: string, input: unknown): E.Either<Rejection, unknown> => {
  if (!isRecord(input)) return E.right(input)
  const actor = input['actor']
  if (actor !== undefined && !isRecord(actor)) return E.right(input)
  if (actor !== undefined && actor['id'] !== undefined && actor['id'] !== actorId)
    return E.left(
      reject(
        'ActorMismatch',
        `the command acts for ${typeof actor['id'] === 'string' ? `"${actor['id']}"` : 'another actor'}, but this host acts for "${actorId}": a command acts for the person the host authenticated, and for no one else`,
        { actorId },
      ),
    )
  return E.right(extend(input, { actor: extend(actor ?? {}, { id: actorId }) }))
}

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * The acting host over a ledger's plain calls: `ledger.as(actorId)`. Each command is checked
 * against the actor's grants on the day it is recorded (rules 12, 18), as every command is. An
 * actor id that is not a valid account name makes every call a `DecodeError` naming it; nothing
 * is appended.
 *
 * @example
 * const jansen = ledger.as('a.jansen')
 * await jansen.execute({ command: 'retractContact', payload: { contactId, reason: 'dubbel' } })
 */
export const actingAs =
  (plain: PlainCalls) =>
  (actorId: string): ActingLedger => {
    const badId = ActorId.is(actorId)
      ? undefined
      : decodeError(`not a valid acting actor: expected ${ActorId.name}, got ${JSON.stringify(String(actorId)).slice(0, 60)}`, [
          { path: 'actor.id', expected: ActorId.name },
        ])
    return {
      actorId,
      execute: async (command) => {
        if (badId !== undefined) return E.left(badId)
        const acting = actingFor(actorId, command)
        return E.isLeft(acting) ? acting : plain.execute(acting.right)
      },
      executeBatch: async (commands) => {
        if (badId !== undefined) return E.left({ index: 0, rejection: badId })
        if (!Array.isArray(commands)) return plain.executeBatch(commands)
        const acting: unknown[] = []
        for (const [index, command] of commands.entries()) {
          const one = actingFor(actorId, command)
          if (E.isLeft(one)) return E.left({ index, rejection: one.left })
          acting.push(one.right)
        }
        return plain.executeBatch(acting)
      },
    }
  }
