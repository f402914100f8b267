/**
 * RFC 6962 / RFC 9162 hashing: leaves are `SHA-256(0x00 || bytes)`, interior nodes
 * `SHA-256(0x01 || left || right)`, the empty tree `SHA-256("")`.
 */
import { createHash } from 'node:crypto'

const LEAF = Buffer.from([0x00])
const NODE = Buffer.from([0x01])

/** SHA-256 of some bytes. @example sha256(Buffer.from('abc')).toString('hex') */
export const sha256 = (bytes: Uint8Array): Buffer => createHash('sha256').update(bytes).digest()

/** The RFC 6962 leaf hash of an entry's bytes. @example hashLeaf(Buffer.from('L123456')) */
export const hashLeaf = (bytes: Uint8Array): Buffer => createHash('sha256').update(LEAF).update(bytes).digest()

/**
 * The leaf hash of an entry given as its text (UTF-8), without copying it into a buffer first.
 *
 * @example
 * hashLeafText('{"a":1}').equals(hashLeaf(Buffer.from('{"a":1}'))) // true
 */
export const hashLeafText = (text: string): Buffer => createHash('sha256').update(LEAF).update(text, 'utf8').digest()

/** The RFC 6962 hash of two child nodes. @example hashChildren(left, right) */
export const hashChildren = (left: Uint8Array, right: Uint8Array): Buffer =>
  createHash('sha256').update(NODE).update(left).update(right).digest()

/** The root of the empty tree, `SHA-256("")`. */
export const EMPTY_ROOT: Buffer = sha256(new Uint8Array(0))
