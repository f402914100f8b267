/**
 * An event family: the codecs of a few related event types and, for each, how it folds into the
 * state (`evolve`), which entities it is tagged with, and the business date it is about. The
 * aggregate tables of `events.ts` (`eventData`, `tagsOf`, `businessDateOfEvent`) and the fold
 * in `evolve.ts` are derived from the families.
 */
import type * as t from 'io-ts'
import type { Draft } from 'immer'
import type { Provenance, RegisterState } from '../state.js'
import type { EventHistory } from '../versions.js'

// ---------------------------------------------------------------------------------------------
// model

/** The data codecs of a family, by event type. */
export type Codecs = Readonly<Record<string, t.Mixed>>

/** What the register knows about one event type besides its codec. */
export interface EventBehaviour<D> {
  /** Folds the event's data into a draft of the state; `at` is where the event entered the log. */
  evolve(s: Draft<RegisterState>, data: D, at: Provenance): void
  /** The tags of the event, from its data alone. */
  tags(data: D): ReadonlyArray<string>
  /** The business date the event is about (rule 11); absent when only the recording date applies. */
  businessDate?(data: D): string | undefined
}

/** A family of event types: their codecs and their behaviour. */
export interface EventFamily<C extends Codecs> {
  readonly codecs: C
  readonly behaviour: { readonly [K in keyof C]: EventBehaviour<t.TypeOf<C[K]>> }
  /**
   * The schema history of each event type that has had more than one version (rule 22): every
   * version's codec and the upcaster from the one before; its current codec is the one in
   * `codecs`. A type left out has one version, 1. See ARCHITECTURE.md, "Versions".
   */
  readonly versions?: { readonly [K in keyof C]?: EventHistory<t.TypeOf<C[K]>> }
}

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * Declares an event family, checking that each event type has its evolve case and its tags.
 *
 * @example
 * export const reportFamily = defineFamily({
 *   codecs: { ReportPublished },
 *   behaviour: { ReportPublished: { evolve: (s, d, at) => …, tags: (d) => [reportTag(d.reportId)], businessDate: (d) => d.publishedOn } },
 * })
 */
export const defineFamily = <C extends Codecs>(family: EventFamily<C>): EventFamily<C> => family
