/**
 * C2SP tlog-cosignature v1 with Ed25519 (c2sp.org/tlog-cosignature@v1.0.1): a witness's statement
 * that, at a time, the checkpoint is the largest consistent one it saw for the log. A cosignature
 * is one more signature line of the checkpoint note, `— <name> base64(keyId || u64 timestamp ||
 * Ed25519 signature)`, over `cosignature/v1\ntime <timestamp>\n` followed by the checkpoint body;
 * its key id is SHA-256(name || "\n" || 0x04 || publicKey)[:4]. A witness key file is an ordinary
 * signed-note private key (as `key init` makes them): the same Ed25519 key, a different key id.
 */
import { verify as edVerify, createPublicKey } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { sha256 } from './hash.js'
import { isKeyName, parsePrivateKey, parseVerifierKey, type KeyInvalid, type NoteInvalid } from './note.js'
import { keyLabel, type KeyName } from './result.js'

// ---------------------------------------------------------------------------------------------
// model

/** A witness's public key for cosignature/v1 (vkey type 0x04). */
export interface CosignerKey {
  readonly name: string
  readonly keyId: number
  readonly publicKey: Uint8Array
  /** The vkey line: `name+hex8(keyId)+base64(0x04 || publicKey)`. */
  readonly vkey: string
}

/** A witness that can cosign: its key and a signing function. */
export interface Cosigner extends CosignerKey {
  /** Signs a checkpoint body at a POSIX time (seconds): the signature line's base64. */
  readonly cosign: (checkpointText: string, timestamp: number) => string
}

/** A cosignature that verified: whose, and when it was made. */
export interface Cosignature extends KeyName {
  readonly timestamp: number
}

/** Not enough valid cosignatures, or one of a given witness that does not verify. */
export interface CosignaturesInvalid {
  readonly _tag: 'CosignaturesInvalid'
  readonly message: string
  readonly valid: ReadonlyArray<Cosignature>
}

const COSIGNATURE_V1 = 0x04
const ED25519 = 0x01
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')
const MAX_TIMESTAMP = 2n ** 63n - 1n

const keyInvalid = (message: string): KeyInvalid => ({ _tag: 'KeyInvalid', message })
const hex8 = (id: number): string => id.toString(16).padStart(8, '0')

// ---------------------------------------------------------------------------------------------
// keys

/**
 * The cosignature/v1 key id of an Ed25519 public key: SHA-256(name || 0x0A || 0x04 || key)[:4].
 *
 * @example
 * cosignerKeyId('witness.example/w1', publicKey).toString(16)
 */
export const cosignerKeyId = (name: string, publicKey: Uint8Array): number =>
  sha256(Buffer.concat([Buffer.from(name + '\n', 'utf8'), Buffer.from([COSIGNATURE_V1]), publicKey])).readUInt32BE(0)

const keyOf = (name: string, publicKey: Uint8Array): CosignerKey => {
  const keyId = cosignerKeyId(name, publicKey)
  return { name, keyId, publicKey, vkey: `${name}+${hex8(keyId)}+${Buffer.concat([Buffer.from([COSIGNATURE_V1]), publicKey]).toString('base64')}` }
}

/**
 * Parses a witness's vkey: type 0x04 (cosignature/v1), or an ordinary Ed25519 note vkey (0x01),
 * which is read as the same key for cosignature/v1 (as transparency-dev's VKeyToCosignatureV1).
 *
 * @example
 * parseCosignerKey('remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2') // Right({ name, keyId: 0xda77ade7, … })
 */
