/**
 * Who is acting (CLI.md "Who is acting"): `--actor ID`, or `CONTACT_LEDGER_ACTOR`, names the person
 * running a command; the register checks that actor's roles against its own record of grants.
 */
import type { Command } from 'commander'
import { ActorId } from '../src/index.js'
import { usage } from './errors.js'

/** The environment variable that names the acting person when `--actor` is not given. */
export const ACTOR_ENV = 'CONTACT_LEDGER_ACTOR'

/**
 * Adds `--actor <id>` to a command, with a help text that names the environment variable too.
 *
 * @example
 * actorOption(program.command('exec'), 'the person the commands act for')
 */
export const actorOption = (cmd: Command, description = 'the person acting, as the register knows them'): Command =>
  cmd.option('--actor <id>', `${description} (env ${ACTOR_ENV})`)

const problem = (value: string): string | undefined =>
  ActorId.is(value) ? undefined : 'an account name such as a.jansen (at most 200 characters, no line breaks, tabs or spaces at either end)'

/**
 * The acting person's id: `--actor`, else `CONTACT_LEDGER_ACTOR`, else undefined. An empty or
 * malformed value is a usage error (exit 2) naming the option or the variable it came from.
 *
 * @example
 * resolveActor({ actor: 'a.jansen' }, process.env) // 'a.jansen'
 * resolveActor({}, { CONTACT_LEDGER_ACTOR: '' })   // throws: CONTACT_LEDGER_ACTOR is set but empty …
 */
export const resolveActor = (opts: { readonly actor?: string }, env: Readonly<Record<string, string | undefined>> = process.env): string | undefined => {
  if (opts.actor !== undefined) {
    const wrong = problem(opts.actor)
    if (wrong !== undefined) throw usage(`--actor takes ${wrong}, got ${JSON.stringify(opts.actor.slice(0, 60))}`)
    return opts.actor
  }
  const fromEnv = env[ACTOR_ENV]
  if (fromEnv === undefined) return undefined
  if (fromEnv === '') throw usage(`${ACTOR_ENV} is set but empty: set it to the acting person's account name (such as a.jansen), or unset it and pass --actor ID`)
  const wrong = problem(fromEnv)
  if (wrong !== undefined) throw usage(`${ACTOR_ENV} takes ${wrong}, got ${JSON.stringify(fromEnv.slice(0, 60))}`)
  return fromEnv
}
