/**
 * Applying the retention policy: the key figures past it are erased, one `eraseKeyFigure` each,
 * by a privacy officer, so every erasure is an event with its reason.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Rejection } from '../domain/errors.js'
import { businessDateOf } from '../ports/clock.js'
import { dueForErasure, dueForRedaction, type RetentionDue, type RetentionPolicy, type TextRetentionDue, type TextRetentionPolicy } from '../privacy/retention.js'
import type { Ledger } from './ledger.js'

/** What a retention run found, and (when applied) erased. */
export interface RetentionRun {
  readonly today: string
  readonly due: ReadonlyArray<RetentionDue>
  readonly erased: ReadonlyArray<string>
}

/**
 * Lists (`apply: false`) or erases (`apply: true`) the key figures past the policy, as of the
 * ledger's clock. A dry run appends nothing.
 *
 * @example
 * const run = await retention(ledger, { years: 5 }, { id: 'p.visser' }, { apply: false })
 */
export const retention = async (
  ledger: Ledger,
  policy: RetentionPolicy,
  actor: { readonly id: string },
  options: { readonly apply: boolean },
): Promise<E.Either<Rejection, RetentionRun>> => {
  const state = await ledger.state()
  if (E.isLeft(state)) return state
  const today = businessDateOf(ledger.clock.now())
  const due = dueForErasure(state.right, today, policy)
  const erased: string[] = []
  if (options.apply)
    for (const d of due) {
      const r = await ledger.execute({
        command: 'eraseKeyFigure',
        actor: { id: actor.id, role: 'privacy-officer' },
        payload: { personId: d.personId, reason: `retention: ${policy.years} years after the last contact on ${d.lastActivityOn}` },
      })
      if (E.isLeft(r)) return r
      erased.push(d.personId)
    }
  return E.right({ today, due, erased })
}

/** What a text retention run found, and (when applied) redacted. */
export interface TextRetentionRun {
  readonly today: string
  readonly due: ReadonlyArray<TextRetentionDue>
  readonly redacted: ReadonlyArray<string>
}

/**
 * Lists (`apply: false`) or redacts (`apply: true`, one `redactRecord` each, by a privacy officer)
 * the contacts whose sealed free texts are past the policy, as of the ledger's clock (rule 21).
 *
 * @example
 * const run = await textRetention(ledger, DEFAULT_TEXT_RETENTION, { id: 'p.visser' }, { apply: false })
 */
export const textRetention = async (
  ledger: Ledger,
  policy: TextRetentionPolicy,
  actor: { readonly id: string },
  options: { readonly apply: boolean },
): Promise<E.Either<Rejection, TextRetentionRun>> => {
  const state = await ledger.state()
  if (E.isLeft(state)) return state
  const today = businessDateOf(ledger.clock.now())
  const due = dueForRedaction(state.right, today, policy)
  const redacted: string[] = []
  if (options.apply)
    for (const d of due) {
      const r = await ledger.execute({
        command: 'redactRecord',
        actor: { id: actor.id, role: 'privacy-officer' },
        payload: { recordId: d.recordId, reason: `retention: ${policy.years[d.category]} years after the ${d.category} contact on ${d.occurredOn}` },
      })
      if (E.isLeft(r)) return r
      redacted.push(d.recordId)
    }
  return E.right({ today, due, redacted })
}
