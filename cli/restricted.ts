/**
 * Restricted reads on the command line (rule 20, CLI.md "Who is acting"): the read commands take
 * `--actor` (or `CONTACT_LEDGER_ACTOR`) and `--purpose`, and every read, allowed or refused, is
 * written to the access log before anything is read. No actor: a refusal record, then exit 2; an
 * actor without an allowed role: a refusal record, then exit 1 (`Unauthorized`).
 */
import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { createLedger, READ_ROLES, restrictedReads, type Ledger, type ReadError, type ReadKind, type RestrictedReads } from '../src/index.js'
import { accessLogFor } from './access-log-store.js'
import { actorOption, ACTOR_ENV, resolveActor } from './actor.js'
import { CliError, usage } from './errors.js'
import { processingLogFor } from './processing-log.js'
import { openStore, storeUrl, type OpenedStore } from './stores.js'

/** The options of a restricted read. */
export interface ReaderOpts {
  readonly store?: string
  readonly actor?: string
  readonly purpose?: string
}

/**
 * Adds `--actor` and `--purpose` to a restricted read command.
 *
 * @example
 * withReader(program.command('log'), 'log')
 */
export const withReader = (cmd: Command, kind: ReadKind): Command =>
  actorOption(cmd, `who reads (restricted: ${READ_ROLES[kind].join(' or ')}; written to the access log)`).option(
    '--purpose <text>',
    'why, in a few words, kept in the access log (one line, at most 200 characters; never a person\'s name)',
  )

/** A refused or failed read as the command line ends it: Unauthorized exit 1, bad input exit 2. */
export const readFailure = (e: ReadError): CliError => {
  if (e._tag === 'Unauthorized') return new CliError(`Unauthorized: ${e.message}`, 1)
  if (e._tag === 'DecodeError') return usage(e.message.replace(/^a purpose/, '--purpose: a purpose'))
  return new CliError(e.message, 2)
}

/** The context a restricted read works in: the ledger (with its access log) and the actor's reads. */
export interface RestrictedContext {
  readonly ledger: Ledger
  readonly opened: OpenedStore
  readonly reads: RestrictedReads
  readonly actor: string
}

/**
 * Opens the store and its access log, resolves the actor and runs `work`, always closing both.
 * Without an actor the read is refused: a refusal record of `kind` with `params`, then exit 2.
 *
 * @example
 * await usingRestricted(opts, 'log', { from: 0 }, async ({ reads }) => reads.log({ from: 0 }))
 */
export const usingRestricted = async <A>(
  opts: ReaderOpts,
  kind: ReadKind,
  params: Readonly<Record<string, string | number>>,
  work: (ctx: RestrictedContext) => Promise<A>,
): Promise<A> => {
  const actor = resolveActor(opts) // a malformed --actor is a usage error before anything is opened
  const opened = await openStore(storeUrl(opts.store))
  try {
    const accessLog = await accessLogFor(opened)
    try {
      const ledger = createLedger({ store: opened.store, keys: opened.keys, processingLog: processingLogFor(opened), accessLog })
      const purpose = opts.purpose !== undefined ? { purpose: opts.purpose } : {}
      if (actor === undefined) {
        const refused = await restrictedReads(ledger, null, purpose).authorise(kind, params)
        if (E.isLeft(refused) && refused.left._tag !== 'Unauthorized') throw readFailure(refused.left)
        throw usage(`this read is restricted (rule 20: ${READ_ROLES[kind].join(' or ')}): name who reads with --actor ID or ${ACTOR_ENV}; the refusal is in the access log`)
      }
      return await work({ ledger, opened, reads: restrictedReads(ledger, actor, purpose), actor })
    } finally {
      await accessLog.close()
    }
  } finally {
    await opened.close()
  }
}

/**
 * Checks and records a read done by the command itself (an export bundle, tiles with entries);
 * a refusal ends the command.
 *
 * @example
 * await authorised(reads, 'export-bundle', { size })
 */
export const authorised = async (reads: RestrictedReads, kind: ReadKind, params: Readonly<Record<string, string | number>>): Promise<void> => {
  const ok = await reads.authorise(kind, params)
  if (E.isLeft(ok)) throw readFailure(ok.left)
}
