/**
 * C2SP signed notes (c2sp.org/signed-note) with Ed25519 keys from node:crypto: verifier keys
 * `name+hex(keyId)+base64(0x01 || publicKey)`, Go-style private keys
 * `PRIVATE+KEY+name+hex(keyId)+base64(0x01 || seed)`, signing, and opening a note with the
 * verifier keys one trusts. Messages never contain private key material.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign as edSign, verify as edVerify, type KeyObject } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import type { Signer } from '../ports/signer.js'
import { sha256 } from './hash.js'

// ---------------------------------------------------------------------------------------------
// model

/** A key or key file that cannot be used; the message never repeats private key material. */
export interface KeyInvalid {
  readonly _tag: 'KeyInvalid'
  readonly message: string
}

/** A note that is malformed or carries no valid signature of a trusted key. */
export interface NoteInvalid {
  readonly _tag: 'NoteInvalid'
  readonly message: string
}

/** A verifier key: checks signatures of one key name and key id. */
export interface Verifier {
  readonly name: string
  readonly keyId: number
  readonly publicKey: Uint8Array
  readonly verify: (message: Uint8Array, signature: Uint8Array) => boolean
}

/** A signer that can also write its private key (for the key file only). */
export interface NoteSigner extends Signer {
  readonly keyId: number
  /** The Go-style private key line; write it only to a key file with mode 0600. */
  readonly privateKey: () => string
}

/** A note opened with trusted keys: its text and the keys whose signatures verified. */
export interface OpenedNote {
  readonly text: string
  readonly verifiedBy: ReadonlyArray<{ readonly name: string; readonly keyId: number }>
}

const ED25519 = 0x01
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
const MAX_SIGNATURES = 100

/** The most signature lines a note may carry (`openNote` refuses more). */
export const MAX_NOTE_SIGNATURES = MAX_SIGNATURES

const keyInvalid = (message: string): KeyInvalid => ({ _tag: 'KeyInvalid', message })
const noteInvalid = (message: string): NoteInvalid => ({ _tag: 'NoteInvalid', message })

// ---------------------------------------------------------------------------------------------
// keys

/**
 * Whether a key name is valid: non-empty, no Unicode spaces, no `+`.
 *
 * @example
 * isKeyName('example.com/log') // true
 */
export const isKeyName = (name: string): boolean => name.length > 0 && !/[\s+\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u.test(name)

/**
 * Whether `line` is one signature line of a signed note: `— NAME BASE64`, no newline.
 *
 * @example
 * isSignatureLine('— audit.example/witness AbCd+/==') // true
 * isSignatureLine('— w AbCd\n— x EfGh') // false
 */
export const isSignatureLine = (line: string): boolean => /^— \S+ [A-Za-z0-9+/=]+$/u.test(line)

/**
 * The key id of an Ed25519 key: the first four bytes of SHA-256(name || 0x0A || 0x01 || publicKey).
 *
 * @example
 * keyId('PeterNeumann', publicKey).toString(16) // 'c74f20a3'
 */
export const keyId = (name: string, publicKey: Uint8Array): number =>
  sha256(Buffer.concat([Buffer.from(name + '\n', 'utf8'), Buffer.from([ED25519]), publicKey])).readUInt32BE(0)

const hex8 = (id: number): string => id.toString(16).padStart(8, '0')

const publicKeyObject = (publicKey: Uint8Array): KeyObject =>
  createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' })

const rawPublicKey = (key: KeyObject): Buffer => (createPublicKey(key).export({ format: 'der', type: 'spki' }) as Buffer).subarray(SPKI_PREFIX.length)

/**
 * Formats an Ed25519 verifier key.
 *
 * @example
 * formatVerifierKey('example.com/log', publicKey) // 'example.com/log+1a2b3c4d+AR…'
 */
export const formatVerifierKey = (name: string, publicKey: Uint8Array): string =>
  `${name}+${hex8(keyId(name, publicKey))}+${Buffer.concat([Buffer.from([ED25519]), publicKey]).toString('base64')}`

const strictBase64 = (s: string): Buffer | undefined => {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) return undefined
  return Buffer.from(s, 'base64')
}

