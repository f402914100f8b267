/**
 * Four eyes (rules 18 and 19, issue 15) through the ledger, on a register opened with grants: a
 * proposal appends only ProposalMade and changes nothing else until a second holder of its role
 * confirms it; the proposer cannot confirm; a confirmation re-judges the command against the
 * world as it is then; withdrawn and closed proposals cannot be acted on; racing confirmations
 * give one effect.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { Ledger, Receipt } from '../../src/ledger/ledger.js'
import type { RegisterState } from '../../src/domain/state.js'
import { pendingProposals } from '../../src/domain/policies/proposals.js'
import { memoryEventStore, memoryKeyStore } from '../../adapters/memory/index.js'
import { encodeStored, type StoredEvent } from '../../src/domain/events.js'
import { createLedger } from '../../src/ledger/ledger.js'
import { fixedClock } from '../../src/ports/clock.js'
import type { EventStore } from '../../src/ports/event-store.js'
import { sequentialIds } from '../../src/ports/ids.js'
import type { KeyStore } from '../../src/ports/key-store.js'
import { readTexts } from '../../src/privacy/texts.js'
import { renderAt } from '../../src/ledger/reports.js'
import { CONTACT_1, DECISION_1, NOW, ORG_A, actors, cmd, newLedger, rejection, run, sizeOf } from '../fixtures/domain.js'

const ADMIN = { id: 'b.beheer', role: 'administrator' } as const
const V1 = actors.vetting // v.bakker
const V2 = { id: 'v.smit', role: 'vetting-officer' } as const
const C1 = actors.coordinator // c.desmet
const C2 = { id: 'c.vos', role: 'coordinator' } as const

const grant = (actorId: string, role: string) => ({ command: 'grantRole', actor: ADMIN, payload: { actorId, role, grantedOn: '2025-01-01' } })
const confirmBy = (actor: object, proposalId: string) => ({ command: 'confirmProposal', actor, payload: { proposalId } })
const withdrawBy = (actor: object, proposalId: string) => ({ command: 'withdrawProposal', actor, payload: { proposalId, reason: 'advies herzien' } })

const stateOf = async (ledger: Ledger): Promise<RegisterState> => {
  const s = await ledger.state()
  if (E.isLeft(s)) throw new Error(s.left.message)
  return s.right
}
const accepted = async (ledger: Ledger, command: unknown): Promise<Receipt> => {
  const r = await ledger.execute(command)
  if (E.isLeft(r)) throw new Error(`${r.left._tag}: ${r.left.message}`)
  return r.right
}

/** A register opened by b.beheer, with two vetting officers, two coordinators and an official; ORG_A with a public statement. */
const opened = async (ledger: Ledger = newLedger()): Promise<Ledger> => {
  await run(
    ledger,
    grant('b.beheer', 'administrator'),
    grant(V1.id, 'vetting-officer'),
    grant(V2.id, 'vetting-officer'),
    grant(C1.id, 'coordinator'),
    grant(C2.id, 'coordinator'),
    grant(actors.official.id, 'official'),
    cmd.registerOrganisation(),
    cmd.statement(),
  )
  return ledger
}

describe('a proposal changes nothing until it is confirmed (rule 19)', () => {
  it('decideExclusion appends only ProposalMade, answers with its id, and the organisation may still be contacted', async () => {
    const ledger = await opened()
    const before = await sizeOf(ledger)
    const proposed = await accepted(ledger, cmd.exclude())
    expect(proposed.proposalId).toMatch(/^[0-9a-f-]{36}$/)
    expect(proposed.events.map((e) => e.type)).toEqual(['ProposalMade'])
    expect(proposed.events[0]!.data).toMatchObject({ proposalId: proposed.proposalId, command: 'decideExclusion', role: 'vetting-officer', proposedBy: V1 })
    expect(await sizeOf(ledger)).toBe(before + 1)
    const s = await stateOf(ledger)
    expect(s.organisations[ORG_A]!.exclusions).toEqual([])
    expect(pendingProposals(s).map((p) => p.proposalId)).toEqual([proposed.proposalId])
    expect(pendingProposals(s, { role: 'coordinator' })).toEqual([])
    // a contact inside the proposed exclusion's period is still accepted: nothing took effect
    const contact = await accepted(ledger, cmd.contact([ORG_A], { occurredOn: '2025-02-01' }))
    expect(contact.events.map((e) => e.type)).toEqual(['ContactRecorded'])
  })

  it('a proposal that would be refused now is refused now, and appends nothing', async () => {
    const ledger = await opened()
    const before = await sizeOf(ledger)
    const r = await rejection(ledger, cmd.exclude([{ ground: 'security-service-advice', evidenceRefs: ['nergens'] }]))
    expect(r._tag).toBe('AdviceMissing')
    expect(await sizeOf(ledger)).toBe(before)
  })
})

