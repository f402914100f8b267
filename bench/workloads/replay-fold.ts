/**
 * Our replay, as an auditor or a report runs it: the whole log folded page by page, then the
 * annual overview's counts. Used in-process and by the peak-memory child.
 */
import * as E from 'fp-ts/lib/Either.js'
import { evolveAll } from '../../src/domain/evolve.js'
import { initialState } from '../../src/domain/state.js'
import { foldLog } from '../../src/ledger/read.js'
import type { EventStore } from '../../src/ports/event-store.js'
import { OVERVIEW_YEAR } from '../data.js'

/**
 * Folds every event of `store` into the register's state (immer, one `produce` per page) and
 * counts the overview year's partnership contacts; returns the events folded.
 *
 * @example
 * const n = await replayOurs(store)
 */
export const replayOurs = async (store: EventStore): Promise<number> => {
  const folded = await foldLog(store, initialState, evolveAll)
  if (E.isLeft(folded)) throw new Error(`replay failed: ${folded.left.message}`)
  const s = folded.right
  let counted = 0
  for (const c of Object.values(s.contacts))
    if (c.category === 'partnership' && c.retracted === undefined && c.occurredOn.startsWith(`${OVERVIEW_YEAR}-`)) counted += 1
  if (counted === 0) throw new Error('replay counted no contact in the overview year: the data is not what the benchmark expects')
  return s.size
}
