/**
 * The checkpoint signing key as a file (CLI.md, "Stores"): `--key PATH`, else
 * `CONTACT_LEDGER_KEY`, else for a SQLite store the store's path with `.key` appended, made on
 * first use with a message that says so. The file holds one Go-style signed-note private key line
 * and must be readable by its owner only. Its content never reaches an output, a log or an error.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { generateSigner, parsePrivateKey, parseVerifierKey, recordedOrigin, type NoteSigner, type Verifier, DEFAULT_ORIGIN } from '../src/audit/index.js'
import type { EventStore } from '../src/index.js'
import { writeFileAtomic } from './atomic-file.js'
import { mayCreate, mayCreateKey } from './creation.js'
import { CliError, usage } from './errors.js'
import { storeUrl } from './stores.js'

/** Options of commands that use the signing key. */
export interface KeyOptions {
  readonly key?: string
  readonly store?: string
}

/** Where the key is, and whether that is the store's default (which may be made on first use). */
export interface KeyLocation {
  readonly path: string
  readonly isDefault: boolean
}

/**
 * The key file in force, or undefined when none is named and the store has no default (memory:, postgres).
 *
 * @example
 * keyLocation({ store: 'sqlite:register.db' }) // { path: 'register.db.key', isDefault: true }
 */
export const keyLocation = (opts: KeyOptions): KeyLocation | undefined => {
  const named = opts.key ?? process.env['CONTACT_LEDGER_KEY']
  if (named !== undefined && named !== '') return { path: named, isDefault: false }
  const url = storeUrl(opts.store)
  return url.startsWith('sqlite:') ? { path: `${url.slice('sqlite:'.length)}.key`, isDefault: true } : undefined
}

const noKey = (): CliError => usage('no signing key: give --key PATH or set CONTACT_LEDGER_KEY (make one with contact-ledger key init --key PATH)')

/**
 * Writes a new key file (mode 0600) atomically (a temporary file in the same folder, fsync, then
 * the name; a crash or a full disk never leaves a truncated key) and returns its signer; refuses
 * to overwrite a file.
 *
 * @example
 * const signer = createKeyFile('register.db.key', 'example.org/register')
 */
export const createKeyFile = (path: string, origin: string = DEFAULT_ORIGIN): NoteSigner => {
  const made = generateSigner(origin)
  if (E.isLeft(made)) throw usage(`--origin: ${made.left.message}`)
  try {
    writeFileAtomic(path, made.right.privateKey() + '\n')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'EEXIST') throw usage(`the key file ${path} exists already; keep it, or move it away before making a new key`)
    if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') throw usage(`cannot write the key file ${path} (${code}): the disk is full; free space and run again (nothing was written)`)
    throw usage(`cannot write the key file ${path} (${code ?? 'error'}); check that its folder exists and that you may write there`)
  }
  return made.right
}

/**
 * Reads a key file: refuses one that group or others may read, or that holds no valid key.
 *
 * @example
 * const signer = readKeyFile('register.db.key')
 */
export const readKeyFile = (path: string): NoteSigner => {
  let mode: number
  try {
    mode = statSync(path).mode
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw usage(
      code === 'ENOENT'
        ? `no key file at ${path}; make one with contact-ledger key init --key ${path}`
        : `cannot read the key file ${path} (${code ?? 'error'}); check its permissions`,
    )
  }
  if ((mode & 0o077) !== 0)
    throw usage(`the key file ${path} may be read by others (mode ${(mode & 0o777).toString(8)}); run chmod 600 ${path} and try again`)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    throw usage(`cannot read the key file ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'}); check its permissions`)
  }
  if (text.length === 0)
    throw usage(
      `the key file ${path} is empty: a write of it never finished (an older contact-ledger, a full disk); if no checkpoint was signed with it, remove it and run again, else restore it from your backup`,
    )
  const parsed = parsePrivateKey(text)
  if (E.isLeft(parsed)) throw usage(`the key file ${path} holds no usable signing key: ${parsed.left.message}`)
  return parsed.right
}

