/**
 * The ledger service: `createLedger` wires the ports and the command hooks into the pipeline
 * (`pipeline.ts`: decode → replay → fill ids → prepare → read → decide → stamp → conditional
 * append, retried → after-hooks) and answers with Eithers, never throwing.
 */
import * as E from 'fp-ts/lib/Either.js'
import { storeError } from '../domain/errors.js'
import { systemClock } from '../ports/clock.js'
import { uuidV7 } from '../ports/ids.js'
import { actingAs } from './acting.js'
import { ledgerHooks } from './hooks.js'
import { runCommands } from './pipeline.js'
import { stateAt } from './read.js'
import type { Ledger, LedgerOptions } from './types.js'

export type { ActingLedger, BatchRejection, Ledger, LedgerOptions, Receipt } from './types.js'
export type { SnapshotRenderer } from './snapshot.js'

const unexpected = (what: string) => (e: unknown) =>
  storeError('io', `unexpected failure while executing the ${what}: ${e instanceof Error ? e.message : String(e)}`)

/** Runs a task; whatever it throws, synchronously or not, becomes `onError`'s answer. */
const neverThrows = <A>(task: () => Promise<A>, onError: (e: unknown) => A): Promise<A> =>
  new Promise<A>((resolve) => resolve(task())).catch(onError)

/**
 * Creates the ledger service over a store. Every write is checked against the grants the register
 * records (rules 12, 18), never against the role a command names: a register without grants (a
 * new one, or one written before grants existed) takes only its opening administrator grant
 * (`openRegister`) until that administrator has granted the others their roles. Reads, `verify`
 * and reports work on any register. `execute` takes a command's own `actor.id` as authenticated;
 * `as(id)` acts for the id the host authenticated.
 *
 * @example
 * const ledger = createLedger({ store: memoryEventStore(), keys: memoryKeyStore() })
 * await openRegister(ledger, 'b.beheer')
 * await ledger.as('b.beheer').execute({ command: 'grantRole', payload: { actorId: 'c.smit', role: 'coordinator', grantedOn: '2026-01-01' } })
 * const r = await ledger.as('c.smit').execute({ command: 'registerOrganisation',
 *   payload: { name: 'Stichting Samen', kind: 'self-organisation' } })
 * if (E.isRight(r)) console.log(r.right.events[0]?.position) // 2
 */
export const createLedger = (options: LedgerOptions): Ledger => {
  const { store, keys } = options
  const clock = options.clock ?? systemClock
  const ids = options.ids ?? uuidV7
  const run = runCommands({
    store,
    clock,
    ids,
    maxRetries: options.maxRetries ?? 10,
    hooks: ledgerHooks(options, clock),
    keys,
  })
  const execute: Ledger['execute'] = (input) =>
    neverThrows(
      () => run([input])().then(E.bimap((rejected) => rejected.rejection, (receipts) => receipts[0]!)),
      (e) => E.left(unexpected('command')(e)),
    )
  const executeBatch: Ledger['executeBatch'] = (inputs) =>
    neverThrows(
      () => run(inputs)(),
      (e) => E.left({ index: 0, rejection: unexpected('batch')(e) }),
    )
  return {
    as: actingAs({ execute, executeBatch }),
    execute,
    executeBatch,
    state: (at) => stateAt(store, at),
    store,
    clock,
    ids,
    keys,
    ...(options.accessLog !== undefined ? { accessLog: options.accessLog } : {}),
    ...(options.processingLog !== undefined ? { processingLog: options.processingLog } : {}),
  }
}
