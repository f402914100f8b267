/**
 * Trust anchors on the command line (CLI.md, "Trust anchors"): the pinned verifier key
 * (`--vkey FILE|LINE`, `CONTACT_LEDGER_VKEY`), the operator's own signing key beside a store, a
 * checkpoint the auditor kept (`--since FILE`), and the lines that say which key was checked.
 */
import { existsSync, readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { keyLabel, parseCheckpoint, parseVerifierKey, type Verified, type Verifier } from '../src/audit/index.js'
import { usage } from './errors.js'
import { keyLocation, verifierFor, type KeyOptions } from './keys.js'

/** Against what signatures are checked: a pinned key, the operator's signing key, or nothing. */
export type Trust =
  | { readonly mode: 'pinned'; readonly verifiers: ReadonlyArray<Verifier> }
  | { readonly mode: 'operator'; readonly verifiers: ReadonlyArray<Verifier>; readonly path: string }
  | { readonly mode: 'none' }

const looksLikeKeyLine = (s: string): boolean => /^[^\s+]+\+[0-9a-f]{8}\+\S+$/.test(s.trim())

/**
 * The verifier keys of one `--vkey` value: a file of key lines (one or more), or a key line itself.
 *
 * @example
 * pinnedKeys('register.vkey') // [Verifier] read from the file
 * pinnedKeys('example.org/register+1a2b3c4d+AW…') // [Verifier]
 */
export const pinnedKeys = (value: string): ReadonlyArray<Verifier> => {
  let lines: string[]
  if (existsSync(value)) {
    let text: string
    try {
      text = readFileSync(value, 'utf8')
    } catch (e) {
      throw usage(`--vkey: cannot read ${value} (${(e as NodeJS.ErrnoException).code ?? 'error'}); check its permissions`)
    }
    if (text.includes('PRIVATE+KEY+')) throw usage(`--vkey ${value} holds a private signing key; give the verifier key (contact-ledger key public prints it)`)
    lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'))
    if (lines.length === 0) throw usage(`--vkey ${value} holds no verifier key; it should hold the line contact-ledger key public prints`)
  } else if (looksLikeKeyLine(value)) lines = [value.trim()]
  else throw usage(`--vkey ${value}: no such file, and not a verifier key line (name+keyid+base64key)`)
  return lines.map((line) => {
    const v = parseVerifierKey(line)
    if (E.isLeft(v)) throw usage(`--vkey ${existsSync(value) ? value : ''}: ${v.left.message}`.replace('--vkey :', '--vkey:'))
    return v.right
  })
}

/**
 * The pinned keys of a command: every `--vkey`, else `CONTACT_LEDGER_VKEY`; undefined when none.
 *
 * @example
 * pinned(opts.vkey) // undefined or [Verifier, …]
 */
export const pinned = (values: ReadonlyArray<string> | undefined): ReadonlyArray<Verifier> | undefined => {
  const given = values !== undefined && values.length > 0 ? values : [process.env['CONTACT_LEDGER_VKEY'] ?? ''].filter((v) => v !== '')
  return given.length === 0 ? undefined : given.flatMap(pinnedKeys)
}

/** Refuses a `--key` file that holds a verifier key: it belongs in `--vkey`. */
const refusePublicKeyAsKey = (opts: KeyOptions): void => {
  const at = keyLocation(opts)
  if (at === undefined || !existsSync(at.path)) return
  let text = ''
  try {
    text = readFileSync(at.path, 'utf8')
  } catch {
    return // readKeyFile names the problem
  }
  if (!text.includes('PRIVATE+KEY+') && E.isRight(parseVerifierKey(text.trim())))
    throw usage(`${at.path} holds a verifier key (a public key), not a signing key: pin it with --vkey ${at.path}`)
}

/**
 * The trust for `verify` on a store: the pinned keys when given; else the operator's signing key
 * in force (`--key`, `CONTACT_LEDGER_KEY`, or the one beside a SQLite store); else none.
 *
 * @example
 * storeTrust({ store: 'sqlite:register.db' }, undefined) // { mode: 'operator', … } when register.db.key exists
 */
export const storeTrust = (opts: KeyOptions, vkeys: ReadonlyArray<string> | undefined): Trust => {
  const keys = pinned(vkeys)
  if (keys !== undefined) return { mode: 'pinned', verifiers: keys }
  refusePublicKeyAsKey(opts)
  const own = verifierFor(opts)
  const at = keyLocation(opts)
  return own === undefined || at === undefined ? { mode: 'none' } : { mode: 'operator', verifiers: [own], path: at.path }
}

/**
 * Reads a kept checkpoint (`--since FILE`): exit 2 when it cannot be read or is no checkpoint.
 * Its signature is checked by the verification itself, against the keys in force.
 *
 * @example
 * const note = keptCheckpoint('checkpoint-2024.note')
 */
export const keptCheckpoint = (path: string): string => {
  let note: string
  try {
    note = readFileSync(path, 'utf8')
  } catch (e) {
    throw usage(`--since: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'}); give a checkpoint you kept (contact-ledger checkpoint > FILE)`)
  }
  const split = note.lastIndexOf('\n\n')
  const body = parseCheckpoint(split < 0 ? note : note.slice(0, split + 1))
  if (split < 0 || E.isLeft(body)) throw usage(`--since: ${path} is not a signed checkpoint (${E.isLeft(body) ? body.left.message : 'it has no signature lines'})`)
  return note
}

/**
 * The line that says against what the signatures were checked (its own line, CLI.md "Trust
 * anchors"), and whether the result may exit 0.
 *
 * @example
 * signatureLine(verified, trust, { allowUnsigned: false }) // { line: 'signatures: 3 of 3 checkpoints …', trusted: true }
 */
export const signatureLine = (r: Verified, trust: Trust, { allowUnsigned }: { readonly allowUnsigned: boolean }): { line: string; trusted: boolean } => {
  const unsigned = allowUnsigned
    ? 'signatures: not checked (--no-signatures): the hashes agree with each other, but nothing shows who made them'
    : 'signatures: NOT CHECKED: no signature was checked against a trusted key; pin the published verifier key with --vkey FILE|LINE (or give --no-signatures to accept a check of the hashes alone)'
  if (trust.mode === 'none') return { line: unsigned, trusted: allowUnsigned }
  if (r.signedCheckpoints === 0) {
    const none = `signatures: NOT CHECKED: the log holds no signed checkpoint, so no signature was checked against ${trust.verifiers.map(keyLabel).join(', ')}`
    return { line: allowUnsigned ? `${none} (--no-signatures)` : none, trusted: allowUnsigned }
  }
  const keys = r.verifiedBy.map((k) => `${keyLabel(k)} (origin ${k.name})`).join(', ')
  const count = `${r.signedCheckpoints} of ${r.checkpoints} checkpoints, the latest at size ${r.latestSignedSize} of ${r.treeSize}`
  return trust.mode === 'pinned'
    ? { line: `signatures: ${count}, checked against the pinned key ${keys}`, trusted: true }
    : {
        line: `signatures: ${count}, checked against the operator's own signing key ${trust.path}: ${keys}; not a pinned trust anchor (an auditor gives the published key with --vkey)`,
        trusted: true,
      }
}
