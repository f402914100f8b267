/**
 * The free texts issue 19 left in plaintext (rules 18, 21, 23): a grant's and a revocation's
 * reason, and the reasons a name-alike registration gives (`distinctFrom[].reason`, at once and as
 * a confirmed proposal). Each is ciphertext in the canonical entry; `log` without unsealing shows
 * the marker; an unsealing reader and the auditor's view unsealed see the text; redaction destroys
 * it; the reports that leave the ministry never show it; entries written before (plaintext, schema
 * version 1) are still read.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { memoryEventStore, memoryKeyStore, memoryProcessingLog } from '../../adapters/memory/index.js'
import { verifyLog } from '../../src/audit/index.js'
import { decodeStored, encodeStored, type StoredEvent } from '../../src/domain/events.js'
import { rolesOf } from '../../src/domain/policies/roles.js'
import { evolveAll } from '../../src/domain/evolve.js'
import { initialState } from '../../src/domain/state.js'
import { createLedger } from '../../src/ledger/ledger.js'
import { renderAt } from '../../src/ledger/reports.js'
import { fixedClock } from '../../src/ports/clock.js'
import { sequentialIds } from '../../src/ports/ids.js'
import { readTexts, unsealingStore } from '../../src/privacy/texts.js'
import { grantCommands } from '../../src/testing/roles.js'
import { ADMIN, CONTACT_1, NOW, ORG_A, actors, cmd, rejection, run, seconds } from '../fixtures/domain.js'

/** The fixture actors and the second actor of each role (who confirms proposals), granted. */
const GRANTS = grantCommands([...Object.values(actors), ...Object.values(seconds)].map((a) => [a.id, a.role] as never), ADMIN.id)

const NAME = 'Fatima El Amrani'
const ORG_TWIN = '0c000000-0000-4000-8000-00000000000c'
const ORG_THIRD = '0d000000-0000-4000-8000-00000000000d'

const setup = async () => {
  const keys = memoryKeyStore()
  const store = memoryEventStore()
  const processingLog = memoryProcessingLog()
  const ledger = createLedger({ store, keys, clock: fixedClock(NOW), ids: sequentialIds(), processingLog })
  await run(ledger, ...GRANTS)
  return { keys, store, ledger, processingLog }
}
type Setup = Awaited<ReturnType<typeof setup>>

const grant = (reason: string) => ({ command: 'grantRole', actor: ADMIN, payload: { actorId: 'i.invaller', role: 'official', grantedOn: '2025-05-01', reason } })
const revoke = (reason: string) => ({ command: 'revokeRole', actor: ADMIN, payload: { actorId: 'i.invaller', role: 'official', revokedOn: '2025-06-01', reason } })
const twin = (organisationId: string, distinctFrom: unknown) => ({
  ...cmd.registerOrganisation(organisationId),
  payload: { ...cmd.registerOrganisation(organisationId).payload, distinctFrom },
})

const allEvents = async (s: Setup): Promise<ReadonlyArray<StoredEvent>> => {
  const r = await s.store.read({})()
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right
}
const shown = async (s: Setup, unseal: boolean): Promise<string> => {
  const r = await readTexts(s.keys, await allEvents(s), { unseal })
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right.map((e) => JSON.stringify(e)).join('\n')
}
const text = async (r: Promise<E.Either<{ readonly message: string }, { readonly text: string }>>): Promise<string> => {
  const got = await r
  if (E.isLeft(got)) throw new Error(got.left.message)
  return got.right.text
}

