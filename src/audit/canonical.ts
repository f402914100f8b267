/**
 * The canonical byte encoding of a stored entry: RFC 8785 (JSON Canonicalization Scheme) of the
 * record exactly as `log` prints it, without any hash field. Leaf `i` of the Merkle tree is
 * `SHA-256(0x00 || entryBytes(entry i))`.
 */
import canonicalize from 'canonicalize'
import { encodeStored, type StoredEvent, type StoredEventJson } from '../domain/events.js'
import { fastCanonicalJson } from './canonical-fast.js'
import { hashLeaf } from './hash.js'

/**
 * The RFC 8785 canonical JSON text of a record.
 *
 * @example
 * canonicalJson({ b: 1, a: 'x' }) // '{"a":"x","b":1}'
 */
export const canonicalJson = (record: unknown): string => {
  // plain JSON (every register entry) takes the fast path; anything else, the library
  const text = fastCanonicalJson(record) ?? canonicalize(record)
  if (text === undefined) throw new TypeError('a register entry must be a JSON value')
  return text
}

/** The canonical bytes of a stored entry (its JSON record). @example entryBytesOfJson(JSON.parse(line)) */
export const entryBytesOfJson = (record: StoredEventJson): Buffer => Buffer.from(canonicalJson(record), 'utf8')

/** The canonical text of a stored event (its bytes, as UTF-8). @example hashLeafText(entryText(e)) */
export const entryText = (e: StoredEvent): string => canonicalJson(encodeStored(e))

/** The canonical bytes of a stored event. @example hashLeaf(entryBytes(e)) */
export const entryBytes = (e: StoredEvent): Buffer => entryBytesOfJson(encodeStored(e))

/** The RFC 6962 leaf hash of a stored event. @example leafHashOf(stored).toString('hex') */
export const leafHashOf = (e: StoredEvent): Buffer => hashLeaf(entryBytes(e))