/**
 * The signer for a command: reads the key file in force; the store's default key is made on
 * first use (with a message on stderr) when `create` is set and the running command may make it
 * (`mayCreateKey`: one that creates, or one that signs beside an existing SQLite register). With
 * no register there, a command that only reads says so instead of naming a key it will not make.
 *
 * @example
 * const signer = signerFor({ store: 'sqlite:register.db' }, { create: true })
 */
export const signerFor = (opts: KeyOptions, { create, origin }: { readonly create: boolean; readonly origin?: string }): NoteSigner => {
  const at = keyLocation(opts)
  if (at === undefined) throw noKey()
  const register = at.isDefault ? at.path.slice(0, -'.key'.length) : undefined
  if (register !== undefined && !mayCreate() && !existsSync(register) && !existsSync(at.path))
    throw usage(`no register at ${register} (sqlite:${register}); check --store or CONTACT_LEDGER_STORE (this command only reads, so it creates none)`)
  if (create && at.isDefault && register !== undefined && mayCreateKey(existsSync(register)) && !existsSync(at.path)) {
    const signer = createKeyFile(at.path, origin)
    process.stderr.write(
      `contact-ledger: made a new checkpoint signing key ${at.path} (origin ${signer.name}, mode 600); keep it safe and publish its verifier key (contact-ledger key public)\n`,
    )
    return signer
  }
  return readKeyFile(at.path)
}

/** What to run to record the register's origin (rule 24). */
export const CONFIGURE_ORIGIN =
  `echo '{"command":"configureRegister","actor":{"id":"ADMIN","role":"administrator"},"payload":{"origin":"szw.example/contact-ledger","publisher":"Ministerie van Sociale Zaken en Werkgelegenheid"}}' | contact-ledger exec`

/**
 * The signer for a command that signs a checkpoint of `store`: the register's recorded origin
 * (rule 24) names the key made on first use, and a key of another name is refused (exit 2). A
 * register with no origin recorded still signs, with a line on stderr that says its checkpoints
 * carry a name not fit to publish and how to record one.
 *
 * @example
 * const signer = await signerForStore({ store: 'sqlite:register.db' }, store, { create: true })
 */
export const signerForStore = async (opts: KeyOptions, store: EventStore, { create }: { readonly create: boolean }): Promise<NoteSigner> => {
  const recorded = await recordedOrigin(store)()
  if (E.isLeft(recorded)) throw new CliError(recorded.left.message, 2)
  const origin = recorded.right
  const signer = signerFor(opts, { create, ...(origin !== undefined ? { origin } : {}) })
  if (origin !== undefined && signer.name !== origin)
    throw usage(
      `the signing key is named ${signer.name}, but the register's origin is ${origin} (DOMAIN.md rule 24): sign with a key named ${origin} (contact-ledger key init --origin ${origin} --key PATH, then --key PATH)`,
    )
  if (origin === undefined)
    process.stderr.write(
      `contact-ledger: warning: the register has no origin configured, so its checkpoints are signed as ${signer.name}, a name not fit to publish; record the origin first (DOMAIN.md rule 24): ${CONFIGURE_ORIGIN}\n`,
    )
  return signer
}

/**
 * The verifier for a command that only checks signatures: from the key file in force, or none
 * when no key file exists (signatures are then not checked).
 *
 * @example
 * const verifier = verifierFor({ store: 'sqlite:register.db' })
 */
export const verifierFor = (opts: KeyOptions): Verifier | undefined => {
  const at = keyLocation(opts)
  if (at === undefined || (at.isDefault && !existsSync(at.path))) return undefined
  const v = parseVerifierKey(readKeyFile(at.path).verifierKey)
  if (E.isLeft(v)) throw new CliError(v.left.message, 2)
  return v.right
}

/** The `--key` option. */
export const keyOptionHelp = 'the checkpoint signing key file (env CONTACT_LEDGER_KEY; default for sqlite:PATH: PATH.key, made on first use)'
