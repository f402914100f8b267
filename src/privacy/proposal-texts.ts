/**
 * Free texts inside four-eyes proposals (rules 19 and 21): a ProposalMade keeps its command's
 * payload, and the payload's free texts are sealed where they sit, under the key of the record
 * the effect will belong to (the decision, contact or organisation the payload names, its id
 * filled in before the decision), so a redaction of that record reaches the proposal's copy too.
 * A confirmation fetches that record's key, opens the payload before deciding, and the effect's
 * texts are sealed under the same key again.
 */
import { tagsOf, type NewEvent } from '../domain/events.js'
import { forEachNestedSealed, mapNestedSealed } from '../domain/events/sealed-values.js'
import type { RegisterState } from '../domain/state.js'
import { hasFreeText, openText, REDACTED, sealedRecordsOfCommand, sealEvent, sealNested, sealText, type KeyOf } from './free-text.js'

// ---------------------------------------------------------------------------------------------
// model

/** Where a proposed command's free texts are in its payload: top-level fields and lists of objects with a text field. */
interface ProposalTexts {
  /** The payload field naming the record the effect belongs to. */
  readonly record: string
  readonly fields: ReadonlyArray<string>
  /** Fields holding an object, or a list of objects, whose named fields are free text. */
  readonly nested?: Readonly<Record<string, ReadonlyArray<string>>>
}

/** The commands that may be proposals and have free text (shareReportConfidentially has none). */
export const PROPOSAL_TEXT_FIELDS: Readonly<Record<string, ProposalTexts>> = {
  decideExclusion: { record: 'decisionId', fields: ['rationale'] },
  liftExclusion: { record: 'decisionId', fields: ['rationale'] },
  correctContact: { record: 'contactId', fields: ['reason', 'subject', 'officials'], nested: { breach: ['reason'] } },
  correctOrganisation: { record: 'organisationId', fields: ['reason'] },
  registerOrganisation: { record: 'organisationId', fields: [], nested: { distinctFrom: ['reason'] } },
}

// ---------------------------------------------------------------------------------------------
// utils

const isPlain = (v: unknown): boolean => typeof v === 'string' || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string'))

/** A proposed command's payload with its free texts sealed by `seal`: its top-level fields, then its nested ones. */
const sealPayload = (spec: ProposalTexts, payload: Readonly<Record<string, unknown>>, seal: (v: unknown) => unknown): Readonly<Record<string, unknown>> => {
  let out: Record<string, unknown> | undefined
  for (const f of spec.fields) if (isPlain(payload[f])) (out ??= { ...payload })[f] = seal(payload[f])
  return spec.nested === undefined ? (out ?? payload) : sealNested(out ?? payload, spec.nested, seal)
}

// ---------------------------------------------------------------------------------------------
// sealing

/**
 * A ProposalMade with its payload's free texts sealed under the key of the record its effect will
 * belong to (and its tags recomputed); any other event as `sealEvent` seals it.
 *
 * @example
 * const sealed = sealAnyEvent(keyOf, proposalMadeEvent) // payload.rationale now SealedText under text:<decisionId>
 */
export const sealAnyEvent = <E extends NewEvent>(keyOf: KeyOf, e: E): E => {
  if (e.type !== 'ProposalMade') return sealEvent(keyOf, e)
  const data = e.data as { readonly command: string; readonly payload: Readonly<Record<string, unknown>> }
  const spec = PROPOSAL_TEXT_FIELDS[data.command]
  if (spec === undefined || typeof data.payload[spec.record] !== 'string') return e
  const record = (data.payload[spec.record] as string).toLowerCase()
  let key: Uint8Array | undefined
  const payload = sealPayload(spec, data.payload, (v) => sealText((key ??= keyOf(record)), record, v))
  if (payload === data.payload) return e
  const next = { ...e, data: { ...data, payload } } as E
  return { ...next, tags: tagsOf(next) }
}

/**
 * Whether an event has free text that sealing would cover, a proposal's payload included.
 *
 * @example
 * hasAnyFreeText(proposalMadeEvent) // true when its decideExclusion payload has a rationale
 */
export const hasAnyFreeText = (e: NewEvent): boolean => {
  if (e.type !== 'ProposalMade') return hasFreeText(e)
  const data = e.data as { readonly command: string; readonly payload: Readonly<Record<string, unknown>> }
  const spec = PROPOSAL_TEXT_FIELDS[data.command]
  return spec !== undefined && sealPayload(spec, data.payload, () => null) !== data.payload
}

/**
 * The records whose keys a command's decision may seal under or open: those its payload names
 * (`sealedRecordsOfCommand`), and for a command naming a proposal (a confirmation), the records
 * whose texts the proposal's payload holds.
 *
 * @example
 * recordsToFetch({ proposalId }, state) // [decisionId] for a sealed decideExclusion proposal
 */
export const recordsToFetch = (payload: unknown, state: Pick<RegisterState, 'sealedTexts' | 'proposals'>): ReadonlyArray<string> => {
  const named = sealedRecordsOfCommand(payload, state)
  const id = (payload as { readonly proposalId?: unknown }).proposalId
  const proposal = typeof id === 'string' ? state.proposals?.[id.toLowerCase()] : undefined
  if (proposal === undefined) return named
  const records = new Set(named)
  forEachNestedSealed(proposal.payload, (s) => records.add(s.record))
  return [...records]
}

/**
 * Opens the sealed texts inside a value with the keys at hand (`[redacted]`, or `['[redacted]']`
 * for officials, where a record's key is gone): how a confirmation reads its proposal's payload.
 *
 * @example
 * const open = openerWith((record) => ring.known(record)); open(proposal.payload).rationale // 'Besluit …'
 */
export const openerWith =
  (keyOf: (record: string) => Uint8Array | undefined) =>
  (value: unknown): unknown =>
    mapNestedSealed(value, (s, field) => openText(keyOf(s.record), s) ?? (field === 'officials' ? [REDACTED] : REDACTED))