describe("a grant's and a revocation's reason (rules 18 and 21)", () => {
  it('is sealed under the event\u2019s own record (its causation id); the grant still holds; log shows the marker, an unsealing reader the text', async () => {
    const s = await setup()
    const [granted, revoked] = await run(s.ledger, grant(`invaller voor ${NAME} (ziek)`), revoke(`${NAME} is terug`))
    const stored = JSON.stringify((await allEvents(s)).map(encodeStored))
    expect(stored).not.toContain(NAME)
    const g = granted!.events[0]!
    expect(g.meta.schemaVersion).toBe(2)
    expect(g.data).toMatchObject({ actorId: 'i.invaller', role: 'official', reason: { sealed: 'A256GCM', record: g.meta.causationId } })
    expect(g.tags).toContain(`text:${g.meta.causationId}`)
    // the grants still work: official from 2025-05-01 until the revocation on 2025-06-01
    const state = await s.ledger.state()
    if (E.isLeft(state)) throw new Error(state.left.message)
    expect(rolesOf(state.right, 'i.invaller', '2025-05-15')).toEqual(['official'])
    expect(rolesOf(state.right, 'i.invaller', '2025-06-01')).toEqual([])
    const masked = await shown(s, false)
    expect(masked).not.toContain(NAME)
    expect(masked).toContain('"actorId":"i.invaller","role":"official","grantedOn":"2025-05-01","reason":{"sealed":true}')
    const open = await shown(s, true)
    expect(open).toContain(`"reason":"invaller voor ${NAME} (ziek)"`)
    expect(open).toContain(`"reason":"${NAME} is terug"`)
    expect(revoked!.events[0]!.data).toMatchObject({ reason: { record: revoked!.events[0]!.meta.causationId } })
  })

  it("the auditor's view shows [sealed], unsealed the reason; redaction leaves [redacted]; the log still verifies", async () => {
    const s = await setup()
    const [granted] = await run(s.ledger, grant(`invaller voor ${NAME}`))
    const audit = (store = s.store) => text(renderAt(store, { kind: 'audit-view' }, { format: 'json' }))
    const sealedView = await audit()
    expect(sealedView).toContain('i.invaller')
    expect(sealedView).not.toContain(NAME)
    expect(sealedView).toContain('[sealed]')
    expect(await audit(unsealingStore(s.store, s.keys))).toContain(`invaller voor ${NAME}`)
    await run(s.ledger, { command: 'redactRecord', actor: actors.privacy, payload: { recordId: granted!.events[0]!.meta.causationId, reason: 'bewaartermijn' } })
    const after = await audit(unsealingStore(s.store, s.keys))
    expect(after).not.toContain(NAME)
    expect(after).toContain('[redacted]')
    expect(await shown(s, true)).not.toContain(NAME)
    expect(s.processingLog.records.map((r) => r.name)).toContain('redact-record')
    const verified = await verifyLog(s.store)()
    expect(E.isRight(verified) && verified.right._tag).toBe('Verified')
  })

  it('a grant without a reason has no text to seal and no record; a register without a key store refuses a reason and appends nothing', async () => {
    const s = await setup()
    const [bare] = await run(s.ledger, { ...grant('x'), payload: { actorId: 'i.invaller', role: 'official', grantedOn: '2025-05-01' } })
    expect(bare!.events[0]!.tags.some((t) => t.startsWith('text:'))).toBe(false)
    const store = memoryEventStore()
    const keyless = createLedger({ store, clock: fixedClock(NOW), ids: sequentialIds() })
    await run(keyless, ...GRANTS)
    const size = await store.size()()
    const r = await rejection(keyless, grant(`invaller voor ${NAME}`))
    expect(r.message).toContain('no key store')
    expect(await store.size()()).toEqual(size)
  })
})

describe("a name-alike registration's reasons (rules 21 and 23)", () => {
  it('are sealed under the new organisation at once, and in the effect a second coordinator confirms; redaction of the organisation destroys them', async () => {
    const s = await setup()
    await run(s.ledger, cmd.registerOrganisation(), twin(ORG_TWIN, { organisationId: ORG_A, reason: `andere stad, voorzitter ${NAME}` }))
    // the original is excluded: a name-alike of it is a proposal, confirmed by c.vos (run confirms it)
    await run(s.ledger, cmd.statement(), cmd.exclude())
    const [confirmed] = await run(s.ledger, twin(ORG_THIRD, [{ organisationId: ORG_A, reason: `ander bestuur: ${NAME}` }, { organisationId: ORG_TWIN, reason: 'andere wijk' }]))
    const effect = confirmed!.events.find((e) => e.type === 'OrganisationRegistered')!
    expect(effect.meta.schemaVersion).toBe(2)
    expect(effect.data).toMatchObject({ distinctFrom: [{ organisationId: ORG_A, reason: { sealed: 'A256GCM', record: ORG_THIRD } }, { organisationId: ORG_TWIN, reason: { record: ORG_THIRD } }] })
    const stored = JSON.stringify((await allEvents(s)).map(encodeStored))
    expect(stored).not.toContain(NAME)
    expect(stored).not.toContain('andere wijk')
    const masked = await shown(s, false)
    expect(masked).toContain(`"distinctFrom":[{"organisationId":"${ORG_A}","reason":{"sealed":true}}]`)
    const open = await shown(s, true)
    for (const t of [`andere stad, voorzitter ${NAME}`, `ander bestuur: ${NAME}`, 'andere wijk']) expect(open).toContain(t)
    // the public overview and the confidential list never show it, and render the same bytes after the redactions
    const at = (await allEvents(s)).length
    const reports = async () =>
      [
        await text(renderAt(s.store, { kind: 'annual-overview', year: 2025 }, { format: 'csv', at })),
        await text(renderAt(s.store, { kind: 'confidential-contact-list' }, { format: 'md', at })),
      ].join('\n')
    const before = await reports()
    expect(before).not.toContain(NAME)
    await run(
      s.ledger,
      { command: 'redactRecord', actor: actors.privacy, payload: { recordId: ORG_TWIN, reason: 'verzoek' } },
      { command: 'redactRecord', actor: actors.privacy, payload: { recordId: ORG_THIRD, reason: 'verzoek' } },
    )
    const gone = await shown(s, true)
    expect(gone).not.toContain(NAME)
    expect(gone).not.toContain('andere wijk')
    expect(gone).toContain('"reason":"[redacted]"')
    expect(await reports()).toBe(before)
  })
})

