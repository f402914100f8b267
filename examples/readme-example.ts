/**
 * The embedding example of README.md, runnable as it stands: `npx tsx --conditions=source examples/readme-example.ts`.
 * The test suite runs it and checks what it prints.
 */
import * as E from 'fp-ts/lib/Either.js'
import { createLedger, fixedClock, openRegister } from 'contact-ledger'
import { memoryEventStore, memoryKeyStore } from 'contact-ledger/adapters/memory'

const ledger = createLedger({ store: memoryEventStore(), keys: memoryKeyStore(), clock: fixedClock('2025-06-01T09:00:00Z') })
const organisationId = '0a000000-0000-4000-8000-00000000000a'

// roles are data in the log: the first administrator opens the register and grants the others theirs
await openRegister(ledger, 'b.beheer')
await ledger.as('b.beheer').executeBatch([
  { command: 'grantRole', payload: { actorId: 'c.desmet', role: 'coordinator', grantedOn: '2025-06-01' } },
  { command: 'grantRole', payload: { actorId: 'a.jansen', role: 'official', grantedOn: '2025-06-01' } },
])

// the tool acts for the person it authenticated (single sign-on): ledger.as(id)
await ledger.as('c.desmet').execute({ command: 'registerOrganisation',
  payload: { organisationId, name: 'Stichting Samen Verder', kind: 'self-organisation' } })

const official = ledger.as('a.jansen')
const contact = await official.execute({ command: 'recordContact',
  payload: { organisationIds: [organisationId], occurredOn: '2025-05-20', form: 'meeting',
             category: 'incidental', themes: ['language'], subject: 'Kennismaking' } })
if (E.isLeft(contact)) throw new Error(contact.left.message)
console.log(contact.right.events.map((e) => `${e.position} ${e.type}`)) // [ '4 ContactRecorded' ]

const refused = await official.execute({ command: 'recordContact',
  payload: { organisationIds: [organisationId], occurredOn: '2031-01-01', form: 'call', category: 'incidental', themes: [] } })
console.log(E.isLeft(refused) && refused.left._tag) // 'FutureDate'

const notHers = await official.execute({ command: 'registerOrganisation',
  payload: { name: 'Stichting Anders', kind: 'self-organisation' } })
console.log(E.isLeft(notHers) && notHers.left._tag) // 'Unauthorized': a.jansen holds official, not coordinator
