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

/**
 * A free text (a subject, officials, a reason, a rationale, a note) sealed with AES-256-GCM under
 * its record's own key (rules 10 and 21); `record` names the record (a contact, a decision, an
 * advice, an organisation, or the event's own causation id) whose key opens it and is bound in as
 * associated data. Redaction destroys that key.
 */
export const SealedText = closed('SealedText', {
  sealed: t.literal('A256GCM'),
  record: t.string,
  iv: t.string,
  ciphertext: t.string,
  tag: t.string,
})
export type SealedText = t.TypeOf<typeof SealedText>

/** A free text as stored: sealed (written from schema versions that seal) or plaintext (history, rule 22). */
export const FreeText = t.union([NonEmptyString, SealedText], 'FreeText')
export type FreeText = t.TypeOf<typeof FreeText>

/** A list of free texts (a contact's officials), sealed as one, or plaintext history. */
export const FreeTexts = t.union([t.readonlyArray(NonEmptyString), SealedText], 'FreeTexts')
export type FreeTexts = t.TypeOf<typeof FreeTexts>

/**
 * Whether a stored value is a sealed free text.
 *
 * @example
 * isSealedText({ sealed: 'A256GCM', record: id, iv, ciphertext, tag }) // true
 */
export const isSealedText = (v: unknown): v is SealedText =>
  typeof v === 'object' && v !== null && (v as { sealed?: unknown }).sealed === 'A256GCM' && typeof (v as { record?: unknown }).record === 'string'

/** What a sealed text shows where it is not unsealed (the marker `log` prints too). */
export const SEALED_MARK = '[sealed]'

/**
 * A free text as a string for a reader that does not unseal: plaintext history as it is, a sealed
 * text as `[sealed]` (readers that may unseal replace sealed texts before they fold).
 *
 * @example
 * shownText('Taalcoaches') // 'Taalcoaches'
 * shownText(sealedText)    // '[sealed]'
 */
export const shownText = (v: FreeText): string => (typeof v === 'string' ? v : SEALED_MARK)
