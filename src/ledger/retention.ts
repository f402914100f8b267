/**
 * Applying the retention policy: the key figures past it are erased, one `eraseKeyFigure` each,
 * by a privacy officer, so every erasure is an event with its reason.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Rejection } from '../domain/errors.js'
import { businessDateOf } from '../ports/clock.js'
import { dueForErasure, type RetentionDue, type RetentionPolicy } from '../privacy/retention.js'
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
