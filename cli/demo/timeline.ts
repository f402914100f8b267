/**
 * When the demo's commands are entered: in the order of their business dates, each recorded on
 * its own date, so the demo register's recording dates spread over 2023-2025 as a real one's do
 * (`report … --as-of DATE`, `examples/auditor.ts BUNDLE DATE` and `--at N` then show the register
 * as it stood on a day). A command without a date of its own (a registration, a correction, a
 * retraction, an erasure) is entered just before the next dated command of the history. A command
 * that says `enteredOn` (a late entry: a record of the past entered later) is entered on that day
 * instead, and `enteredOn` is taken off before it is executed.
 */
import type { CommandJson } from '../../src/testing/index.js'

/** The payload fields that carry a command's business date, in the order they are looked for. */
const DATE_FIELDS = ['occurredOn', 'startedOn', 'endorsedOn', 'endedOn', 'withdrawnOn', 'receivedOn', 'observedOn', 'decidedOn', 'liftedOn'] as const

/** The first recording day, for the commands before any dated one (the register opens). */
const OPENING = '2023-01-02'

/** A command and the instant it is entered at. */
export interface Entered {
  readonly command: CommandJson
  readonly recordedAt: string
}

const dateOf = (c: CommandJson): string | undefined => {
  for (const field of DATE_FIELDS) {
    const v = c.payload[field]
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v
  }
  return undefined
}

/**
 * The history in the order it is entered, each command with its recording instant (its business
 * date at 17:00 UTC, a second apart within a day), never after `until`.
 *
 * @example
 * for (const { command, recordedAt } of timeline(demoHistory(), DEMO_NOW)) { clock.set(recordedAt); await ledger.execute(command) }
 */
export const timeline = (history: ReadonlyArray<CommandJson>, until: string): ReadonlyArray<Entered> => {
  // a dateless command is entered just before the next dated one (a registration before its first
  // use), or after the last one when none follows; a correction's date is the corrected value
  const own = history.map((c) => (typeof c['enteredOn'] === 'string' ? c['enteredOn'] : c.command === 'correctContact' ? undefined : dateOf(c)))
  const days: string[] = new Array<string>(history.length)
  let next: string | undefined
  for (let i = history.length - 1; i >= 0; i--) {
    next = own[i] ?? next
    days[i] = next ?? ''
  }
  let previous = OPENING
  for (let i = 0; i < history.length; i++) {
    if (days[i] === '') days[i] = previous
    previous = days[i]!
  }
  const dated = history.map((command, index) => ({ command, day: days[index]!, index }))
  const sorted = [...dated].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.index - b.index))
  const perDay = new Map<string, number>()
  return sorted.map(({ command, day }) => {
    const n = perDay.get(day) ?? 0
    perDay.set(day, n + 1)
    const at = new Date(Date.parse(`${day}T17:00:00.000Z`) + n * 1000).toISOString()
    const { enteredOn: _late, ...plain } = command
    return { command: plain as CommandJson, recordedAt: at < until ? at : until }
  })
}