export const parseCosignerKey = (vkey: string): E.Either<KeyInvalid, CosignerKey> => {
  const line = vkey.trim()
  const a = line.indexOf('+')
  const b = a < 0 ? -1 : line.indexOf('+', a + 1)
  if (b < 0) return E.left(keyInvalid('a witness key has three parts, name+keyid+base64key'))
  const [name, id, key] = [line.slice(0, a), line.slice(a + 1, b), line.slice(b + 1)]
  if (!isKeyName(name)) return E.left(keyInvalid(`the witness key's name "${name}" is empty or contains spaces`))
  if (!/^[0-9a-f]{8}$/.test(id)) return E.left(keyInvalid(`the witness key id "${id}" is not 8 lowercase hex digits`))
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(key) || key.length % 4 !== 0) return E.left(keyInvalid(`the witness key of ${name} is not base64`))
  const bytes = Buffer.from(key, 'base64')
  if (bytes.length === 33 && bytes[0] === ED25519) {
    const v = parseVerifierKey(line)
    return E.isLeft(v) ? v : E.right(keyOf(name, v.right.publicKey))
  }
  if (bytes.length !== 33 || bytes[0] !== COSIGNATURE_V1)
    return E.left(keyInvalid(`the witness key of ${name} is not an Ed25519 cosignature/v1 key (0x04 followed by 32 bytes, base64)`))
  const publicKey = bytes.subarray(1)
  try {
    createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' })
  } catch {
    return E.left(keyInvalid(`the witness key of ${name} is not a valid Ed25519 public key`))
  }
  const k = keyOf(name, publicKey)
  if (hex8(k.keyId) !== id) return E.left(keyInvalid(`the witness key id ${id} does not match its name and key (expected ${hex8(k.keyId)})`))
  return E.right(k)
}

/**
 * The cosignature message: `cosignature/v1\ntime <timestamp>\n` and the checkpoint body.
 *
 * @example
 * cosignatureMessage('example.com/log\n3\nrra8…=\n', 1679315147)
 */
export const cosignatureMessage = (checkpointText: string, timestamp: number): Buffer =>
  Buffer.from(`cosignature/v1\ntime ${timestamp}\n${checkpointText}`, 'utf8')

/**
 * A cosigner from a signed-note private key line (`PRIVATE+KEY+name+…`, as `witness keygen` writes).
 *
 * @example
 * const w = cosignerFromPrivateKey(readFileSync('witness.key', 'utf8'))
 */
export const cosignerFromPrivateKey = (skey: string): E.Either<KeyInvalid, Cosigner> => {
  const signer = parsePrivateKey(skey)
  if (E.isLeft(signer)) return signer
  const v = parseVerifierKey(signer.right.verifierKey)
  if (E.isLeft(v)) return v
  const key = keyOf(signer.right.name, v.right.publicKey)
  return E.right({
    ...key,
    cosign: (text, timestamp) => {
      const head = Buffer.alloc(12)
      head.writeUInt32BE(key.keyId, 0)
      head.writeBigUInt64BE(BigInt(timestamp), 4)
      return Buffer.concat([head, signer.right.sign(cosignatureMessage(text, timestamp))]).toString('base64')
    },
  })
}

// ---------------------------------------------------------------------------------------------
// notes

const splitNote = (note: string): E.Either<NoteInvalid, { text: string; lines: ReadonlyArray<string> }> => {
  const split = note.lastIndexOf('\n\n')
  if (!note.endsWith('\n') || split < 0) return E.left({ _tag: 'NoteInvalid', message: 'a signed note has its text, a blank line and signature lines ending in a newline' })
  return E.right({ text: note.slice(0, split + 1), lines: note.slice(split + 2, -1).split('\n') })
}

/**
 * Adds a cosignature line to a signed checkpoint note (its other signatures kept; an earlier
 * cosignature of the same witness replaced).
 *
 * @example
 * const cosigned = addCosignature(note, witness, Math.floor(Date.now() / 1000))
 */