describe('entries written before these texts were sealed (schema version 1, rule 22)', () => {
  const META = { recordedAt: NOW, businessDate: '2025-01-01', correlationId: '0e000000-0000-7000-8000-000000000001', causationId: '0e000000-0000-7000-8000-000000000001', schemaVersion: 1 }
  const old = (position: number, type: string, data: unknown, command: string, actor: { id: string; role: string }): unknown => ({ position, type, tags: [], data, meta: { ...META, command, actor } })

  it('a plaintext grant, revocation and name-alike registration still decode and fold as history', () => {
    const events = [
      old(0, 'RoleGranted', { actorId: 'b.beheer', role: 'administrator', grantedOn: '2024-01-01', reason: 'aanstelling' }, 'grantRole', ADMIN),
      old(1, 'RoleGranted', { actorId: 'i.invaller', role: 'official', grantedOn: '2024-01-01', reason: `invaller voor ${NAME}` }, 'grantRole', ADMIN),
      old(2, 'RoleRevoked', { actorId: 'i.invaller', role: 'official', revokedOn: '2024-03-01', reason: 'terug' }, 'revokeRole', ADMIN),
      old(3, 'OrganisationRegistered', { organisationId: ORG_A, name: 'Stichting Samen Verder', kind: 'self-organisation' }, 'registerOrganisation', actors.coordinator),
      old(4, 'OrganisationRegistered', { organisationId: ORG_TWIN, name: 'Stichting Samen Verder', kind: 'self-organisation', distinctFrom: [{ organisationId: ORG_A, reason: `andere stad, ${NAME}` }] }, 'registerOrganisation', actors.coordinator),
    ].map((e) => {
      const d = decodeStored(e)
      if (E.isLeft(d)) throw new Error(`not read: ${JSON.stringify(e)}`)
      return d.right
    })
    const state = evolveAll(initialState, events)
    expect(rolesOf(state, 'i.invaller', '2024-02-01')).toEqual(['official'])
    expect(state.grants?.['i.invaller']?.[0]?.reason).toBe(`invaller voor ${NAME}`)
    expect(state.organisations[ORG_TWIN]?.name).toBe('Stichting Samen Verder')
    // plaintext history is shown as it is (it cannot be rewritten, nor redacted: no record key)
    expect(state.sealedTexts).toBeUndefined()
  })
})

describe("a contact's officials after the recording (rule 21)", () => {
  it('a correction cannot carry officials (correctContact has no such field, DOMAIN.md): refused naming the field, nothing appended; its subject and reason are sealed under the contact as the recording is', async () => {
    const s = await setup()
    await run(s.ledger, cmd.registerOrganisation(), cmd.contact([ORG_A], { contactId: CONTACT_1, subject: 'Overleg', officials: ['A. Jansen'] }))
    const size = await s.store.size()()
    const refused = await rejection(s.ledger, { command: 'correctContact', actor: actors.official, payload: { contactId: CONTACT_1, officials: [NAME], reason: 'typfout' } })
    expect(refused._tag).toBe('DecodeError')
    expect(refused.message).toContain('officials')
    expect(refused.message).not.toContain(NAME)
    expect(await s.store.size()()).toEqual(size)
    const [corrected] = await run(s.ledger, { command: 'correctContact', actor: actors.official, payload: { contactId: CONTACT_1, subject: `Overleg met ${NAME}`, reason: `gemeld door ${NAME}` } })
    const recorded = (await allEvents(s)).find((e) => e.type === 'ContactRecorded')!
    expect(recorded.data).toMatchObject({ subject: { record: CONTACT_1 }, officials: { record: CONTACT_1 } })
    expect(corrected!.events[0]!.data).toMatchObject({ subject: { sealed: 'A256GCM', record: CONTACT_1 }, reason: { sealed: 'A256GCM', record: CONTACT_1 } })
  })
})
