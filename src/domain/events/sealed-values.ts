/**
 * Sealed texts nested inside an event's data (rule 21): a four-eyes proposal (rule 19) keeps its
 * command's payload, whose free texts are sealed where they sit (`payload.rationale`,
 * `payload.breach.reason`, `payload.distinctFrom[0].reason`). These walk such values, apart from
 * the top-level fields the sealing hot path reads directly.
 */
import { isSealedText, SEALED_MARK, type SealedText } from './parts.js'

/**
 * Calls `visit` for every sealed text inside a value (objects and arrays, at any depth; a sealed
 * text itself is not entered).
 *
 * @example
 * forEachNestedSealed(proposal.payload, (s) => records.add(s.record))
 */
export const forEachNestedSealed = (value: unknown, visit: (sealed: SealedText) => void): void => {
  if (typeof value !== 'object' || value === null) return
  if (isSealedText(value)) return visit(value)
  if (Array.isArray(value)) {
    for (const v of value) forEachNestedSealed(v, visit)
    return
  }
  const o = value as Readonly<Record<string, unknown>>
  for (const k in o) forEachNestedSealed(o[k], visit)
}

/**
 * A value with every sealed text inside it replaced by `replace(sealed, field)` (`field`: the
 * name of the property that held it); the same value when it holds none.
 *
 * @example
 * mapNestedSealed(payload, () => ({ sealed: true })) // what `log` shows inside a proposal
 */
export const mapNestedSealed = (value: unknown, replace: (sealed: SealedText, field: string) => unknown, field = ''): unknown => {
  if (typeof value !== 'object' || value === null) return value
  if (isSealedText(value)) return replace(value, field)
  if (Array.isArray(value)) {
    let out: unknown[] | undefined
    value.forEach((v, i) => {
      const m = mapNestedSealed(v, replace, field)
      if (m !== v) (out ??= [...value])[i] = m
    })
    return out ?? value
  }
  const o = value as Readonly<Record<string, unknown>>
  let out: Record<string, unknown> | undefined
  for (const k in o) {
    const m = mapNestedSealed(o[k], replace, k)
    if (m !== o[k]) (out ??= { ...o })[k] = m
  }
  return out ?? value
}

/**
 * Whether a value holds a sealed text anywhere inside it.
 *
 * @example
 * holdsSealed(proposal.payload) // true once its rationale is sealed
 */
export const holdsSealed = (value: unknown): boolean => {
  let found = false
  forEachNestedSealed(value, () => void (found = true))
  return found
}

/**
 * A value with its sealed texts shown as `[sealed]` (`['[sealed]']` for a list of officials):
 * enough to read its record ids and decode it, never its texts.
 *
 * @example
 * withSealedMarks(proposal.payload).rationale // '[sealed]'
 */
export const withSealedMarks = (value: unknown): unknown => mapNestedSealed(value, (_, field) => (field === 'officials' ? [SEALED_MARK] : SEALED_MARK))
