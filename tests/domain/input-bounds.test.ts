/**
 * Every input bounded and checked (issue 14): a command's actor carries its id and role and
 * nothing else; dates lie between 1900 and 2999; no id is the nil UUID; lists are bounded and name
 * each element once. Each refusal names the field and appends nothing; stored events keep the
 * plain codecs, so a register written before the bounds still reads.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeCommand } from '../../src/domain/commands/index.js'
import { decodeStored } from '../../src/domain/events.js'
import { ORG_A, actors, cmd, openedLedger, G, run, sizeOf } from '../fixtures/domain.js'

const NIL = '00000000-0000-0000-0000-000000000000'
const uuid = (n: number) => `0c000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`

/** Executes a command that must be refused as undecodable; returns the message. */
const refused = async (command: unknown): Promise<string> => {
  const ledger = await openedLedger()
  await run(ledger, cmd.registerOrganisation(ORG_A))
  const r = await ledger.execute(command)
  if (E.isRight(r)) throw new Error('accepted')
  expect(r.left._tag).toBe('DecodeError')
  expect(await sizeOf(ledger)).toBe(1)
  return r.left.message
}

describe('command input bounds', () => {
  it('refuses any field of the actor besides id and role, however large', async () => {
    const note = 'x'.repeat(1_000_000)
    expect(await refused({ ...cmd.contact(), actor: { ...actors.official, note } })).toContain('actor.note: unknown field')
    expect(await refused({ ...cmd.contact(), actor: { ...actors.official, extra: [[[[1]]]] } })).toContain('actor.extra: unknown field')
  })

  it('refuses an actor id longer than 200 characters', async () => {
    const message = await refused({ ...cmd.contact(), actor: { id: 'a'.repeat(201), role: 'official' } })
    expect(message).toContain('actor.id: expected an actor id of at most 200 characters')
  })

  it.each(['0000-01-01', '1899-12-31', '3000-01-01'])('refuses the date %s, naming the field and the range', async (occurredOn) => {
    const message = await refused(cmd.contact([ORG_A], { occurredOn }))
    expect(message).toContain('payload.occurredOn: expected a date YYYY-MM-DD from 1900-01-01 to 2999-12-31')
  })

  it('refuses the nil UUID as an id', async () => {
    expect(await refused(cmd.registerOrganisation(NIL))).toContain('payload.organisationId: expected a UUID other than the nil UUID')
    expect(await refused(cmd.contact([NIL]))).toContain('payload.organisationIds.0: expected a UUID other than the nil UUID')
  })

  it('refuses a theme, an organisation or an official named twice', async () => {
    expect(await refused(cmd.contact([ORG_A], { themes: ['work', 'work'] }))).toContain('payload.themes: expected a list of at most 6 distinct themes')
    expect(await refused(cmd.contact([ORG_A, ORG_A]))).toContain('payload.organisationIds: expected a list of at most 200 distinct UUIDs')
    expect(await refused(cmd.contact([ORG_A], { officials: ['A. Jansen', 'A. Jansen'] }))).toContain('payload.officials')
  })

  it('caps the lists: 201 organisations, 200,000 officials', async () => {
    const many = Array.from({ length: 201 }, (_, i) => uuid(i + 1))
    expect(await refused(cmd.contact(many))).toContain('payload.organisationIds: expected a list of at most 200 distinct UUIDs')
    const officials = Array.from({ length: 200_000 }, (_, i) => `ambtenaar ${i}`)
    expect(await refused(cmd.contact([ORG_A], { officials }))).toContain('payload.officials: expected a list of at most 50 distinct texts')
  })

  it('refuses an exclusion that cites one ground twice', () => {
    const r = decodeCommand({
      command: 'decideExclusion',
      actor: actors.vetting,
      payload: {
        organisationId: ORG_A,
        decidedOn: '2024-06-01',
        rationale: 'advies AIVD',
        grounds: [
          { ground: 'security-service-advice', evidenceRefs: ['A-1'] },
          { ground: 'security-service-advice', evidenceRefs: ['A-2'] },
        ],
      },
    })
    expect(E.isLeft(r) && r.left.message).toContain('payload.grounds: expected a list of at most 10 grounds, each ground once')
  })

  it('accepts what stays inside the bounds', () => {
    const r = decodeCommand(cmd.contact([ORG_A], { occurredOn: '1900-01-01', themes: ['work', 'language'], officials: ['A. Jansen'] }))
    expect(E.isRight(r)).toBe(true)
  })

  it('still reads stored events from before the bounds (an actor with more fields, a date before 1900)', () => {
    const stored = {
      position: 0,
      type: 'ContactRecorded',
      tags: [`contact:${uuid(1)}`],
      data: { contactId: uuid(1), organisationIds: [], personIds: [], occurredOn: '1850-01-01', form: 'meeting', category: 'incidental', themes: ['work', 'work'], officials: [] },
      meta: {
        actor: { id: 'a.jansen', role: 'official', note: 'older tools wrote this' },
        recordedAt: '2025-01-01T00:00:00.000Z',
        businessDate: '1850-01-01',
        correlationId: uuid(2),
        causationId: uuid(3),
        command: 'recordContact',
        schemaVersion: 1,
      },
    }
    expect(E.isRight(decodeStored(stored))).toBe(true)
  })
})
