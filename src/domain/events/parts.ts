/**
 * Codecs that are parts of several events and of the state: sealed personal data, an exclusion's
 * ground, a report's parameters. They sit apart so that the state can name them without importing
 * the event families (which import the state to evolve it).
 */
import * as t from 'io-ts'
import { closed } from '../codec.js'
import { ExclusionGround, IsoDate, Language, NonEmptyString, ReportFormat, Year } from '../values.js'

/** Personal data sealed with AES-256-GCM under the person's own key (base64 fields). */
export const Sealed = closed('Sealed', {
  alg: t.literal('A256GCM'),
  iv: t.string,
  ciphertext: t.string,
  tag: t.string,
})
export type Sealed = t.TypeOf<typeof Sealed>

/** One ground of an exclusion decision with the evidence it cites (rule 3). */
export const Ground = closed('Ground', { ground: ExclusionGround, evidenceRefs: t.readonlyArray(NonEmptyString) })
export type Ground = t.TypeOf<typeof Ground>

/** The parameters a report snapshot was rendered with. */
export const ReportParameters = closed(
  'ReportParameters',
  { format: ReportFormat, language: Language },
  { year: Year, since: IsoDate, until: IsoDate },
)
export type ReportParameters = t.TypeOf<typeof ReportParameters>
