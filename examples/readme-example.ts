/**
 * The embedding example of README.md, runnable as it stands: `npx tsx --conditions=source examples/readme-example.ts`.
 * The test suite runs it and checks what it prints.
 */
import * as E from 'fp-ts/lib/Either.js'
import { createLedger, fixedClock } from 'contact-ledger'
import { memoryEventStore, memoryKeyStore } from 'contact-ledger/adapters/memory'

const ledger = createLedger({ store: memoryEventStore(), keys: memoryKeyStore(), clock: fixedClock('2025-06-01T09:00:00Z') })
const coordinator = { id: 'c.desmet', role: 'coordinator' }
const organisationId = '0a000000-0000-4000-8000-00000000000a'

await ledger.execute({ command: 'registerOrganisation', actor: coordinator,
  payload: { organisationId, name: 'Stichting Samen Verder', kind: 'self-organisation' } })

const contact = await ledger.execute({ command: 'recordContact', actor: { id: 'a.jansen', role: 'official' },
  payload: { organisationIds: [organisationId], occurredOn: '2025-05-20', form: 'meeting',
             category: 'incidental', themes: ['language'], subject: 'Kennismaking' } })
if (E.isLeft(contact)) throw new Error(contact.left.message)
console.log(contact.right.events.map((e) => `${e.position} ${e.type}`)) // [ '1 ContactRecorded' ]

const refused = await ledger.execute({ command: 'recordContact', actor: { id: 'a.jansen', role: 'official' },
  payload: { organisationIds: [organisationId], occurredOn: '2031-01-01', form: 'call', category: 'incidental', themes: [] } })
console.log(E.isLeft(refused) && refused.left._tag) // 'FutureDate'
