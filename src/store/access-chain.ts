/**
 * The access log's hash chain (rule 20): record i's hash is SHA-256 over the previous hash and the
 * record's canonical JSON (fixed field order, parameters sorted), so no record can be changed,
 * inserted or removed in the middle without breaking the chain; the head (count and last hash)
 * the store keeps beside the records tells a removed last record.
 */
import { createHash } from 'node:crypto'
import type { AccessEntry, AccessHead, AccessRecord } from '../ports/access-log.js'

/** The hash before the first record. */
export const ACCESS_GENESIS = '0'.repeat(64)

/** The head of an empty access log. */
export const EMPTY_ACCESS_HEAD: AccessHead = { count: 0, hash: ACCESS_GENESIS }

const sorted = (o: Readonly<Record<string, string | number>>): Record<string, string | number> => {
  const out: Record<string, string | number> = {}
  for (const k of Object.keys(o).sort()) out[k] = o[k]!
  return out
}

/** The bytes a record's hash covers: every field but the hash, in a fixed order. */
const canonical = (seq: number, e: AccessEntry): string =>
  JSON.stringify([seq, e.at, e.actor, [...e.roles], e.read.kind, sorted(e.read.params), e.purpose ?? null, e.outcome])

/**
 * The hash of a record at `seq` after `prev`.
 *
 * @example
 * accessHash(ACCESS_GENESIS, 0, entry) // '9f1c…' (64 hex)
 */
export const accessHash = (prev: string, seq: number, e: AccessEntry): string =>
  createHash('sha256').update(prev, 'utf8').update('\n', 'utf8').update(canonical(seq, e), 'utf8').digest('hex')

/**
 * The record that follows `head`: the store appends it and moves its head to `{ count + 1, hash }`.
 *
 * @example
 * const record = chainAccess(EMPTY_ACCESS_HEAD, entry) // { ...entry, seq: 0, prev: '000…', hash: '…' }
 */
export const chainAccess = (head: AccessHead, e: AccessEntry): AccessRecord => ({
  seq: head.count,
  at: e.at,
  actor: e.actor,
  roles: [...e.roles],
  read: { kind: e.read.kind, params: sorted(e.read.params) },
  ...(e.purpose !== undefined ? { purpose: e.purpose } : {}),
  outcome: e.outcome,
  prev: head.hash,
  hash: accessHash(head.hash, head.count, e),
})

/** What a check of the access log found. */
export interface AccessCheck {
  readonly ok: boolean
  readonly count: number
  readonly head: AccessHead
  /** One line per problem, naming the record (by its seq) or the head. */
  readonly problems: ReadonlyArray<string>
}

/**
 * Checks stored records (all of them, in order) against each other and the stored head: a gap in
 * the seqs or a broken link is a removed or altered record; a head that counts more records, or
 * whose hash is not the last record's, is a removed last record (or a rewound log).
 *
 * @example
 * verifyAccessChain(records, head).ok // true
 */
export const verifyAccessChain = (records: ReadonlyArray<AccessRecord>, head: AccessHead): AccessCheck => {
  const problems: string[] = []
  let prev = ACCESS_GENESIS
  let expected = 0
  for (const r of records) {
    if (r.seq !== expected) problems.push(`access record ${expected}${r.seq > expected + 1 ? `..${r.seq - 1}` : ''} is missing (the next stored one is ${r.seq})`)
    if (r.prev !== prev) problems.push(`access record ${r.seq} does not follow the record before it (its previous hash differs): a record before it was removed or changed`)
    if (accessHash(r.prev, r.seq, r) !== r.hash) problems.push(`access record ${r.seq} was changed after it was written (its hash does not match its content)`)
    prev = r.hash
    expected = r.seq + 1
  }
  if (head.count !== expected)
    problems.push(
      head.count > expected
        ? `the access log's head counts ${head.count} records but ${expected} are stored: the last ${head.count - expected === 1 ? 'record was' : `${head.count - expected} records were`} removed`
        : `the access log holds ${expected} records but its head counts ${head.count}: records were added outside the log`,
    )
  else if (head.hash !== prev) problems.push(`the access log's head hash does not match its last record: the last record was replaced`)
  return { ok: problems.length === 0, count: records.length, head, problems }
}
