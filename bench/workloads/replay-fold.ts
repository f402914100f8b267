/**
 * Our replay, as an auditor or a report runs it: the annual overview over the whole log, folded
 * page by page by the reports module. Used in-process and by the peak-memory child.
 */
import * as E from 'fp-ts/lib/Either.js'
import { annualOverviewOf } from '../../src/reports/annual-overview.js'
import { basisAt } from '../../src/ledger/reports.js'
import { foldOptionsFor } from '../../src/reports/basis.js'
import type { EventStore } from '../../src/ports/event-store.js'
import { OVERVIEW_YEAR } from '../data.js'

/**
 * Folds every event of `store` into the reports' basis and builds the overview year's annual
 * overview; returns the events folded.
 *
 * @example
 * const n = await replayOurs(store)
 */
export const replayOurs = async (store: EventStore): Promise<number> => {
  const basis = await basisAt(store, undefined, undefined, undefined, foldOptionsFor({ kind: 'annual-overview' }))
  if (E.isLeft(basis)) throw new Error(`replay failed: ${basis.left.message}`)
  const overview = annualOverviewOf(basis.right, { year: OVERVIEW_YEAR })
  if (overview.rows.length === 0) throw new Error('replay found no partnership in the overview year: the data is not what the benchmark expects')
  return basis.right.size
}
