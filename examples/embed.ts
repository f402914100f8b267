/**
 * A ministry tool that embeds the register: it records contacts, reads an organisation's status
 * before an official sets up a meeting, and renders the public annual overview.
 *
 *   npx tsx --conditions=source examples/embed.ts [sqlite:PATH]
 *
 * Without an argument it works on a fresh in-memory register.
 */
import * as E from 'fp-ts/lib/Either.js'
import { createLedger, fixedClock, openRegister, organisationStatus, renderAt } from 'contact-ledger'
import { openMemory } from 'contact-ledger/adapters/memory'
import { openSqlite } from 'contact-ledger/adapters/sqlite'

// every adapter opens the same way: open…(options) → Either<StoreError, { store, keys, close }>
const target = process.argv[2]
const opened = target === undefined ? await openMemory() : await openSqlite({ path: target.replace(/^sqlite:/, '') })
if (E.isLeft(opened)) throw new Error(opened.left.message)
const { store, keys } = opened.right
// the tool's own clock would be the system clock; fixed here so the example prints the same each time
const ledger = createLedger({ store, keys, clock: fixedClock('2024-12-20T09:00:00Z') })

const coordinator = { id: 'c.desmet', role: 'coordinator' }
const official = { id: 'a.jansen', role: 'official' }
const taal = '7a000000-0000-4000-8000-000000000001'
const buren = '7a000000-0000-4000-8000-000000000002'

/** Sends a command for the person who sent it (the tool authenticated them); a refusal is shown, not thrown. */
const send = async (command: { readonly command: string; readonly actor: { readonly id: string; readonly role: string }; readonly payload: object }): Promise<boolean> => {
  const r = await ledger.as(command.actor.id).execute(command)
  if (E.isLeft(r)) console.log(`refused (${r.left._tag}): ${r.left.message}`)
  return E.isRight(r)
}

// a fresh register is opened by its first administrator, who grants each person their role (rule 18)
const size = await store.size()()
if (E.isRight(size) && size.right === 0) {
  await openRegister(ledger, 'b.beheer', { grantedOn: '2024-01-01' })
  for (const [actorId, role] of [['c.desmet', 'coordinator'], ['a.jansen', 'official']])
    await send({ command: 'grantRole', actor: { id: 'b.beheer', role: 'administrator' }, payload: { actorId, role, grantedOn: '2024-01-01' } })
}

// the coordinator registers two organisations and starts a partnership with one
await send({ command: 'registerOrganisation', actor: coordinator, payload: { organisationId: taal, name: 'Stichting Taal Verbindt', kind: 'civil-society-organisation' } })
await send({ command: 'registerOrganisation', actor: coordinator, payload: { organisationId: buren, name: 'Vereniging Nieuwe Buren', kind: 'self-organisation' } })
await send({ command: 'endorseValues', actor: coordinator, payload: { organisationId: taal, endorsedOn: '2024-01-05', documentRef: 'SZW-2024-017' } })
await send({ command: 'startPartnership', actor: coordinator, payload: { organisationId: taal, themes: ['language'], startedOn: '2024-01-15' } })

// the official records what happened
for (const occurredOn of ['2024-03-12', '2024-06-12', '2024-09-12'])
  await send({ command: 'recordContact', actor: official, payload: { organisationIds: [taal], occurredOn, form: 'meeting', category: 'partnership', themes: ['language'], subject: 'Voortgang taalcoaching' } })
await send({ command: 'recordContact', actor: official, payload: { organisationIds: [buren], occurredOn: '2024-10-01', form: 'call', category: 'incidental', themes: ['social-cohesion'], subject: 'Kennismaking' } })

// before a new meeting, the tool reads the organisation's status
const state = await ledger.state()
if (E.isLeft(state)) throw new Error(state.left.message)
for (const id of [taal, buren]) {
  const s = organisationStatus(state.right, id)!
  console.log(`${s.name}: ${s.mayBeContacted ? 'may be contacted' : 'may NOT be contacted'}, ${s.partnerships.filter((p) => p.active).length} active partnership(s), ${s.contacts.length} contact(s)`)
}

// and renders the public annual overview for 2024 (Dutch, Markdown)
const overview = await renderAt(store, { kind: 'annual-overview', year: 2024 }, { format: 'md' })
if (E.isLeft(overview)) throw new Error(overview.left.message)
console.log(overview.right.text)
await opened.right.close()
