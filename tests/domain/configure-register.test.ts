/**
 * configureRegister (DOMAIN.md rule 24): the register's settings are events, valid from their
 * position on; only an administrator records them; the origin is set once and names the signing key.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { memoryEventStore } from '../../adapters/memory/index.js'
import { generateSigner, signedCheckpoint } from '../../src/audit/index.js'
import { settingsAt, type StoredEvent } from '../../src/index.js'
import { actors, cmd, openedLedger, G, rejection, run, sizeOf } from '../fixtures/domain.js'

const admin = { id: 'b.beheer', role: 'administrator' } as const
const configure = (payload: Record<string, unknown>, actor: { id: string; role: string } = admin) => ({ command: 'configureRegister', actor, payload })
const MINISTRY = 'Ministerie van Sociale Zaken en Werkgelegenheid'
const ORIGIN = 'szw.example/contact-ledger'

const logOf = async (store: ReturnType<typeof memoryEventStore>): Promise<ReadonlyArray<StoredEvent>> => {
  const r = await store.read()()
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right
}

describe('configureRegister', () => {
  it('records the settings as an event; the settings valid at a position are those recorded before it', async () => {
    const store = memoryEventStore()
    const ledger = await openedLedger(store)
    await run(ledger, configure({ publisher: MINISTRY, origin: ORIGIN }), cmd.registerOrganisation(), configure({ lateEntryDays: 30 }))
    const log = await logOf(store)
    expect(log.slice(G).map((e) => e.type)).toEqual(['RegisterConfigured', 'OrganisationRegistered', 'RegisterConfigured'])
    expect(settingsAt(log, G)).toBeUndefined()
    expect(settingsAt(log, G + 2)).toEqual({ publisher: MINISTRY, origin: ORIGIN, position: G })
    expect(settingsAt(log)).toEqual({ publisher: MINISTRY, origin: ORIGIN, lateEntryDays: 30, position: G + 2 })
  })

  it('is refused from any role but administrator (Unauthorized), and nothing is appended', async () => {
    const ledger = await openedLedger()
    for (const actor of Object.values(actors)) expect((await rejection(ledger, configure({ publisher: MINISTRY }, actor)))._tag).toBe('Unauthorized')
    expect(await sizeOf(ledger)).toBe(0)
  })

  it('refuses an empty configuration, a .local or spaced origin and a bad threshold, naming the field', async () => {
    const ledger = await openedLedger()
    const empty = await rejection(ledger, configure({}))
    expect(empty._tag).toBe('DecodeError')
    expect(empty.message).toContain('at least one of origin, publisher, lateEntryDays')
    const local = await rejection(ledger, configure({ origin: 'contact-ledger.local/register' }))
    expect(local.message).toMatch(/origin: .*not a local one/)
    expect((await rejection(ledger, configure({ origin: 'szw example' }))).message).toContain('origin')
    expect((await rejection(ledger, configure({ lateEntryDays: 0 }))).message).toContain('lateEntryDays')
    expect((await rejection(ledger, configure({ publisher: MINISTRY, unknown: 1 }))).message).toContain('unknown')
    expect(await sizeOf(ledger)).toBe(0)
  })

  it('keeps the origin once recorded (OriginFixed), and refuses a configuration that changes nothing', async () => {
    const ledger = await openedLedger()
    await run(ledger, configure({ origin: ORIGIN, publisher: MINISTRY }))
    const moved = await rejection(ledger, configure({ origin: 'other.example/register' }))
    expect(moved._tag).toBe('OriginFixed')
    expect(moved.message).toContain(ORIGIN)
    expect((await rejection(ledger, configure({ origin: ORIGIN, publisher: MINISTRY })))._tag).toBe('InvalidCommand')
    await run(ledger, configure({ origin: ORIGIN, publisher: 'Ministry of Social Affairs and Employment' }))
    expect(await sizeOf(ledger)).toBe(2)
  })
})

describe('signing a checkpoint against the recorded origin', () => {
  const signer = (name: string) => {
    const s = generateSigner(name)
    if (E.isLeft(s)) throw new Error(s.left.message)
    return s.right
  }

  it('refuses a key of another name (OriginMismatch) and stores no checkpoint; signs with the origin\'s key', async () => {
    const store = memoryEventStore()
    await run(await openedLedger(store), configure({ origin: ORIGIN }), cmd.registerOrganisation())
    const wrong = await signedCheckpoint(store, signer('contact-ledger.local/register'))()
    expect(E.isLeft(wrong) && wrong.left._tag).toBe('OriginMismatch')
    expect(E.isLeft(wrong) && wrong.left.message).toContain(`register's origin is ${ORIGIN}`)
    expect(E.getOrElseW(() => [])(await store.checkpoints()())).toHaveLength(0)
    const right = await signedCheckpoint(store, signer(ORIGIN))()
    expect(E.isRight(right) && right.right.note.startsWith(`${ORIGIN}\n${G + 2}\n`)).toBe(true)
  })

  it('a register never configured still signs with any key (registers written before rule 24)', async () => {
    const store = memoryEventStore()
    await run(await openedLedger(store), cmd.registerOrganisation())
    expect(E.isRight(await signedCheckpoint(store, signer('contact-ledger.local/register'))())).toBe(true)
  })
})
