/**
 * Queries over the log by event types × tags (the dynamic consistency boundary of DESIGN.md):
 * what a decision reads, and the condition of its append. Pure; the storage port re-exports it.
 */

// ---------------------------------------------------------------------------------------------
// model

/** Matches an event whose type is one of `types` (any, when absent) and that has every tag in `tags`. */
export interface QueryItem {
  readonly types?: ReadonlyArray<string>
  readonly tags?: ReadonlyArray<string>
}

/** A query matches an event when any of its items does; an empty query matches nothing. */
export type Query = ReadonlyArray<QueryItem>

/** The condition of a conditional append: fail if an event matching `query` is after `after`. */
export interface AppendCondition {
  readonly query: Query
  /** The last position the decision saw (-1 when it saw none). */
  readonly after: number
}

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * The query item for events of `types` (any type, when undefined) carrying `tag`.
 *
 * @example
 * queryItem(['ContactRetracted'], contactTag(id)) // { types: ['ContactRetracted'], tags: ['contact:…'] }
 */
export const queryItem = (types: ReadonlyArray<string> | undefined, tag: string): QueryItem =>
  types === undefined ? { tags: [tag] } : { types, tags: [tag] }

// ---------------------------------------------------------------------------------------------
// utils

/**
 * Whether an event matches a query.
 *
 * @example
 * matches(e, [{ types: ['ContactRecorded'], tags: [`organisation:${id}`] }])
 */
export const matches = (e: { readonly type: string; readonly tags: ReadonlyArray<string> }, query: Query): boolean =>
  query.some(
    (item) =>
      (item.types === undefined || item.types.includes(e.type)) &&
      (item.tags === undefined || item.tags.every((t) => e.tags.includes(t))),
  )
