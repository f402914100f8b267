/**
 * RFC 6962 / RFC 9162 hashing: leaves are `SHA-256(0x00 || bytes)`, interior nodes
 * `SHA-256(0x01 || left || right)`, the empty tree `SHA-256("")`.
 */
import { createHash, hash } from 'node:crypto'

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
export const hashLeafText = (text: string): Buffer => hash('sha256', `\u0000${text}`, 'buffer') // U+0000 is the one byte 0x00 in UTF-8

/** The RFC 6962 hash of two child nodes. @example hashChildren(left, right) */
export const hashChildren = (left: Uint8Array, right: Uint8Array): Buffer => hash('sha256', Buffer.concat([NODE, left, right]), 'buffer')

/** The root of the empty tree, `SHA-256("")`. */
export const EMPTY_ROOT: Buffer = sha256(new Uint8Array(0))