/** Splits `name+hex8+base64` at its first two `+` (the base64 key may contain `+`). */
const splitKey = (line: string): { name: string; id: string; key: string } | undefined => {
  const a = line.indexOf('+')
  const b = a < 0 ? -1 : line.indexOf('+', a + 1)
  if (b < 0) return undefined
  return { name: line.slice(0, a), id: line.slice(a + 1, b), key: line.slice(b + 1) }
}

/**
 * Parses a verifier key line; checks its name, its key id and that it is an Ed25519 key.
 *
 * @example
 * const v = parseVerifierKey('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')
 */
export const parseVerifierKey = (vkey: string): E.Either<KeyInvalid, Verifier> => {
  const parts = splitKey(vkey.trim())
  if (parts === undefined) return E.left(keyInvalid('a verifier key has three parts, name+keyid+base64key'))
  const { name, id, key } = parts
  if (!isKeyName(name)) return E.left(keyInvalid(`the verifier key's name "${name}" is empty or contains spaces`))
  if (!/^[0-9a-f]{8}$/.test(id)) return E.left(keyInvalid(`the verifier key id "${id}" is not 8 lowercase hex digits`))
  const bytes = strictBase64(key)
  if (bytes === undefined || bytes.length !== 33 || bytes[0] !== ED25519)
    return E.left(keyInvalid(`the verifier key of ${name} is not an Ed25519 key (0x01 followed by 32 bytes, base64)`))
  const publicKey = bytes.subarray(1)
  const expected = keyId(name, publicKey)
  if (expected !== parseInt(id, 16)) return E.left(keyInvalid(`the verifier key id ${id} does not match its name and key (expected ${hex8(expected)})`))
  let object: KeyObject
  try {
    object = publicKeyObject(publicKey)
  } catch {
    return E.left(keyInvalid(`the verifier key of ${name} is not a valid Ed25519 public key`))
  }
  return E.right({
    name,
    keyId: expected,
    publicKey,
    verify: (message, signature) => signature.length === 64 && edVerify(null, message, object, signature),
  })
}

const signerFromSeed = (name: string, seed: Uint8Array): NoteSigner => {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' })
  const publicKey = rawPublicKey(privateKey)
  const id = keyId(name, publicKey)
  const verifierKey = formatVerifierKey(name, publicKey)
  const seedCopy = Buffer.from(seed)
  return {
    name,
    keyId: id,
    verifierKey,
    sign: (message) => edSign(null, message, privateKey),
    privateKey: () => `PRIVATE+KEY+${name}+${hex8(id)}+${Buffer.concat([Buffer.from([ED25519]), seedCopy]).toString('base64')}`,
  }
}

/**
 * Parses a Go-style private key line (`PRIVATE+KEY+name+hex8+base64(0x01 || seed)`) into a signer.
 *
 * @example
 * const signer = parsePrivateKey(readFileSync(keyPath, 'utf8'))
 */
export const parsePrivateKey = (skey: string): E.Either<KeyInvalid, NoteSigner> => {
  const line = skey.trim()
  if (!line.startsWith('PRIVATE+KEY+')) return E.left(keyInvalid('a private key starts with PRIVATE+KEY+'))
  const parts = splitKey(line.slice('PRIVATE+KEY+'.length))
  if (parts === undefined) return E.left(keyInvalid('a private key has the form PRIVATE+KEY+name+keyid+base64key'))
  const { name, id, key } = parts
  if (!isKeyName(name)) return E.left(keyInvalid('the private key\'s name is empty or contains spaces'))
  const bytes = strictBase64(key)
  if (bytes === undefined || bytes.length !== 33 || bytes[0] !== ED25519)
    return E.left(keyInvalid(`the private key of ${name} is not an Ed25519 key`))
  const signer = signerFromSeed(name, bytes.subarray(1))
  if (hex8(signer.keyId) !== id) return E.left(keyInvalid(`the private key of ${name} does not match its key id ${id}`))
  return E.right(signer)
}

