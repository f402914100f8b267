/** Restricted reads and the access log (rule 20) on PostgreSQL: the register and its access log in one schema. */
import * as E from 'fp-ts/lib/Either.js'
import pg from 'pg'
import { openPostgres, openPostgresAccessLog } from '../../adapters/postgres/index.js'
import { describePg, dropSchema, freshSchema, PG_URL } from '../storage/pg-server.js'
import { describeRestrictedReads } from './suite.js'

describePg('access log on postgres', () => {
  describeRestrictedReads('postgres', async () => {
    const schema = freshSchema()
    const opened = await openPostgres({ url: PG_URL, schema })
    if (E.isLeft(opened)) throw new Error(opened.left.message)
    const accessLog = await openPostgresAccessLog({ url: PG_URL, schema })
    if (E.isLeft(accessLog)) throw new Error(accessLog.left.message)
    return {
      ...opened.right,
      accessLog: accessLog.right,
      deleteRecord: async (seq) => {
        const c = new pg.Client({ connectionString: PG_URL })
        await c.connect()
        await c.query(`DELETE FROM "${schema}".access_records WHERE seq = $1`, [seq])
        await c.end()
      },
      cleanup: async () => {
        await accessLog.right.close()
        await opened.right.close()
        await dropSchema(schema)
      },
    }
  })
})