describe('confirmProposal (rules 18 and 19)', () => {
  it('the proposer cannot confirm (SelfConfirmation); a second vetting officer can, and the effect carries both actors', async () => {
    const ledger = await opened()
    const { proposalId } = await accepted(ledger, cmd.exclude())
    const before = await sizeOf(ledger)
    const self = await rejection(ledger, confirmBy(V1, proposalId!))
    expect(self).toMatchObject({ _tag: 'SelfConfirmation', refs: { proposalId } })
    expect(self.message).toContain('v.bakker')
    expect(await sizeOf(ledger)).toBe(before)
    const done = await accepted(ledger, confirmBy(V2, proposalId!))
    expect(done.events.map((e) => e.type)).toEqual(['ProposalConfirmed', 'ExclusionDecided'])
    expect(done.events[0]!.data).toEqual({ proposalId, proposedBy: V1, confirmedBy: V2 })
    for (const e of done.events) {
      expect(e.meta.actor).toEqual(V2)
      expect(e.meta.fourEyes).toEqual({ proposalId, proposedBy: V1 })
    }
    const s = await stateOf(ledger)
    expect(s.organisations[ORG_A]!.exclusions.map((x) => x.decisionId)).toEqual([DECISION_1])
    expect(pendingProposals(s)).toEqual([])
    // now the organisation is excluded: a contact in the period is refused
    expect((await rejection(ledger, cmd.contact([ORG_A], { occurredOn: '2025-02-01' })))._tag).toBe('OrganisationExcluded')
  })

  it('a confirmer without the role, naming another role, or whose grant was revoked, is Unauthorized; nothing appended', async () => {
    const ledger = await opened()
    const { proposalId } = await accepted(ledger, cmd.exclude())
    const before = await sizeOf(ledger)
    const asCoordinator = await rejection(ledger, confirmBy(C2, proposalId!))
    expect(asCoordinator._tag).toBe('Unauthorized')
    expect(asCoordinator.message).toContain('vetting-officer')
    // claims the role in the command, but holds no grant of it
    const claimed = await rejection(ledger, confirmBy({ id: C2.id, role: 'vetting-officer' }, proposalId!))
    expect(claimed._tag).toBe('Unauthorized')
    expect(claimed.message).toContain('confirmProposal needs the role vetting-officer')
    await run(ledger, { command: 'revokeRole', actor: ADMIN, payload: { actorId: V2.id, role: 'vetting-officer', revokedOn: '2025-05-01' } })
    expect((await rejection(ledger, confirmBy(V2, proposalId!)))._tag).toBe('Unauthorized')
    expect(await sizeOf(ledger)).toBe(before + 1)
  })

  it('a confirmation after the world changed is refused with the reason: the organisation was meanwhile excluded', async () => {
    const ledger = await opened()
    const first = await accepted(ledger, cmd.exclude())
    const second = await accepted(ledger, { ...cmd.exclude(), payload: { ...cmd.exclude().payload, decisionId: 'e2000000-0000-4000-8000-0000000000e2' } })
    await accepted(ledger, confirmBy(V2, first.proposalId!))
    const before = await sizeOf(ledger)
    const r = await rejection(ledger, confirmBy(V2, second.proposalId!))
    expect(r._tag).toBe('AlreadyExcluded')
    expect(r.message).toContain(`proposal ${second.proposalId} (decideExclusion) can no longer take effect`)
    expect(r.message).toContain(DECISION_1)
    expect(await sizeOf(ledger)).toBe(before)
  })

  it('a closed or unknown proposal: ProposalClosed naming how it ended, UnknownProposal', async () => {
    const ledger = await opened()
    const { proposalId } = await accepted(ledger, cmd.exclude())
    await accepted(ledger, confirmBy(V2, proposalId!))
    const again = await rejection(ledger, confirmBy(V2, proposalId!))
    expect(again._tag).toBe('ProposalClosed')
    expect(again.message).toContain('confirmed by v.smit')
    const unknown = await rejection(ledger, confirmBy(V2, 'e9000000-0000-4000-8000-0000000000e9'))
    expect(unknown).toMatchObject({ _tag: 'UnknownProposal', rule: 19 })
  })

  it('two racing confirmations of one proposal give one effect; the loser finds it closed', async () => {
    const ledger = await opened()
    await run(ledger, grant('v.dijk', 'vetting-officer'))
    const { proposalId } = await accepted(ledger, cmd.exclude())
    const results = await Promise.all([ledger.execute(confirmBy(V2, proposalId!)), ledger.execute(confirmBy({ id: 'v.dijk', role: 'vetting-officer' }, proposalId!))])
    expect(results.filter(E.isRight)).toHaveLength(1)
    const lost = results.find(E.isLeft)!
    expect(E.isLeft(lost) && lost.left._tag).toBe('ProposalClosed')
    const all = await ledger.store.read()()
    expect(E.isRight(all) && all.right.filter((e) => e.type === 'ExclusionDecided')).toHaveLength(1)
  })
})

