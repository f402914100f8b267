/** What the ledger's pipeline runs with: the ports, the retry bound and the command hooks. */
import type { Clock } from '../ports/clock.js'
import type { CommandHooks } from '../ports/command-hooks.js'
import type { EventStore } from '../ports/event-store.js'
import type { Ids } from '../ports/ids.js'
import type { KeyStore } from '../ports/key-store.js'

/** What the pipeline runs with. */
export interface PipelineEnv {
  readonly store: EventStore
  readonly clock: Clock
  readonly ids: Ids
  readonly maxRetries: number
  readonly hooks: CommandHooks
  /** Where record keys live (rule 21); without one, a command with free text is refused. */
  readonly keys?: KeyStore | undefined
}
