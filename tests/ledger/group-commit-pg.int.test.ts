/** Group commit on PostgreSQL (`group-commit-suite.ts`), each register in a schema of its own. */
import * as E from 'fp-ts/lib/Either.js'
import { openPostgres } from '../../adapters/postgres/index.js'
import { describePg, dropSchema, freshSchema, PG_URL } from '../storage/pg-server.js'
import { groupCommitSuite } from './group-commit-suite.js'

describePg('group commit on PostgreSQL', () => {
  groupCommitSuite(
    'PostgreSQL',
    async () => {
      const schema = freshSchema()
      const o = await openPostgres({ url: PG_URL, schema })
      if (E.isLeft(o)) throw new Error(o.left.message)
      return { ...o.right, close: async () => (await o.right.close(), await dropSchema(schema)) }
    },
    5,
  )
})