describe('withdrawProposal (rule 19)', () => {
  it('its proposer or another holder of the role withdraws it; anyone else is Unauthorized; a withdrawn proposal cannot be confirmed', async () => {
    const ledger = await opened()
    const a = await accepted(ledger, cmd.exclude())
    expect((await rejection(ledger, withdrawBy(C1, a.proposalId!)))._tag).toBe('Unauthorized')
    const w = await accepted(ledger, withdrawBy(V1, a.proposalId!))
    // the reason is sealed under the proposal's own id (rule 21)
    expect(w.events.map((e) => [e.type, e.data])).toEqual([
      ['ProposalWithdrawn', { proposalId: a.proposalId, withdrawnBy: V1, reason: expect.objectContaining({ sealed: 'A256GCM', record: a.proposalId }) }],
    ])
    const closed = await rejection(ledger, confirmBy(V2, a.proposalId!))
    expect(closed._tag).toBe('ProposalClosed')
    expect(closed.message).toContain('withdrawn by v.bakker')
    const b = await accepted(ledger, cmd.exclude())
    await accepted(ledger, withdrawBy(V2, b.proposalId!))
    const s = await stateOf(ledger)
    expect(s.organisations[ORG_A]!.exclusions).toEqual([])
    expect(pendingProposals(s)).toEqual([])
  })
})

describe('the other proposals of rule 19', () => {
  it('a reclassification of a contact into signalling is proposed by an official and confirmed by a coordinator; other corrections take effect at once', async () => {
    const ledger = await opened()
    await run(ledger, cmd.contact([ORG_A], { contactId: CONTACT_1 }))
    const themes = await accepted(ledger, { command: 'correctContact', actor: actors.official, payload: { contactId: CONTACT_1, themes: ['work'], reason: 'tikfout' } })
    expect(themes.events.map((e) => e.type)).toEqual(['ContactCorrected'])
    const p = await accepted(ledger, { command: 'correctContact', actor: actors.official, payload: { contactId: CONTACT_1, category: 'signalling', reason: 'signaal' } })
    expect(p.events[0]!.data).toMatchObject({ command: 'correctContact', role: 'coordinator' })
    expect((await stateOf(ledger)).contacts[CONTACT_1]!.category).toBe('incidental')
    // the proposer may withdraw their own; here a coordinator confirms
    const done = await accepted(ledger, confirmBy(C2, p.proposalId!))
    expect(done.events.map((e) => e.type)).toEqual(['ProposalConfirmed', 'ContactCorrected'])
    expect((await stateOf(ledger)).contacts[CONTACT_1]!.category).toBe('signalling')
  })

  it('a correction of kind that takes an organisation off the confidential list is a proposal; one that keeps it on is not', async () => {
    const ledger = await opened()
    const on = await accepted(ledger, { command: 'correctOrganisation', actor: C1, payload: { organisationId: ORG_A, kind: 'religious-community', reason: 'juiste soort' } })
    expect(on.events.map((e) => e.type)).toEqual(['OrganisationCorrected'])
    const off = await accepted(ledger, { command: 'correctOrganisation', actor: C1, payload: { organisationId: ORG_A, kind: 'company', reason: 'is een bedrijf' } })
    expect(off.events.map((e) => e.type)).toEqual(['ProposalMade'])
    expect((await stateOf(ledger)).organisations[ORG_A]!.kind).toBe('religious-community')
    expect((await rejection(ledger, confirmBy(C1, off.proposalId!)))._tag).toBe('SelfConfirmation')
    await accepted(ledger, confirmBy(C2, off.proposalId!))
    expect((await stateOf(ledger)).organisations[ORG_A]!.kind).toBe('company')
  })

  it('a proposal named in advance (proposalId) can be confirmed by that id; the same id twice is AlreadyExists; a command that is no proposal refuses it', async () => {
    const ledger = await opened()
    const proposalId = 'e5000000-0000-4000-8000-0000000000e5'
    const r = await accepted(ledger, { ...cmd.exclude(), proposalId })
    expect(r.proposalId).toBe(proposalId)
    expect((await rejection(ledger, { ...cmd.exclude(), proposalId }))._tag).toBe('AlreadyExists')
    expect((await rejection(ledger, { ...cmd.contact([ORG_A]), proposalId: 'e6000000-0000-4000-8000-0000000000e6' }))._tag).toBe('InvalidCommand')
    expect((await accepted(ledger, confirmBy(V2, proposalId))).events[1]!.type).toBe('ExclusionDecided')
  })
})

