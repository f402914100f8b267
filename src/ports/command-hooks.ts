/**
 * Command hooks: the side effects a command needs around its decision, owned by the module that
 * knows them (sealing and erasure in `src/privacy`, snapshot rendering in `src/ledger/snapshot.ts`)
 * and run by the ledger's pipeline for the commands they are registered for. The ledger itself
 * never branches on a command's name.
 *
 * The order the pipeline runs them in, for each command it is about to append:
 * `prepare` once (before the retry loop) → [`beforeDecide` on every attempt, after the read] →
 * decide → append → `afterAppend` when appended, or `onRejected` when nothing was appended.
 */
import type { Task } from 'fp-ts/lib/Task.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { Command, CommandName, CommandOf, DecideContext } from '../domain/commands/index.js'
import type { Rejection } from '../domain/errors.js'
import type { StoredEvent } from '../domain/events.js'

// ---------------------------------------------------------------------------------------------
// model

/** What a hook gives the decider besides the state and today: sealed data, a rendered snapshot. */
export type HookContext = Omit<DecideContext, 'today' | 'actor' | 'recordedOn'>

/** What `prepare` did for one command. */
export interface Prepared {
  readonly context: HookContext
  /** The id of something made for this command alone (a new person's key), handed to `onRejected`. */
  readonly made?: string
}

/** The attempt `beforeDecide` runs in. */
export interface Attempt {
  /** Whether the command is the only one this call decides (a single command, or a batch of one new command). */
  readonly alone: boolean
}

/** The hooks of one command; every one is optional. */
export interface CommandHook<K extends CommandName = CommandName> {
  /** Once per command, before the retry loop; may make things (a key), which `onRejected` undoes. */
  readonly prepare?: (command: CommandOf<K>) => TaskEither<Rejection, Prepared>
  /** On every attempt, after the read and before deciding; makes nothing that needs undoing. */
  readonly beforeDecide?: (command: CommandOf<K>, attempt: Attempt) => TaskEither<Rejection, HookContext>
  /** After the command's events were appended (not when it was replayed). A Left is reported, but the events stay. */
  readonly afterAppend?: (command: CommandOf<K>, events: ReadonlyArray<StoredEvent>) => TaskEither<Rejection, void>
  /** When the command was prepared but nothing was appended: undo what `prepare` made. */
  readonly onRejected?: (command: CommandOf<K>, prepared: Prepared) => Task<void>
  /**
   * For an idempotent replay: whether the command received now is the one first appended, in what
   * `commandHash` leaves out (personal data). Without it, equal hashes are the same command.
   */
  readonly sameAsFirst?: (command: CommandOf<K>, first: StoredEvent) => Task<boolean>
}

/** The hooks registered per command name. */
export type CommandHooks = { readonly [K in CommandName]?: CommandHook<K> }

// ---------------------------------------------------------------------------------------------
// utils

/**
 * The hooks registered for a command, typed for any command.
 *
 * @example
 * const hook = hookOf(hooks, command)
 * if (hook?.prepare) await hook.prepare(command)()
 */
export const hookOf = (hooks: CommandHooks, command: Command): CommandHook | undefined =>
  hooks[command.command] as CommandHook | undefined

/**
 * Hooks of several modules as one table; a command must be claimed by one module only.
 *
 * @example
 * const hooks = combineHooks(privacyHooks({ keys }), snapshotHooks(store, render))
 */
export const combineHooks = (...tables: ReadonlyArray<CommandHooks>): CommandHooks => {
  const out: Record<string, CommandHook> = {}
  for (const table of tables)
    for (const [name, hook] of Object.entries(table) as Array<[string, CommandHook]>) {
      if (out[name] !== undefined) throw new Error(`two modules register hooks for ${name}; one command, one owner`)
      out[name] = hook
    }
  return out as CommandHooks
}
