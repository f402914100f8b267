/** Shared by the audit commands: store errors become exit 2, hashes print as base64 or hex. */
import * as E from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import { CliError } from './errors.js'
import { keyOptionHelp } from './keys.js'
import type { Command } from 'commander'

/**
 * Runs a TaskEither; a Left is a CliError with its message (exit 2: the store failed or the
 * request was out of range).
 *
 * @example
 * const root = await orExit(rootAt(store, 10))
 */
export const orExit = async <A>(te: TaskEither<{ readonly message: string }, A>): Promise<A> => {
  const r = await te()
  if (E.isLeft(r)) throw new CliError(r.left.message, 2)
  return r.right
}

/** Standard base64 of a hash. @example b64(root) */
export const b64 = (h: Uint8Array): string => Buffer.from(h).toString('base64')

/** Adds the `--key PATH` option. */
export const withKey = (cmd: Command): Command => cmd.option('--key <path>', keyOptionHelp)
