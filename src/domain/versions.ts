/**
 * Event schema versions and upcasting (rule 22). A stored event keeps its bytes for ever; its
 * `meta.schemaVersion` says which version of its type's data schema wrote it. An event type's
 * history (`eventHistory`) holds the codec of every version and the upcaster from each version to
 * the next, so data written at any version is read as the current one: decoded with its own
 * version's codec, then upcast step by step (v1 → v2 → …), each step checked by the next codec.
 * Upcasting happens where events are read for meaning (folds, decodeStored); never where they are
 * hashed or stored, so no canonical entry is ever rewritten.
 */
import * as t from 'io-ts'
import { extend } from './extend.js'

// ---------------------------------------------------------------------------------------------
// model

/** One event type's data schema through its versions, version 1 first. */
export interface EventHistory<A> {
  /** The newest version: the one new events are written with. */
  readonly current: number
  /** The current version's codec (a decoder: the history only reads). */
  readonly codec: t.Decoder<unknown, A>
  /** Reads data written at `version` as the current version, naming the version in any error. */
  readonly read: (data: unknown, version: number) => t.Validation<A>
  /** This history with one more version: its codec, and how data of the version before becomes it. */
  readonly then: <B>(codec: t.Decoder<unknown, B>, up: (previous: A) => NoInfer<B>) => EventHistory<B>
}

/** The histories of event types that have more than one version, by event type. */
export type EventVersions = Readonly<Record<string, EventHistory<unknown>>>

/** What an upcaster needs of an event: its type, its data and the schema version it was written with. */
export interface VersionedEvent {
  readonly type: string
  readonly data: unknown
  readonly meta: { readonly schemaVersion: number }
}

/** Reads events of any known version as the current version. */
export interface Upcaster {
  /** The version new events of a type are written with (1 for a type with no history). */
  readonly currentVersion: (type: string) => number
  /**
   * The event as its type's current version: the same object when it is current already
   * (idempotent), else a copy with upcast data and the current `schemaVersion`; an error naming
   * the type, version and field when the stored data is not what its version says.
   */
  readonly upcast: <E extends VersionedEvent>(e: E) => t.Validation<E>
}

// ---------------------------------------------------------------------------------------------
// constructors

interface Step {
  readonly codec: t.Decoder<unknown, unknown>
  readonly up?: (previous: unknown) => unknown
}

const historyOf = <A>(steps: ReadonlyArray<Step>): EventHistory<A> => {
  const current = steps.length
  return {
    current,
    codec: steps[current - 1]!.codec as t.Decoder<unknown, A>,
    read: (data, version) => {
      const name = steps[0]!.codec.name
      const ctx = (v: number): t.Context => [{ key: `data (${name} v${v})`, type: steps[v - 1]!.codec, actual: data }]
      if (!Number.isInteger(version) || version < 1 || version > current)
        return t.failure(data, [{ key: 'meta.schemaVersion', type: t.number, actual: version }], `a schema version of ${name} from 1 to ${current} (this contact-ledger reads no later one)`)
      let x = steps[version - 1]!.codec.validate(data, ctx(version))
      for (let v = version + 1; v <= current && x._tag === 'Right'; v++) x = steps[v - 1]!.codec.validate(steps[v - 1]!.up!(x.right), ctx(v))
      return x as t.Validation<A>
    },
    then: <B>(codec: t.Decoder<unknown, B>, up: (previous: A) => NoInfer<B>) =>
      historyOf<B>([...steps, { codec, up: up as (p: unknown) => unknown }]),
  }
}

/**
 * Starts an event type's history at version 1 with that version's codec; add versions with `then`.
 *
 * @example
 * const adviceHistory = eventHistory(AdviceV1)
 *   .then(AdviceV2, ({ reference, ...rest }) => ({ ...rest, references: [reference] }))
 * adviceHistory.current // 2
 * adviceHistory.read({ …, reference: 'R-1' }, 1) // Right({ …, references: ['R-1'] })
 */
export const eventHistory = <A>(codec: t.Decoder<unknown, A>): EventHistory<A> => historyOf<A>([{ codec }])

/**
 * The upcaster over a table of event histories; a type not in the table has one version, 1.
 * The register's own is `upcastStored` (over every family's `versions`); an embedder or a test
 * builds its own to read its own versions.
 *
 * @example
 * const { upcast } = upcasterOf({ ...eventVersions, VettingAdviceRecorded: adviceHistory })
 * upcast(storedV1Advice) // Right(the advice as version 2, meta.schemaVersion 2)
 */
export const upcasterOf = (versions: EventVersions): Upcaster => {
  const currentVersion = (type: string): number => (Object.hasOwn(versions, type) ? versions[type]!.current : 1)
  return {
    currentVersion,
    upcast: <E extends VersionedEvent>(e: E): t.Validation<E> => {
      const version = e.meta.schemaVersion
      const current = currentVersion(e.type)
      if (version === current) return t.success(e)
      const history = Object.hasOwn(versions, e.type) ? versions[e.type]! : undefined
      if (history === undefined)
        return t.failure(version, [{ key: 'meta.schemaVersion', type: t.number, actual: version }], `schema version 1 of ${e.type} (this contact-ledger reads no other)`)
      const data = history.read(e.data, version)
      return data._tag === 'Left' ? data : t.success(extend(e, { data: data.right, meta: extend(e.meta, { schemaVersion: current }) }) as unknown as E)
    },
  }
}