/**
 * Makes a new Ed25519 signing key named `name` (the checkpoint origin).
 *
 * @example
 * const signer = generateSigner('contact-ledger.local/register')
 */
export const generateSigner = (name: string): E.Either<KeyInvalid, NoteSigner> => {
  if (!isKeyName(name)) return E.left(keyInvalid(`the key name "${name}" must be non-empty without spaces or +`))
  const { privateKey } = generateKeyPairSync('ed25519')
  const der = privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer
  return E.right(signerFromSeed(name, der.subarray(PKCS8_PREFIX.length)))
}

// ---------------------------------------------------------------------------------------------
// notes

const controlProblem = (text: string): string | undefined =>
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0009\u000b-\u001f]/.test(text) ? 'the note contains a control character other than newline' : undefined

/**
 * Signs a note text (which must end in a newline) with one or more signers.
 *
 * @example
 * signNote('hello\n', [signer]) // 'hello\n\n— name base64…\n'
 */
export const signNote = (text: string, signers: ReadonlyArray<Signer & { readonly keyId?: number }>): E.Either<NoteInvalid, string> => {
  if (!text.endsWith('\n')) return E.left(noteInvalid('a note text must end in a newline'))
  const problem = controlProblem(text)
  if (problem !== undefined) return E.left(noteInvalid(problem))
  const message = Buffer.from(text, 'utf8')
  const lines = signers.map((s) => {
    const id = s.keyId ?? parseInt(s.verifierKey.split('+')[1] ?? '0', 16)
    const head = Buffer.alloc(4)
    head.writeUInt32BE(id)
    return `— ${s.name} ${Buffer.concat([head, s.sign(message)]).toString('base64')}\n`
  })
  return E.right(`${text}\n${lines.join('')}`)
}

/**
 * Opens a signed note with the verifiers one trusts: unknown signatures are ignored; a known
 * signature that fails rejects the note; at least one known signature must verify.
 *
 * @example
 * const opened = openNote(noteText, [verifier]) // Right({ text, verifiedBy })
 */
export const openNote = (note: string, verifiers: ReadonlyArray<Verifier>): E.Either<NoteInvalid, OpenedNote> => {
  const problem = controlProblem(note)
  if (problem !== undefined) return E.left(noteInvalid(problem))
  if (!note.endsWith('\n')) return E.left(noteInvalid('a signed note ends in a newline'))
  const split = note.lastIndexOf('\n\n')
  if (split < 0) return E.left(noteInvalid('a signed note has a blank line between its text and its signatures'))
  const text = note.slice(0, split + 1)
  const sigLines = note.slice(split + 2, -1).split('\n')
  if (sigLines.length > MAX_SIGNATURES) return E.left(noteInvalid(`the note has more than ${MAX_SIGNATURES} signatures`))
  const message = Buffer.from(text, 'utf8')
  const verifiedBy: Array<{ name: string; keyId: number }> = []
  for (const line of sigLines) {
    const m = /^— (\S+) (\S+)$/u.exec(line)
    if (m === null) return E.left(noteInvalid(`malformed signature line "${line.slice(0, 80)}"`))
    const [, name, b64] = m as unknown as [string, string, string]
    const bytes = strictBase64(b64)
    if (bytes === undefined || bytes.length < 5) return E.left(noteInvalid(`the signature of ${name} is not base64 of a key id and a signature`))
    const id = bytes.readUInt32BE(0)
    const verifier = verifiers.find((v) => v.name === name && v.keyId === id)
    if (verifier === undefined) continue
    if (!verifier.verify(message, bytes.subarray(4)))
      return E.left(noteInvalid(`the signature of ${name} (key ${hex8(id)}) does not verify: the note was altered or signed by another key`))
    verifiedBy.push({ name, keyId: id })
  }
  if (verifiedBy.length === 0)
    return E.left(noteInvalid(`no signature of a trusted key (${verifiers.map((v) => `${v.name}+${hex8(v.keyId)}`).join(', ') || 'none given'})`))
  return E.right({ text, verifiedBy })
}
