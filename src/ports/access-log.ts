/**
 * The AccessLog port (rule 20): one record per restricted read, allowed or refused: who read,
 * what (the read's kind and its parameters: report parameters, a person id, a log range; never a
 * name), when, why (a short purpose, if given) and the outcome. Records form a hash chain, and the
 * store keeps the chain's head (count and last hash) beside them, so a deleted record is found:
 * one in the middle breaks the chain, the last one leaves the head counting one more.
 */
import type * as E from 'fp-ts/lib/Either.js'
import type { StoreError } from '../domain/errors.js'

/** What a restricted read read: its kind (`READ_ROLES`) and parameters (ids, dates, sizes; no names). */
export interface AccessRead {
  readonly kind: string
  readonly params: Readonly<Record<string, string | number>>
}

/** A record as the reader asks for it, before the log chains it. */
export interface AccessEntry {
  /** When the read happened (ISO 8601, UTC, from the injected clock). */
  readonly at: string
  /** The acting person; null when no one was named (a refusal). */
  readonly actor: string | null
  /** The roles the actor held on the day of the read. */
  readonly roles: ReadonlyArray<string>
  readonly read: AccessRead
  /** Why, in a few words (never a person's name). */
  readonly purpose?: string
  readonly outcome: 'allowed' | 'refused'
}

/** A record as stored: its place in the chain, the hash before it and its own hash (hex SHA-256). */
export interface AccessRecord extends AccessEntry {
  readonly seq: number
  readonly prev: string
  readonly hash: string
}

/** The head of the chain the store keeps beside the records: how many, and the last hash. */
export interface AccessHead {
  readonly count: number
  readonly hash: string
}

export interface AccessLog {
  /**
   * Chains and stores one record atomically with the head (concurrent writers are serialised),
   * answering with the stored record; never drops one silently.
   */
  readonly append: (entry: AccessEntry) => Promise<E.Either<StoreError, AccessRecord>>
  /** The stored records with `from <= seq < to`, in order. */
  readonly read: (range?: { readonly from?: number; readonly to?: number }) => Promise<E.Either<StoreError, ReadonlyArray<AccessRecord>>>
  /** The stored head (count 0 and the genesis hash for an empty log). */
  readonly head: () => Promise<E.Either<StoreError, AccessHead>>
  readonly close: () => Promise<void>
}
