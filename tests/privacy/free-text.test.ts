/**
 * Free texts sealed per record (rules 10 and 21): a contact's subject and officials and every
 * reason are ciphertext in the canonical entry, readable by an unsealing reader, gone after a
 * redaction; registers with plaintext texts from before still open.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { memoryEventStore, memoryKeyStore, memoryProcessingLog } from '../../adapters/memory/index.js'
import { encodeStored, tagsOf, type NewEvent, type StoredEvent } from '../../src/domain/events.js'
import type { RegisterState } from '../../src/domain/state.js'
import { hasFreeText, maskEvent, newRecordKey, SEALED_MARKER, sealEvent, sealedRecordsOf, unsealWith } from '../../src/privacy/free-text.js'
import { hasAnyFreeText, recordsToFetch, sealAnyEvent } from '../../src/privacy/proposal-texts.js'
import { createLedger, type Ledger } from '../../src/ledger/ledger.js'
import { fixedClock } from '../../src/ports/clock.js'
import { sequentialIds } from '../../src/ports/ids.js'
import { readTexts } from '../../src/privacy/texts.js'
import { CONTACT_1, DECISION_1, NOW, ORG_A, actors, cmd, rejection, run, grantFixtureRoles } from '../fixtures/domain.js'
import { openV1Copy } from '../versions/register-v1.js'
import { verifyLog } from '../../src/audit/index.js'
import { redactionTags } from '../../src/domain/tags.js'

const NAME = 'Ahmed Yilmaz'
const setup = async () => {
  const keys = memoryKeyStore()
  const store = memoryEventStore()
  const processingLog = memoryProcessingLog()
  await grantFixtureRoles(store)
  const ledger = createLedger({ store, keys, clock: fixedClock(NOW), ids: sequentialIds(), processingLog })
  return { keys, store, ledger, processingLog }
}
const contact = (extra: Record<string, unknown> = {}) =>
  cmd.contact([ORG_A], { contactId: CONTACT_1, subject: `Gesprek met imam ${NAME}`, officials: ['A. Jansen', 'B. de Vries (SZW)'], ...extra })
const redact = (recordId: string, reason = `verzoek van ${NAME}`) => ({ command: 'redactRecord', actor: actors.privacy, payload: { recordId, reason } })
const retract = { command: 'retractContact', actor: actors.official, payload: { contactId: CONTACT_1, reason: `dubbel ingevoerd door ${NAME}` } }

const allEvents = async (ledger: Ledger): Promise<ReadonlyArray<StoredEvent>> => {
  const r = await ledger.store.read({})()
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right
}
const shown = async (s: Awaited<ReturnType<typeof setup>>, unseal: boolean) => {
  const r = await readTexts(s.keys, await allEvents(s.ledger), { unseal })
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right.map((e) => JSON.stringify(e)).join('\n')
}

describe('free text sealed per record', () => {
  it('stores subject, officials and reasons as ciphertext under the contact key; an unsealing read shows them', async () => {
    const s = await setup()
    await run(s.ledger, cmd.registerOrganisation(), contact(), retract)
    const stored = JSON.stringify((await allEvents(s.ledger)).map(encodeStored))
    expect(stored).not.toContain(NAME)
    expect(stored).not.toContain('A. Jansen')
    const events = await allEvents(s.ledger)
    const recorded = events.find((e) => e.type === 'ContactRecorded')!
    expect(recorded.meta.schemaVersion).toBe(2)
    // found by a redaction through its contact tag: a contact's events carry no separate text tag
    expect(recorded.tags).toContain(`contact:${CONTACT_1}`)
    expect(recorded.tags).not.toContain(`text:${CONTACT_1}`)
    expect(recorded.data).toMatchObject({ subject: { sealed: 'A256GCM', record: CONTACT_1 }, officials: { sealed: 'A256GCM', record: CONTACT_1 } })
    const masked = await shown(s, false)
    expect(masked).not.toContain(NAME)
    expect(masked).toContain('"subject":{"sealed":true}')
    const open = await shown(s, true)
    expect(open).toContain(`"subject":"Gesprek met imam ${NAME}"`)
    expect(open).toContain('"officials":["A. Jansen","B. de Vries (SZW)"]')
    expect(open).toContain(`"reason":"dubbel ingevoerd door ${NAME}"`)
  })

  it('still checks the plaintext before sealing: a partnership contact needs a subject, a text over 2000 characters is refused', async () => {
    const s = await setup()
    await run(s.ledger, cmd.registerOrganisation())
    expect((await rejection(s.ledger, cmd.contact([ORG_A], { category: 'partnership' })))._tag).toBe('DecodeError')
    expect((await rejection(s.ledger, cmd.contact([ORG_A], { subject: 'x'.repeat(2001) })))._tag).toBe('DecodeError')
  })

  it('a recording and its correction in one batch share the contact key', async () => {
    const s = await setup()
    await run(s.ledger, cmd.registerOrganisation())
    const correct = { command: 'correctContact', actor: actors.official, payload: { contactId: CONTACT_1, subject: `Vervolg met ${NAME}`, reason: 'typfout' } }
    const r = await s.ledger.executeBatch([contact(), correct])
    expect(E.isRight(r)).toBe(true)
    const open = await shown(s, true)
    expect(open).toContain(`"subject":"Vervolg met ${NAME}"`)
    expect(open).toContain('"reason":"typfout"')
  })

  it('a record\u2019s key is found whatever the decision read: an organisation\u2019s rename, correction and withdrawn endorsement share its key', async () => {
    const s = await setup()
    await run(
      s.ledger,
      cmd.registerOrganisation(),
      cmd.endorse(),
      { command: 'renameOrganisation', actor: actors.coordinator, payload: { organisationId: ORG_A, name: 'Stichting Samen Verder West', effectiveOn: '2025-01-01', reason: `op verzoek van ${NAME}` } },
      { command: 'withdrawEndorsement', actor: actors.coordinator, payload: { organisationId: ORG_A, withdrawnOn: '2025-02-01', reason: `brief van ${NAME}` } },
      { command: 'correctOrganisation', actor: actors.coordinator, payload: { organisationId: ORG_A, municipality: 'Zaanstad', reason: `gemeld door ${NAME}` } },
    )
    const open = await shown(s, true)
    for (const text of [`op verzoek van ${NAME}`, `brief van ${NAME}`, `gemeld door ${NAME}`]) expect(open).toContain(text)
    await run(s.ledger, redact(ORG_A))
    const after = await shown(s, true)
    for (const text of [`op verzoek van ${NAME}`, `brief van ${NAME}`, `gemeld door ${NAME}`]) expect(after).not.toContain(text)
  })

  it('refuses free text on a register without a key store, and appends nothing', async () => {
    const fresh = memoryEventStore()
    await grantFixtureRoles(fresh)
    const ledger = createLedger({ store: fresh, clock: fixedClock(NOW), ids: sequentialIds() })
    await run(ledger, cmd.registerOrganisation())
    const r = await rejection(ledger, contact())
    expect(r.message).toContain('no key store')
    expect(E.isRight(await ledger.store.size()()) && (await ledger.store.size()()) ).toBeTruthy()
  })
})

describe('redactRecord', () => {
  it('destroys the record key after the append: the texts read as [redacted], the log still holds the same entries, a processing record is written', async () => {
    const s = await setup()
    await run(s.ledger, cmd.registerOrganisation(), contact(), retract)
    const before = JSON.stringify((await allEvents(s.ledger)).map(encodeStored))
    const [receipt] = await run(s.ledger, redact(CONTACT_1))
    expect(receipt!.events[0]!.type).toBe('RecordRedacted')
    const after = (await allEvents(s.ledger)).slice(0, -1)
    expect(JSON.stringify(after.map(encodeStored))).toBe(before)
    const open = await shown(s, true)
    expect(open).not.toContain('imam')
    expect(open).not.toContain('dubbel ingevoerd')
    expect(open).toContain('"subject":"[redacted]"')
    expect(open).toContain('"officials":["[redacted]"]')
    expect(E.isRight(await s.keys.get(`text:${CONTACT_1}`)()) && (await s.keys.get(`text:${CONTACT_1}`)())).toEqual(E.right(null))
    expect(s.processingLog.records.map((r) => r.name)).toContain('redact-record')
    // the redaction's own reason is sealed too (it may name the person), under the redaction's causation id
    const redaction = (await allEvents(s.ledger)).at(-1)!
    expect(JSON.stringify(redaction.data)).not.toContain(NAME)
    expect(open).toContain(`"reason":"verzoek van ${NAME}"`)
  })

  it('refuses an unknown record, one already redacted, and a role other than privacy-officer', async () => {
    const s = await setup()
    await run(s.ledger, cmd.registerOrganisation(), contact())
    expect((await rejection(s.ledger, redact('99999999-0000-4000-8000-000000000099')))._tag).toBe('UnknownRecord')
    expect((await rejection(s.ledger, { ...redact(CONTACT_1), actor: actors.official }))._tag).toBe('Unauthorized')
    await run(s.ledger, redact(CONTACT_1))
    const again = await rejection(s.ledger, redact(CONTACT_1))
    expect(again._tag).toBe('AlreadyRedacted')
    expect(again.message).toContain(CONTACT_1)
  })
})

describe('a register written before sealing (the v1 fixture, rule 22)', () => {
  it('opens and verifies; its plaintext texts stay as history (shown as they are, not redactable); new texts on it are sealed', async () => {
    const opened = await openV1Copy()
    try {
      const events = await opened.store.read()()
      if (E.isLeft(events)) throw new Error(events.left.message)
      const old = events.right.find((e) => e.type === 'ContactRecorded' && typeof (e.data as { subject?: unknown }).subject === 'string')!
      const oldSubject = (old.data as { subject: string }).subject
      const masked = await readTexts(opened.keys, events.right, { unseal: false })
      expect(E.isRight(masked) && JSON.stringify(masked.right)).toContain(JSON.stringify(oldSubject))
      await grantFixtureRoles(opened.store)
      const ledger = createLedger({ store: opened.store, keys: opened.keys, clock: fixedClock('2026-06-01T10:00:00Z'), ids: sequentialIds('00000019') })
      const contactId = (old.data as { contactId: string }).contactId
      const refused = await rejection(ledger, redact(contactId))
      expect(refused._tag).toBe('UnknownRecord')
      expect(refused.message).toContain('plaintext history')
      const orgId = (old.data as { organisationIds: string[] }).organisationIds[0]!
      const [fresh] = await run(ledger, { ...cmd.contact([orgId], { subject: `Nieuw gesprek met ${NAME}`, occurredOn: '2026-05-01' }), actor: actors.official })
      expect(fresh!.events[0]!.meta.schemaVersion).toBe(2)
      expect(JSON.stringify(fresh!.events[0]!.data)).not.toContain(NAME)
      const verified = await verifyLog(opened.store)()
      expect(E.isRight(verified) && verified.right._tag).toBe('Verified')
    } finally {
      await opened.close()
    }
  })

  it('a sealed event carries exactly the tags its sealed form has (its stamped ones, and its record\'s text tag unless its contact tag names the record), for every event type with free text in the v1 fixture', async () => {
    const opened = await openV1Copy()
    try {
      const events = await opened.store.read()()
      if (E.isLeft(events)) throw new Error(events.left.message)
      const withText = events.right.filter(hasFreeText)
      const types = new Set(withText.map((e) => e.type))
      expect(types.size).toBeGreaterThanOrEqual(8)
      const keys = new Map<string, Uint8Array>()
      const keyOf = (r: string): Uint8Array => keys.get(r) ?? (keys.set(r, newRecordKey()), keys.get(r)!)
      for (const e of withText) {
        const sealed = sealEvent(keyOf, e)
        expect(sealed.tags).toEqual(tagsOf(sealed))
        // a redaction of the record reads its text tag and its contact tag: one of them finds the event
        const [record] = [...sealedRecordsOf([sealed])]
        const found = redactionTags(record!).filter((t) => sealed.tags.includes(t))
        expect(found).toHaveLength(1)
        expect(sealed.tags.filter((t) => t.startsWith('text:'))).toHaveLength(found[0]!.startsWith('text:') ? 1 : 0)
      }
    } finally {
      await opened.close()
    }
  })
})

describe('free texts nested in a proposal payload (rules 19 and 21)', () => {
  const PROPOSAL = 'd5000000-0000-4000-8000-0000000000d5'
  const ORG_NEW = '0c000000-0000-4000-8000-00000000000c'
  const made = (command: string, payload: Record<string, unknown>): NewEvent =>
    ({ type: 'ProposalMade', data: { proposalId: PROPOSAL, command, payload, role: 'coordinator', proposedBy: actors.official }, meta: {} as NewEvent['meta'], tags: [] }) as unknown as NewEvent
  const ring = () => {
    const keys = new Map<string, Uint8Array>()
    return { keys, keyOf: (r: string) => keys.get(r) ?? (keys.set(r, newRecordKey()), keys.get(r)!) }
  }

  it("seals a correction's reason, subject, officials and breach reason under the contact, a registration's distinctFrom reasons under the new organisation", () => {
    const { keys, keyOf } = ring()
    const correction = sealAnyEvent(
      keyOf,
      made('correctContact', { contactId: CONTACT_1.toUpperCase(), category: 'signalling', reason: `melding ${NAME}`, subject: `over ${NAME}`, officials: [NAME], breach: { reason: `te laat, ${NAME}` } }),
    )
    expect(JSON.stringify(correction.data)).not.toContain(NAME)
    expect(correction.data).toMatchObject({ payload: { category: 'signalling', breach: { reason: { sealed: 'A256GCM', record: CONTACT_1 } }, officials: { record: CONTACT_1 } } })
    expect(correction.tags).toEqual(expect.arrayContaining([`proposal:${PROPOSAL}`, `text:${CONTACT_1}`]))
    expect(hasAnyFreeText(made('correctContact', { contactId: CONTACT_1, reason: 'x' }))).toBe(true)
    const registration = sealAnyEvent(
      keyOf,
      made('registerOrganisation', { organisationId: ORG_NEW, name: 'Moskee Al Fath', distinctFrom: [{ organisationId: ORG_A, reason: `andere stad, zegt ${NAME}` }] }),
    )
    expect(JSON.stringify(registration.data)).not.toContain(NAME)
    expect(registration.data).toMatchObject({ payload: { name: 'Moskee Al Fath', distinctFrom: [{ organisationId: ORG_A, reason: { record: ORG_NEW } }] } })
    // shareReportConfidentially has no free text: unchanged
    const share = made('shareReportConfidentially', { reportId: ORG_A, sharedOn: '2025-01-01', recipientId: ORG_NEW })
    expect(sealAnyEvent(keyOf, share)).toBe(share)
    expect(hasAnyFreeText(share)).toBe(false)
    // readers: the marker without unsealing, the texts with the keys, [redacted] without them
    expect(JSON.stringify(maskEvent(correction, () => SEALED_MARKER).data)).toContain('"breach":{"reason":{"sealed":true}}')
    expect(sealedRecordsOf([correction, registration])).toEqual(new Set([CONTACT_1, ORG_NEW]))
    const open = JSON.stringify(unsealWith(new Map([...keys]), [correction, registration]).map((e) => e.data))
    for (const text of [`melding ${NAME}`, `te laat, ${NAME}`, `andere stad, zegt ${NAME}`]) expect(open).toContain(text)
    const gone = JSON.stringify(unsealWith(new Map([[CONTACT_1, null]]), [correction]).map((e) => e.data))
    expect(gone).not.toContain(NAME)
    expect(gone).toContain('"officials":["[redacted]"]')
  })

  it('a confirmation fetches the keys of the records its proposal holds texts of', () => {
    const { keyOf } = ring()
    const sealed = sealAnyEvent(keyOf, made('decideExclusion', { decisionId: DECISION_1, organisationId: ORG_A, rationale: `bron ${NAME}` }))
    const payload = (sealed.data as { payload: Record<string, unknown> }).payload
    const state = { sealedTexts: { [DECISION_1]: { first: 3 } }, proposals: { [PROPOSAL]: { payload } } } as unknown as RegisterState
    expect(recordsToFetch({ proposalId: PROPOSAL.toUpperCase() }, state)).toEqual([DECISION_1])
    expect(recordsToFetch({ proposalId: 'd6000000-0000-4000-8000-0000000000d6' }, state)).toEqual([])
  })
})