describe('free texts inside proposals are sealed (rules 19 and 21)', () => {
  const NAME = 'Fatima El Amrani'
  const keyed = async () => {
    const keys = memoryKeyStore()
    const store = memoryEventStore()
    const ledger = await opened(createLedger({ store, keys, clock: fixedClock(NOW), ids: sequentialIds() }))
    await run(ledger, grant(actors.privacy.id, 'privacy-officer'))
    return { keys, store, ledger }
  }
  const excludeNaming = () => ({ ...cmd.exclude(), payload: { ...cmd.exclude().payload, rationale: `verklaring van ${NAME} over steun` } })
  const log = async (s: { keys: KeyStore; store: EventStore }, unseal: boolean): Promise<string> => {
    const all = await s.store.read({})()
    if (E.isLeft(all)) throw new Error(all.left.message)
    const shown = await readTexts(s.keys, all.right, { unseal })
    if (E.isLeft(shown)) throw new Error(shown.left.message)
    return shown.right.map((e) => JSON.stringify(e)).join('\n')
  }
  const stored = async (s: { store: EventStore }): Promise<ReadonlyArray<StoredEvent>> => {
    const all = await s.store.read({})()
    if (E.isLeft(all)) throw new Error(all.left.message)
    return all.right
  }

  it("a proposal's rationale is sealed under its decision's key; confirmed, the effect is sealed under that same key and reads back", async () => {
    const s = await keyed()
    const proposed = await accepted(s.ledger, excludeNaming())
    const made = proposed.events[0]!
    expect(made.data).toMatchObject({ payload: { decisionId: DECISION_1, rationale: { sealed: 'A256GCM', record: DECISION_1 } } })
    expect(made.tags).toContain(`text:${DECISION_1}`)
    expect(JSON.stringify((await stored(s)).map(encodeStored))).not.toContain(NAME)
    const keyAtProposal = await s.keys.get(`text:${DECISION_1}`)()
    const done = await accepted(s.ledger, confirmBy(V2, proposed.proposalId!))
    expect(done.events.map((e) => e.type)).toEqual(['ProposalConfirmed', 'ExclusionDecided'])
    expect(done.events[1]!.data).toMatchObject({ rationale: { sealed: 'A256GCM', record: DECISION_1 } })
    // the record's key was fetched, never replaced by a fresh one
    expect(await s.keys.get(`text:${DECISION_1}`)()).toEqual(keyAtProposal)
    expect(JSON.stringify((await stored(s)).map(encodeStored))).not.toContain(NAME)
    const masked = await log(s, false)
    expect(masked).not.toContain(NAME)
    expect(masked).toContain('"payload":{')
    expect(masked).toContain('"rationale":{"sealed":true}')
    const open = await log(s, true)
    // both the proposal's copy and the effect open with the one key of the record
    expect(open.split(`"rationale":"verklaring van ${NAME} over steun"`)).toHaveLength(3)
  })

  it('a redaction of the decision before confirmation reaches the proposal; the confirmation still takes effect, its rationale [redacted]', async () => {
    const s = await keyed()
    const proposed = await accepted(s.ledger, excludeNaming())
    await accepted(s.ledger, { command: 'redactRecord', actor: actors.privacy, payload: { recordId: DECISION_1, reason: 'bewaartermijn' } })
    expect(await s.keys.get(`text:${DECISION_1}`)()).toEqual(E.right(null))
    expect(await log(s, true)).not.toContain(NAME)
    expect(await log(s, true)).toContain('"rationale":"[redacted]"')
    const done = await accepted(s.ledger, confirmBy(V2, proposed.proposalId!))
    expect(done.events.map((e) => e.type)).toEqual(['ProposalConfirmed', 'ExclusionDecided'])
    const open = await log(s, true)
    expect(open).not.toContain(NAME)
    expect(open.split('"rationale":"[redacted]"')).toHaveLength(3)
    expect((await stateOf(s.ledger)).organisations[ORG_A]!.exclusions.map((x) => x.decisionId)).toEqual([DECISION_1])
  })

  it("a reclassification's reason and subject are sealed under the contact's existing key, and the effect too", async () => {
    const s = await keyed()
    await run(s.ledger, cmd.contact([ORG_A], { contactId: CONTACT_1, subject: `Gesprek met ${NAME}` }))
    const keyBefore = await s.keys.get(`text:${CONTACT_1}`)()
    const p = await accepted(s.ledger, {
      command: 'correctContact',
      actor: actors.official,
      payload: { contactId: CONTACT_1, category: 'signalling', subject: `Signaal over ${NAME}`, reason: `melding door ${NAME}` },
    })
    expect(p.events[0]!.data).toMatchObject({
      payload: { subject: { sealed: 'A256GCM', record: CONTACT_1 }, reason: { sealed: 'A256GCM', record: CONTACT_1 } },
    })
    expect(JSON.stringify((await stored(s)).map(encodeStored))).not.toContain(NAME)
    await accepted(s.ledger, confirmBy(C2, p.proposalId!))
    expect(await s.keys.get(`text:${CONTACT_1}`)()).toEqual(keyBefore)
    expect(JSON.stringify((await stored(s)).map(encodeStored))).not.toContain(NAME)
    const open = await log(s, true)
    expect(open.split(`"subject":"Signaal over ${NAME}"`)).toHaveLength(3)
    expect((await stateOf(s.ledger)).contacts[CONTACT_1]!.category).toBe('signalling')
    await accepted(s.ledger, { command: 'redactRecord', actor: actors.privacy, payload: { recordId: CONTACT_1, reason: 'verzoek' } })
    expect(await log(s, true)).not.toContain(NAME)
  })

  it("a withdrawal's reason is sealed under the proposal's id; the audit trail shows it to an unsealing reader, a redaction of the proposal removes it", async () => {
    const s = await keyed()
    const proposed = await accepted(s.ledger, excludeNaming())
    const w = await accepted(s.ledger, { command: 'withdrawProposal', actor: V1, payload: { proposalId: proposed.proposalId, reason: `op verzoek van ${NAME}` } })
    expect(w.events[0]!.tags).toContain(`text:${proposed.proposalId}`)
    expect(JSON.stringify((await stored(s)).map(encodeStored))).not.toContain(NAME)
    expect(await log(s, true)).toContain(`"reason":"op verzoek van ${NAME}"`)
    const s0 = await stateOf(s.ledger)
    expect(s0.proposals![proposed.proposalId!]!.closed?.reason).toBe('[sealed]')
    const audit = async (unseal: boolean) => {
      const r = await renderAt(s.store, { kind: 'audit-view' }, { format: 'json', ...(unseal ? { unseal: s.keys } : {}) })
      if (E.isLeft(r)) throw new Error(r.left.message)
      return r.right.text
    }
    expect(await audit(true)).toContain(`op verzoek van ${NAME}`)
    expect(await audit(false)).not.toContain(NAME)
    await accepted(s.ledger, { command: 'redactRecord', actor: actors.privacy, payload: { recordId: proposed.proposalId, reason: 'bewaartermijn' } })
    expect(await log(s, true)).not.toContain(`op verzoek van ${NAME}`)
  })

  it('a register without a key store refuses a proposal with free text, appending nothing', async () => {
    const store = memoryEventStore()
    const ledger = await opened(createLedger({ store, keys: undefined, clock: fixedClock(NOW), ids: sequentialIds() }))
    const before = await sizeOf(ledger)
    const r = await rejection(ledger, excludeNaming())
    expect(r.message).toContain('no key store')
    expect(await sizeOf(ledger)).toBe(before)
  })
})
