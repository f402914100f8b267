/**
 * Codec helpers: closed object codecs (unknown fields are an error, so a typo is never silently
 * dropped) and a reporter that turns io-ts errors into messages naming the field path.
 */
import * as t from 'io-ts'

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * An object codec with required and optional fields that rejects any other field.
 *
 * @example
 * const Point = closed('Point', { x: t.number }, { label: t.string })
 * Point.decode({ x: 1, y: 2 }) // Left: "y: unknown field"
 */
export const closed = <R extends t.Props, O extends t.Props = {}>(
  name: string,
  required: R,
  optional: O = {} as O,
): t.Type<t.TypeOfProps<R> & t.TypeOfPartialProps<O>, t.OutputOfProps<R> & t.OutputOfPartialProps<O>, unknown> => {
  const inner = t.intersection([t.type(required), t.partial(optional)])
  const known = new Set([...Object.keys(required), ...Object.keys(optional)])
  return new t.Type(
    name,
    (u): u is t.TypeOfProps<R> & t.TypeOfPartialProps<O> =>
      inner.is(u) && Object.keys(u as object).every((k) => known.has(k)),
    (u, c) => {
      if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, `an object (${name})`)
      const extra = Object.keys(u).filter((k) => !known.has(k))
      if (extra.length > 0) {
        const [first] = extra
        return t.failure((u as Record<string, unknown>)[first!], [...c, { key: first!, type: UNKNOWN_FIELD, actual: undefined }], 'unknown field')
      }
      const decoded = inner.validate(u, c)
      if (decoded._tag === 'Left') return decoded
      // drop undefined optionals so encode(decode(x)) has exactly x's keys
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(decoded.right as object)) if (v !== undefined) out[k] = v
      return t.success(out as t.TypeOfProps<R> & t.TypeOfPartialProps<O>)
    },
    (a) => {
      const out: Record<string, unknown> = {}
      const all: t.Props = { ...required, ...optional }
      for (const [k, v] of Object.entries(a as object)) {
        const codec = all[k]
        if (v !== undefined && codec !== undefined) out[k] = codec.encode(v)
      }
      return out as t.OutputOfProps<R> & t.OutputOfPartialProps<O>
    },
  )
}

const UNKNOWN_FIELD = new t.Type<never>('nothing (unknown field)', (_): _ is never => false, (u, c) => t.failure(u, c), (a) => a)

// ---------------------------------------------------------------------------------------------
// reporting

/** One decoding problem: where it is and what was expected there. */
export interface FieldProblem {
  readonly path: string
  readonly expected: string
}

const friendly = (type: t.Decoder<unknown, unknown>): string => {
  if (type instanceof t.KeyofType) return `one of ${Object.keys(type.keys).join(', ')}`
  if (type instanceof t.RefinementType && /^NonEmptyArray/.test(type.name)) return 'a list with at least one element'
  if (type instanceof t.ReadonlyArrayType || type instanceof t.ArrayType) return 'a list'
  if (type instanceof t.InterfaceType || type instanceof t.IntersectionType) return 'an object'
  const name = type.name
  switch (name) {
    case 'IsoDate':
      return 'a date YYYY-MM-DD'
    case 'Uuid':
      return 'a UUID'
    case 'NonEmptyString':
      return 'a non-empty string'
    case 'KvkNumber':
      return 'a KvK number of 8 digits'
    case 'Year':
      return 'a year such as 2024'
    default:
      return name
  }
}

/** Turns io-ts errors into field problems, innermost path first, one per distinct path. */
export const problemsOf = (errors: t.Errors): ReadonlyArray<FieldProblem> => {
  const seen = new Map<string, string>()
  for (const e of errors) {
    // io-ts puts intersection members under numeric keys "0", "1": drop those that index no array
    const path: string[] = []
    e.context.forEach((c, i) => {
      if (c.key === '') return
      const parent = e.context[i - 1]?.type
      const parentIsArray =
        parent instanceof t.ReadonlyArrayType ||
        parent instanceof t.ArrayType ||
        (parent instanceof t.RefinementType && (parent.type instanceof t.ReadonlyArrayType || parent.type instanceof t.ArrayType))
      if (/^\d+$/.test(c.key) && !parentIsArray) return
      path.push(c.key)
    })
    const last = e.context[e.context.length - 1]
    const expected = e.message ?? (last ? friendly(last.type) : 'a value')
    const p = path.join('.') || '(root)'
    if (!seen.has(p)) seen.set(p, expected)
  }
  return [...seen].map(([path, expected]) => ({ path, expected }))
}

/** One line naming every problem, e.g. `payload.occurredOn: expected a date YYYY-MM-DD`. */
export const describeProblems = (problems: ReadonlyArray<FieldProblem>): string =>
  problems
    .slice(0, 5)
    .map((p) => (p.expected === 'unknown field' ? `${p.path}: unknown field` : `${p.path}: expected ${p.expected}`))
    .join('; ') + (problems.length > 5 ? `; and ${problems.length - 5} more` : '')
