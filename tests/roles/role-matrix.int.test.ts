/**
 * The role matrix (issue 15, DOMAIN.md rules 12 and 18): every command, issued by an actor of
 * every role, and by an actor with no grant, a revoked grant and a grant that starts later. Only
 * the role the command table names passes the role check (the command may still meet another
 * rule); every other is `Unauthorized`, naming the roles held and the one needed; a role written
 * in the command is checked, never trusted. On memory, SQLite and PostgreSQL: one register per
 * store, many actors.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, describe, expect, it } from 'vitest'
import { memoryEventStore, memoryKeyStore } from '../../adapters/memory/index.js'
import { openPostgres } from '../../adapters/postgres/index.js'
import { keysPathOf, openSqliteEventStore, openSqliteKeyStore } from '../../adapters/sqlite/index.js'
import { COMMAND_NAMES, commandRoles, mayIssue } from '../../src/domain/commands/index.js'
import type { Rejection } from '../../src/domain/errors.js'
import { ROLES } from '../../src/domain/values.js'
import { createLedger, type Ledger } from '../../src/ledger/ledger.js'
import { fixedClock } from '../../src/ports/clock.js'
import type { EventStore } from '../../src/ports/event-store.js'
import type { KeyStore } from '../../src/ports/key-store.js'
import { arbCommand } from '../../src/testing/arbitraries.js'
import { grantCommands } from '../../src/testing/roles.js'
import { PG_URL, describePg, dropSchema, freshSchema } from '../storage/pg-server.js'

const NOW = '2025-06-01T10:00:00.000Z'
const ADMIN = 'm.administrator'

/** One actor per role (`m.<role>`), and three that hold nothing on the day: never granted, revoked, granted from later. */
const holder = (role: string) => `m.${role}`
const NO_GRANT = 'm.nobody'
const REVOKED = 'm.revoked'
const LATER = 'm.later'

const opening = [
  ...grantCommands(
    ROLES.filter((r) => r !== 'administrator').map((r) => [holder(r), r] as const),
    ADMIN,
  ),
  { command: 'grantRole', actor: { id: ADMIN, role: 'administrator' }, payload: { actorId: REVOKED, role: 'official', grantedOn: '2020-01-01' } },
  { command: 'revokeRole', actor: { id: ADMIN, role: 'administrator' }, payload: { actorId: REVOKED, role: 'official', revokedOn: '2025-05-31', reason: 'uit dienst' } },
  { command: 'grantRole', actor: { id: ADMIN, role: 'administrator' }, payload: { actorId: LATER, role: 'official', grantedOn: '2025-06-02' } },
]

/** A payload of each command that decodes (what the register then says about it depends on the state). */
const payloadOf = (name: string): Record<string, unknown> => fc.sample(arbCommand([name as never]), { numRuns: 1, seed: 15 })[0]!.payload

const tagOf = async (ledger: Ledger, actorId: string, name: string, role?: string): Promise<string | undefined> => {
  const r = await ledger.as(actorId).execute({ command: name, ...(role !== undefined ? { actor: { role } } : {}), payload: payloadOf(name) })
  return E.isLeft(r) ? r.left._tag : undefined
}

const matrix = (open: () => Promise<{ store: EventStore; keys: KeyStore; close?: () => Promise<void> }>, dbUser?: string) => {
  let ledger: Ledger
  let close: (() => Promise<void>) | undefined

  it('opens one register with an administrator and an actor of every role', async () => {
    const opened = await open()
    close = opened.close
    ledger = createLedger({ store: opened.store, keys: opened.keys, clock: fixedClock(NOW) })
    for (const c of opening) {
      const r = await ledger.execute(c)
      expect(E.isRight(r), E.isLeft(r) ? r.left.message : '').toBe(true)
      // where the store authenticates (PostgreSQL), its account is recorded beside the actor
      if (E.isRight(r)) expect(r.right.events[0]!.meta.dbUser).toBe(dbUser)
    }
    const stored = await opened.store.read()()
    expect(E.isRight(stored) && stored.right.every((e) => e.meta.dbUser === dbUser)).toBe(true)
  })

  it('every command passes the role check for its own role only; every other role is Unauthorized', async () => {
    const wrong: string[] = []
    for (const name of COMMAND_NAMES) {
      for (const role of ROLES) {
        const tag = await tagOf(ledger, holder(role), name)
        // a confirmation or a withdrawal may come from any role a proposal can need (its decision then checks that one)
        const allowed = mayIssue(role, name)
        if (allowed ? tag === 'Unauthorized' : tag !== 'Unauthorized') wrong.push(`${name} by ${role}: ${tag ?? 'accepted'}`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('an actor with no grant, a revoked grant or a grant that starts later is Unauthorized for every command', async () => {
    const wrong: string[] = []
    for (const name of COMMAND_NAMES)
      for (const actorId of [NO_GRANT, REVOKED, LATER]) {
        const tag = await tagOf(ledger, actorId, name, commandRoles[name])
        if (tag !== 'Unauthorized') wrong.push(`${name} by ${actorId}: ${tag ?? 'accepted'}`)
      }
    expect(wrong).toEqual([])
  })

  it('a role written in the command is checked against the grants, never trusted', async () => {
    const wrong: string[] = []
    for (const name of COMMAND_NAMES) {
      const needed = commandRoles[name]
      // claims the needed role without holding it
      const other = needed === 'auditor' ? 'official' : 'auditor'
      const tag = await tagOf(ledger, holder(other), name, needed)
      if (tag !== 'Unauthorized') wrong.push(`${name} claimed by ${holder(other)}: ${tag ?? 'accepted'}`)
    }
    expect(wrong).toEqual([])
  })

  it('Unauthorized names the roles the actor holds and the one needed', async () => {
    const r = await ledger.as(holder('vetting-officer')).execute({ command: 'recordContact', payload: payloadOf('recordContact') })
    const left = (E.isLeft(r) ? r.left : undefined) as (Rejection & { held?: unknown; needed?: unknown }) | undefined
    expect(left).toMatchObject({ _tag: 'Unauthorized', held: ['vetting-officer'], needed: 'official' })
    expect(left!.message).toContain('vetting-officer')
    expect(left!.message).toContain('official')
    const none = await ledger.as(REVOKED).execute({ command: 'recordContact', payload: payloadOf('recordContact') })
    expect(E.isLeft(none) && none.left.message).toContain('holds no role')
  })

  afterAll(async () => {
    await close?.()
  })
}

describe('role matrix: memory', () => matrix(async () => ({ store: memoryEventStore(), keys: memoryKeyStore() })))

describe('role matrix: SQLite', () =>
  matrix(async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cl-roles-')), 'register.db')
    const store = openSqliteEventStore(path)
    const keys = openSqliteKeyStore(keysPathOf(path))
    if (E.isLeft(store) || E.isLeft(keys)) throw new Error('cannot open SQLite')
    return { store: store.right, keys: keys.right, close: async () => void (await store.right.close(), await keys.right.close()) }
  }))

describePg('role matrix: PostgreSQL', () => {
  const schema = freshSchema()
  matrix(async () => {
    const opened = await openPostgres({ url: PG_URL, schema })
    if (E.isLeft(opened)) throw new Error(opened.left.message)
    return { store: opened.right.store, keys: opened.right.keys, close: async () => (await opened.right.close(), await dropSchema(schema)) }
  }, new URL(PG_URL).username)
})
