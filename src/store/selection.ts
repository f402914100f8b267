/**
 * The one step that turns a `Query` (types × tags items) into the tag groups every dialect
 * compiles to its own index look-ups (SQL `UNION`s, in-memory index lists).
 */
import type { Selection, TagGroup } from '../ports/storage-dialect.js'
import type { Query } from '../ports/query.js'

/** The key of a type list (its types sorted), remembered per list: most queries share a few constant lists. */
const typesKeys = new WeakMap<ReadonlyArray<string>, string>()
const typesKey = (types: ReadonlyArray<string>): string => {
  let key = typesKeys.get(types)
  if (key === undefined) typesKeys.set(types, (key = [...types].sort().join('\u0000')))
  return key
}

/**
 * The selection a query asks for: `'all'` when an item matches every event; otherwise its groups,
 * where single-tag items that ask the same types become one `AnyTag` group (a batch's condition
 * has hundreds of them), multi-tag items an `AllTags` group each, and type-only items one `Types`
 * group. An empty query, or items with an empty type list, select nothing (`[]`).
 *
 * @example
 * selectionOf([{ tags: ['organisation:1'] }, { tags: ['organisation:2'] }])
 * // [{ _tag: 'AnyTag', tags: ['organisation:1', 'organisation:2'] }]
 */
export const selectionOf = (query: Query): Selection => {
  const single = new Map<string, { types: ReadonlyArray<string> | undefined; tags: Set<string> }>()
  const groups: TagGroup[] = []
  const types = new Set<string>()
  for (const item of query) {
    if (item.types !== undefined && item.types.length === 0) continue // matches nothing
    const tags = [...new Set(item.tags ?? [])]
    if (tags.length === 0) {
      if (item.types === undefined) return 'all'
      for (const t of item.types) types.add(t)
    } else if (tags.length === 1) {
      const key = item.types === undefined ? '*' : typesKey(item.types)
      const group = single.get(key)
      if (group === undefined) single.set(key, { types: item.types, tags: new Set(tags) })
      else group.tags.add(tags[0]!)
    } else groups.push(item.types === undefined ? { _tag: 'AllTags', tags } : { _tag: 'AllTags', tags, types: item.types })
  }
  for (const { types: ts, tags } of single.values())
    groups.push(ts === undefined ? { _tag: 'AnyTag', tags: [...tags] } : { _tag: 'AnyTag', tags: [...tags], types: ts })
  if (types.size > 0) groups.push({ _tag: 'Types', types: [...types] })
  return groups
}

/** Whether a selection selects nothing. @example selectsNothing(selectionOf([])) // true */
export const selectsNothing = (s: Selection): boolean => s !== 'all' && s.length === 0
