import * as E from 'fp-ts/lib/Either.js'
import { openPostgres } from '../../adapters/postgres/index.js'
import { describeEventStoreConformance } from '../../src/testing/index.js'
import { describePg, dropSchema, freshSchema, PG_URL } from './pg-server.js'

describePg('postgres', () => {
  describeEventStoreConformance('postgres', async () => {
    const schema = freshSchema()
    const opened = await openPostgres(PG_URL, { schema })
    if (E.isLeft(opened)) throw new Error(opened.left.message)
    return { store: opened.right.store, cleanup: async () => (await opened.right.close(), await dropSchema(schema)) }
  })
})
