/**
 * `evolve`: the pure fold of stored events into `RegisterState`, written with immer; each event's
 * case lives with its family (`events/<family>.ts`).
 * Fold many events inside one `produce` (`evolveAll`): one `produce` per event into a large
 * state costs hundreds of times more.
 */
import { produce, type Draft } from 'immer'
import { eventBehaviour, readAsCurrent, type StoredEvent } from './events.js'
import type { EventBehaviour } from './events/family.js'
import { isSealedText } from './events/parts.js'
import { forEachNestedSealed } from './events/sealed-values.js'
import { initialState, type RegisterState } from './state.js'

// ---------------------------------------------------------------------------------------------
// combinators

/** Rule 21: the records whose free texts an event sealed, so a redaction can tell a record with sealed text. */
const noteSealed = (s: S, data: Readonly<Record<string, unknown>>, position: number): void => {
  const note = (record: string): void => {
    if (s.sealedTexts === undefined) s.sealedTexts = {}
    const r = s.sealedTexts[record]
    if (r === undefined) s.sealedTexts[record] = { first: position }
    // a text sealed after a redaction (under a new key) can be redacted again
    else if (r.redacted !== undefined && position > r.redacted.position) s.sealedTexts[record] = { first: r.first }
  }
  for (const k in data) {
    const v = data[k]
    if (typeof v !== 'object' || v === null) continue
    if (!Array.isArray(v) && isSealedText(v)) note(v.record)
    // a proposal's payload holds its command's texts, sealed where they sit
    else forEachNestedSealed(v, (sealed) => note(sealed.record))
  }
}

type S = Draft<RegisterState>

/**
 * Applies one event to an immer draft of the state, by its family's evolve case, read as its
 * type's current schema version (rule 22). For folds that
 * interleave decisions with events (an atomic batch): decide against the draft, apply, decide the
 * next, in one draft.
 *
 * @example
 * const draft = createDraft(state); applyToDraft(draft, e); const next = finishDraft(draft)
 */
export const applyToDraft = (s: S, stored: StoredEvent): void => {
  const e = readAsCurrent(stored)
  const behaviour = eventBehaviour[e.type] as EventBehaviour<unknown>
  behaviour.evolve(s, e.data, { position: e.position, recordedAt: e.meta.recordedAt })
  noteSealed(s, e.data as Readonly<Record<string, unknown>>, e.position)
  s.size = Math.max(s.size, e.position + 1)
}

// ---------------------------------------------------------------------------------------------
// folds

/**
 * Folds a batch of stored events, in position order, into the state, inside one `produce`.
 *
 * @example
 * const state = evolveAll(initialState, await readAll(store))
 * state.organisations[id]?.name
 */
export const evolveAll = (state: RegisterState, events: ReadonlyArray<StoredEvent>): RegisterState =>
  events.length === 0
    ? state
    : produce(state, (draft) => {
        for (const e of events) applyToDraft(draft, e)
      })

/**
 * Folds one stored event into the state.
 *
 * @example
 * const next = evolve(initialState, stored)
 */
export const evolve = (state: RegisterState, e: StoredEvent): RegisterState => evolveAll(state, [e])

/** Replays events from the empty register. @example replay(events).size === events.length */
export const replay = (events: ReadonlyArray<StoredEvent>): RegisterState => evolveAll(initialState, events)

/**
 * A fresh copy of the empty state: its empty tables made new (cheaper than `structuredClone`);
 * a field holding anything else than an empty table or a scalar is cloned.
 */
const freshState = (): S => {
  const s: Record<string, unknown> = {}
  for (const k in initialState) {
    const v = (initialState as unknown as Record<string, unknown>)[k]
    s[k] = typeof v !== 'object' || v === null ? v : Array.isArray(v) && v.length === 0 ? [] : isEmptyTable(v) ? {} : structuredClone(v)
  }
  return s as S
}

const isEmptyTable = (v: object): boolean => {
  if (Object.getPrototypeOf(v) !== Object.prototype) return false
  for (const _ in v) return false
  return true
}

/**
 * Folds events into a fresh state that the caller owns alone, mutably and without immer: the
 * ledger's working state for one decision, read from a few events and thrown away after. The
 * same `applyToDraft` as every other fold, so the state is the one `evolveAll` gives; only the
 * copy-on-write and freezing are skipped, which is most of the cost for small folds. Never hand
 * the result to code that keeps it: use `evolveAll` for states that are shared.
 *
 * @example
 * const scratch = foldScratch(eventsOfOneOrganisation) // equals evolveAll(initialState, same)
 */
export const foldScratch = (events: ReadonlyArray<StoredEvent>): S => {
  const s = freshState()
  for (const e of events) applyToDraft(s, e)
  return s
}
