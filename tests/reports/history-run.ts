/**
 * Running generated histories for the report tests: each command executed through the ledger on
 * memory stores at `HISTORY_NOW`, so every run is the same. Not a domain fixture (those live in
 * tests/fixtures/domain.ts): only the plumbing the report tests share.
 */
import * as E from 'fp-ts/lib/Either.js'
import { memoryEventStore, memoryKeyStore } from '../../adapters/memory/index.js'
import type { StoredEvent } from '../../src/domain/events.js'
import { createLedger, type Ledger, type LedgerOptions } from '../../src/ledger/ledger.js'
import { fixedClock } from '../../src/ports/clock.js'
import { sequentialIds } from '../../src/ports/ids.js'
import { HISTORY_NOW, type CommandJson } from '../../src/testing/history.js'

/** A ledger on fresh memory stores at `HISTORY_NOW`. */
export const historyLedger = (extra: Partial<LedgerOptions> = {}): Ledger =>
  createLedger({ store: memoryEventStore(), keys: memoryKeyStore(), clock: fixedClock(HISTORY_NOW), ids: sequentialIds('0e000000'), ...extra })

/** Executes commands in order; every one must be accepted (the history arbitrary promises it). */
export const runHistory = async (ledger: Ledger, commands: ReadonlyArray<CommandJson | object>): Promise<void> => {
  for (const c of commands) {
    const r = await ledger.execute(c)
    if (E.isLeft(r)) throw new Error(`history command ${(c as CommandJson).command} rejected: ${r.left._tag}: ${r.left.message}`)
  }
}

/** Every stored event of a ledger. */
export const eventsOf = async (ledger: Ledger): Promise<ReadonlyArray<StoredEvent>> => {
  const r = await ledger.store.read()()
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right
}

/** The personal plaintext (name, email, phone, role) of every key figure in a history. */
export const personalTexts = (commands: ReadonlyArray<CommandJson>): ReadonlyArray<string> =>
  commands
    .filter((c) => c.command === 'registerKeyFigure')
    .flatMap((c) => ['name', 'email', 'phone', 'role'].map((f) => c.payload[f]).filter((v): v is string => typeof v === 'string'))

/** Unwraps a Right or fails the test with the Left's message. */
export const right = <A>(e: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}
