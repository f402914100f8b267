/**
 * A fast path for RFC 8785 canonical JSON: for plain JSON values (plain objects, arrays, strings
 * without lone surrogates, finite numbers, booleans, null) it gives exactly what the
 * `canonicalize` library gives, the same way (keys in UTF-16 code unit order, strings and
 * numbers as `JSON.stringify` writes them, which is what RFC 8785 asks), without the library's
 * per-call bookkeeping. For anything else it answers `undefined`, and the library decides.
 * Differentially tested against the library (tests/audit/canonical-fast.test.ts).
 */

// ---------------------------------------------------------------------------------------------
// utils

/** Whether a string holds no lone surrogate (`String.prototype.isWellFormed`, Node 20). */
const wellFormed: (s: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
    ? (s) => (s as unknown as { isWellFormed: () => boolean }).isWellFormed()
    : (s) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s)

/** Deeper than this, the value is left to the library (which names a cycle). */
const MAX_DEPTH = 100

/** An array index as a key: V8 lists those first, in numeric order, whatever the insertion order. */
const INDEX_LIKE = /^(?:0|[1-9][0-9]*)$/

/** Not covered: the walk stops and the library decides. */
const OUT = Symbol('not plain JSON')

/** The keys of a sealed free text (`SealedText`), in canonical order. */
const SEALED_KEYS = ['ciphertext', 'iv', 'record', 'sealed', 'tag'] as const

/**
 * A sealed free text (every entry with free text holds one or two) in canonical key order without
 * the general walk: exactly its five keys, each a well-formed string; else `undefined` (walked).
 */
const sealedCopy = (v: Record<string, unknown>): Record<string, unknown> | undefined => {
  if (v.sealed !== 'A256GCM') return undefined
  let n = 0
  for (const key in v) {
    if (!Object.prototype.hasOwnProperty.call(v, key)) return undefined
    n++
  }
  if (n !== SEALED_KEYS.length) return undefined
  const out: Record<string, unknown> = {}
  for (const key of SEALED_KEYS) {
    const s = v[key]
    if (typeof s !== 'string' || !wellFormed(s)) return undefined
    out[key] = s
  }
  return out
}

/**
 * A copy of a plain JSON value with every object's keys inserted in sorted order (which
 * `JSON.stringify` then keeps), or `OUT`.
 */
const sortedCopy = (v: unknown, depth: number): unknown => {
  switch (typeof v) {
    case 'string':
      return wellFormed(v) ? v : OUT
    case 'number':
      return Number.isFinite(v) ? v : OUT
    case 'boolean':
      return v
    case 'object': {
      if (v === null) return v
      if (depth >= MAX_DEPTH) return OUT
      const proto = Object.getPrototypeOf(v)
      if (Array.isArray(v)) {
        if (proto !== Array.prototype) return OUT
        const out = new Array<unknown>(v.length)
        for (let i = 0; i < v.length; i++) {
          const item = sortedCopy(v[i], depth + 1) // a hole or undefined: left to the library
          if (item === OUT) return OUT
          out[i] = item
        }
        return out
      }
      if ((proto !== Object.prototype && proto !== null) || typeof (v as { toJSON?: unknown }).toJSON === 'function') return OUT
      const sealed = sealedCopy(v as Record<string, unknown>)
      if (sealed !== undefined) return sealed
      const out: Record<string, unknown> = {}
      for (const key of Object.keys(v).sort()) {
        if (!wellFormed(key) || INDEX_LIKE.test(key) || key === '__proto__') return OUT
        const item = sortedCopy((v as Record<string, unknown>)[key], depth + 1) // undefined values are left to the library
        if (item === OUT) return OUT
        out[key] = item
      }
      return out
    }
    default:
      return OUT
  }
}

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * The RFC 8785 text of a plain JSON value, or `undefined` for anything the fast path does not
 * cover (undefined or symbol values, `toJSON`, class instances, lone surrogates, NaN, cycles).
 *
 * @example
 * fastCanonicalJson({ b: 1, a: 'x' }) // '{"a":"x","b":1}'
 */
export const fastCanonicalJson = (value: unknown): string | undefined => {
  const copy = sortedCopy(value, 0)
  return copy === OUT ? undefined : JSON.stringify(copy)
}
