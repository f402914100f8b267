/**
 * Opening a register (rule 18): its first grant makes its first administrator, who then grants
 * every other actor their role. A register written before grants existed is brought under the
 * rules the same way; nothing in it is rewritten.
 */
import type * as E from 'fp-ts/lib/Either.js'
import type { Rejection } from '../domain/errors.js'
import { businessDateOf } from '../ports/clock.js'
import type { Ledger, Receipt } from './types.js'

/** How a register is opened: the grant's date (default: today, Europe/Amsterdam) and a reason. */
export interface OpenOptions {
  readonly grantedOn?: string
  readonly reason?: string
}

/**
 * Opens a register by granting `administratorId` the administrator role, acting as that
 * administrator. Refused (`AlreadyExists`, `RoleConflict` or `Unauthorized`) on a register that is
 * opened already unless an administrator grants it; nothing is appended then.
 *
 * @example
 * const r = await openRegister(ledger, 'b.beheer')
 * if (E.isRight(r)) console.log(r.right.events[0]!.type) // 'RoleGranted'
 */
export const openRegister = (ledger: Ledger, administratorId: string, options: OpenOptions = {}): Promise<E.Either<Rejection, Receipt>> =>
  ledger.as(administratorId).execute({
    command: 'grantRole',
    actor: { id: administratorId, role: 'administrator' },
    payload: {
      actorId: administratorId,
      role: 'administrator',
      grantedOn: options.grantedOn ?? businessDateOf(ledger.clock.now()),
      ...(options.reason !== undefined ? { reason: options.reason } : {}),
    },
  })