export const addCosignature = (note: string, cosigner: Cosigner, timestamp: number): E.Either<NoteInvalid, string> => {
  const parts = splitNote(note)
  if (E.isLeft(parts)) return parts
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) return E.left({ _tag: 'NoteInvalid', message: `the cosignature time ${timestamp} is not a POSIX time in seconds` })
  const mine = (line: string): boolean => {
    const m = /^— (\S+) (\S+)$/u.exec(line)
    if (m === null || m[1] !== cosigner.name) return false
    const b = Buffer.from(m[2]!, 'base64')
    return b.length >= 4 && b.readUInt32BE(0) === cosigner.keyId
  }
  const kept = parts.right.lines.filter((l) => !mine(l))
  return E.right(`${parts.right.text}\n${[...kept, `— ${cosigner.name} ${cosigner.cosign(parts.right.text, timestamp)}`].join('\n')}\n`)
}

/**
 * The valid cosignatures of the given witnesses on a note. Lines of other keys are ignored; a line
 * of a given witness that does not verify (altered, or not 72 bytes) is a Left naming it.
 *
 * @example
 * cosignaturesOf(note, [witnessKey]) // Right([{ name, keyId, timestamp }])
 */
export const cosignaturesOf = (note: string, witnesses: ReadonlyArray<CosignerKey>): E.Either<NoteInvalid, ReadonlyArray<Cosignature>> => {
  const parts = splitNote(note)
  if (E.isLeft(parts)) return parts
  const out: Cosignature[] = []
  for (const line of parts.right.lines) {
    const m = /^— (\S+) ([A-Za-z0-9+/=]+)$/u.exec(line)
    if (m === null) continue
    const bytes = Buffer.from(m[2]!, 'base64')
    if (bytes.length < 4) continue
    const keyId = bytes.readUInt32BE(0)
    const w = witnesses.find((k) => k.name === m[1] && k.keyId === keyId)
    if (w === undefined) continue
    const label = keyLabel(w)
    if (bytes.length !== 4 + 72) return E.left({ _tag: 'NoteInvalid', message: `the cosignature of ${label} is ${bytes.length - 4} bytes, a cosignature/v1 is 72` })
    const ts = bytes.readBigUInt64BE(4)
    if (ts > MAX_TIMESTAMP || ts > BigInt(Number.MAX_SAFE_INTEGER)) return E.left({ _tag: 'NoteInvalid', message: `the cosignature of ${label} has the time ${ts}, beyond 2^63 - 1` })
    const timestamp = Number(ts)
    const key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, w.publicKey]), format: 'der', type: 'spki' })
    if (!edVerify(null, cosignatureMessage(parts.right.text, timestamp), key, bytes.subarray(12)))
      return E.left({ _tag: 'NoteInvalid', message: `the cosignature of ${label} does not verify: the checkpoint or the cosignature was altered` })
    if (!out.some((c) => c.name === w.name && c.keyId === w.keyId)) out.push({ name: w.name, keyId: w.keyId, timestamp })
  }
  return E.right(out)
}

/**
 * Requires `needed` valid cosignatures of distinct given witnesses on a checkpoint note.
 *
 * @example
 * verifyCosignatures(note, [w1, w2], 1) // Right([{ name: 'w1', … }]) or Left({ message: 'only 0 of …' })
 */
export const verifyCosignatures = (
  note: string,
  witnesses: ReadonlyArray<CosignerKey>,
  needed: number,
): E.Either<CosignaturesInvalid, ReadonlyArray<Cosignature>> => {
  const found = cosignaturesOf(note, witnesses)
  if (E.isLeft(found)) return E.left({ _tag: 'CosignaturesInvalid', message: found.left.message, valid: [] })
  if (found.right.length >= needed) return found
  const missing = witnesses.filter((w) => !found.right.some((c) => c.name === w.name && c.keyId === w.keyId)).map(keyLabel)
  return E.left({
    _tag: 'CosignaturesInvalid',
    message: `${found.right.length} valid cosignature${found.right.length === 1 ? '' : 's'} of the given witnesses, ${needed} needed; none from ${missing.join(', ')}`,
    valid: found.right,
  })
}
