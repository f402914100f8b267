/**
 * Opening the store a `--store URL` names (CLI.md, "Stores"): `memory:`, `sqlite:PATH`,
 * `postgres://…`. Each scheme gives an event store and the key store that goes with it.
 */
import type { EventStore, KeyStore, StoreError } from '../src/index.js'
import type { AnchorSource } from '../src/store/index.js'
import * as E from 'fp-ts/lib/Either.js'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { isDryRun, mayCreate } from './creation.js'
import { ownerOnly } from './file-modes.js'
import { CliError, usage } from './errors.js'

/** An opened store with its key store; `close` releases both. */
export interface OpenedStore {
  readonly url: string
  readonly store: EventStore
  readonly keys: KeyStore
  /** For file stores: the file's path (the signing key and key store sit beside it). */
  readonly path?: string
  readonly close: () => Promise<void>
  /** Where the register's last signed checkpoint is kept outside the log (SQLite: PATH.checkpoint; PostgreSQL: the key database). */
  readonly anchor?: AnchorSource
}

/** The store used when neither `--store` nor `CONTACT_LEDGER_STORE` names one. */
export const DEFAULT_STORE = 'sqlite:./contact-ledger.db'

/** The store URL in force: the option, else the environment, else the default. */
export const storeUrl = (option: string | undefined): string => option ?? process.env['CONTACT_LEDGER_STORE'] ?? DEFAULT_STORE

/** How a command opens its store. */
export interface OpenStoreOptions {
  /**
   * Refuse a register that is shorter than its last signed checkpoint, or forked from it (default
   * true; `verify` opens with false and reports it as its own finding, exit 1).
   */
  readonly checkAnchor?: boolean
}

type Opener = (url: string, options: OpenStoreOptions) => Promise<OpenedStore>

/**
 * Loads an adapter only when its scheme is used, so a command starts without loading drivers it
 * does not need, and works without an optional driver (`pg`) that is not installed.
 */
const load = async <M>(driver: string, importer: () => Promise<M>): Promise<M> => {
  try {
    return await importer()
  } catch (e) {
    const err = e as NodeJS.ErrnoException
    if (err.code === 'ERR_MODULE_NOT_FOUND' && err.message.includes(`'${driver}'`))
      throw new CliError(`the ${driver} driver is not installed; run npm install ${driver} where contact-ledger is installed`, 2)
    throw e
  }
}

// every adapter opens the same way: open…(options) → Either<StoreError, { store, keys, close }>
const openers: Record<string, Opener> = {
  'memory:': async (url) => {
    const { openMemory } = await import('../adapters/memory/index.js')
    return { url, ...orExit(await openMemory()) }
  },
  'sqlite:': async (url, { checkAnchor }) => {
    const path = url.slice('sqlite:'.length)
    if (path === '') throw usage('sqlite: needs a file path, e.g. sqlite:./contact-ledger.db')
    if (!mayCreate() && !existsSync(path) && isDryRun()) {
      process.stderr.write(`contact-ledger: no register at ${path} yet; the dry run checks against an empty one and creates nothing\n`)
      return openers['memory:']!(url, {})
    }
    if (!mayCreate() && !existsSync(path))
      throw usage(`no register at ${path} (${url}); check --store or CONTACT_LEDGER_STORE (this command only reads, so it creates none)`)
    const { openSqlite } = await load('better-sqlite3', () => import('../adapters/sqlite/index.js'))
    // a command that only reads opens no empty file as a register (adapters/sqlite/connect.ts)
    const opened = orExit(await openSqlite({ path, create: mayCreate(), checkAnchor: checkAnchor !== false }))
    // once it is known to be a register: it, its key store and their WAL files owner only (file-modes.ts)
    ownerOnly(['', '-wal', '-shm', '.keys', '.keys-wal', '.keys-shm', '.checkpoint'].map((suffix) => `${path}${suffix}`))
    return { url, ...opened, path: resolve(path) }
  },
  'postgres:': async (url, { checkAnchor }) => {
    const { openPostgres } = await load('pg', () => import('../adapters/postgres/index.js'))
    // a command that only reads creates no schema or table (a dry run reads a missing one as empty)
    // the person keys live in a database of their own (default: the register's + _keys)
    const keysUrl = process.env['CONTACT_LEDGER_KEYS']
    const opened = await openPostgres({ url, create: mayCreate(), checkAnchor: checkAnchor !== false, ...(keysUrl !== undefined && keysUrl !== '' ? { keysUrl } : {}) })
    if (E.isLeft(opened) && opened.left.reason === 'unreadable' && isDryRun()) {
      process.stderr.write(`contact-ledger: ${opened.left.message}; the dry run checks against an empty register and creates nothing\n`)
      return openers['memory:']!(url, {})
    }
    return { url, ...orExit(opened) }
  },
}
openers['postgresql:'] = openers['postgres:']!

/** A store that cannot be opened ends the command: one line, exit 2. */
const orExit = <A>(r: E.Either<StoreError, A>): A => {
  if (E.isLeft(r)) throw new CliError(r.left.message, 2)
  return r.right
}

/**
 * Opens the store a URL names; an unknown scheme or an unreachable store is a CliError (exit 2).
 *
 * @example
 * const opened = await openStore('memory:')
 */
export const openStore = async (url: string, options: OpenStoreOptions = {}): Promise<OpenedStore> => {
  const scheme = /^[a-z]+:/.exec(url)?.[0]
  const opener = scheme === undefined ? undefined : openers[scheme]
  if (opener === undefined)
    throw usage(`unknown store "${url}": use memory:, sqlite:PATH or postgres://user@host:port/db`)
  return opener(url, options)
}
