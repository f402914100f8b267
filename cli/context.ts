/** What every command of the command line shares: opening the store and building the ledger. */
import type { Command } from 'commander'
import { createLedger, type Ledger } from '../src/index.js'
import { openStore, storeUrl, type OpenedStore, type OpenStoreOptions } from './stores.js'
import { processingLogFor } from './processing-log.js'

/** Options every store-using command accepts. */
export const withStore = (cmd: Command): Command =>
  cmd.option('--store <url>', 'the register: memory:, sqlite:PATH or postgres://user@host:port/db (env CONTACT_LEDGER_STORE; default sqlite:./contact-ledger.db)')

/**
 * Opens the store named by the command's options, runs `work`, and always closes the store.
 *
 * @example
 * await usingLedger(opts, async ({ ledger }) => ledger.execute(cmd))
 */
export const usingLedger = async <A>(
  opts: { readonly store?: string },
  work: (ctx: { readonly ledger: Ledger; readonly opened: OpenedStore }) => Promise<A>,
  options: OpenStoreOptions = {},
): Promise<A> => {
  const opened = await openStore(storeUrl(opts.store), options)
  try {
    const ledger = createLedger({ store: opened.store, keys: opened.keys, processingLog: processingLogFor(opened) })
    return await work({ ledger, opened })
  } finally {
    await opened.close()
  }
}
