/**
 * The PostgreSQL adapter's error table: each SQLSTATE or socket code a user can meet becomes a
 * StoreError with the right reason and a message that names the server and says what to do.
 */
import { describe, expect, it } from 'vitest'
import { pgError, type PgTarget } from '../../adapters/postgres/errors.js'

const TARGET: PgTarget = { host: 'db.example', port: 6543, database: 'register', user: 'clerk' }
const thrown = (code: string, message = `server said ${code}`) => Object.assign(new Error(message), { code })

describe('pgError: the PostgreSQL error-code table', () => {
  it.each([
    ['ECONNREFUSED', 'unreachable', /cannot reach PostgreSQL at db\.example:6543 .*check that the server runs there/],
    ['ENOTFOUND', 'unreachable', /cannot reach PostgreSQL at db\.example:6543 .*host and port are right/],
    ['ETIMEDOUT', 'unreachable', /cannot reach PostgreSQL/],
    ['ECONNRESET', 'unreachable', /cannot reach PostgreSQL/],
    ['08006', 'unreachable', /cannot reach PostgreSQL/],
    ['57P01', 'unreachable', /db\.example:6543 is shutting down or restarting .*try again when it is back/],
    ['57P02', 'unreachable', /shutting down or restarting/],
    ['57P03', 'unreachable', /starting up or cannot take connections now .*try again shortly/],
    ['53300', 'unreachable', /too many connections .*lower the pool size/],
    ['28P01', 'unreachable', /refused user clerk .*check the user and password in the URL/],
    ['28000', 'unreachable', /refused user clerk/],
    ['3D000', 'unreachable', /has no database register .*create it or fix the URL/],
    ['40P01', 'locked', /could not lock the register .*try again/],
    ['40001', 'locked', /could not lock the register .*try again/],
    ['55P03', 'locked', /could not lock the register/],
    ['53100', 'io', /^disk full: PostgreSQL at db\.example:6543 has no room left .*free space on the server's disk/],
    ['53200', 'io', /out of memory/],
    ['42501', 'io', /denied access .*grant user clerk rights on the register's schema/],
    ['25006', 'io', /read-only .*connect to the primary server/],
    ['CL001', 'io', /refused to change a stored row .*append-only; only verify --repair/],
    ['XX001', 'corrupt', /damaged data .*run verify/],
    ['XX002', 'corrupt', /damaged index .*REINDEX/],
    ['42P01', 'io', /PostgreSQL at db\.example:6543 failed: .*\(42P01\); try again, and report it if it persists/],
  ])('%s is "%s" with a message that says what to do', (code, reason, message) => {
    const e = pgError(TARGET)(thrown(code))
    expect(e).toMatchObject({ _tag: 'StoreError', reason })
    expect(e.message).toMatch(message)
  })

  it('finds the code of an AggregateError (node-postgres trying several addresses)', () => {
    const e = Object.assign(new AggregateError([], ''), { errors: [{ code: 'ECONNREFUSED' }] })
    expect(pgError(TARGET)(e)).toMatchObject({ reason: 'unreachable', message: expect.stringMatching(/cannot reach PostgreSQL at db\.example:6543 \(ECONNREFUSED\)/) })
  })

  it('takes a dropped connection or a connect timeout, which carry no code, as unreachable', () => {
    expect(pgError(TARGET)(new Error('Connection terminated unexpectedly'))).toMatchObject({ reason: 'unreachable' })
    expect(pgError(TARGET)(new Error('timeout expired'))).toMatchObject({ reason: 'unreachable' })
  })

})
