/**
 * The SQLite adapter's error table: each driver code a user can meet becomes a StoreError with the
 * right reason and a message that names the file and says what to do.
 */
import { describe, expect, it } from 'vitest'
import { primaryOf, sqliteError } from '../../adapters/sqlite/errors.js'

const PATH = '/data/register.db'
const thrown = (code: string, message = `${code.toLowerCase()} happened`) => Object.assign(new Error(message), { code })

describe('sqliteError: the SQLite error-code table', () => {
  it.each([
    ['SQLITE_BUSY', 'locked', /another process holds the register \/data\/register\.db .*try again when it is done/],
    ['SQLITE_BUSY_SNAPSHOT', 'locked', /another process holds the register .*try again/],
    ['SQLITE_BUSY_TIMEOUT', 'locked', /another process holds the register .*try again/],
    ['SQLITE_LOCKED', 'locked', /another process holds the register .*try again/],
    ['SQLITE_LOCKED_SHAREDCACHE', 'locked', /another process holds the register/],
    ['SQLITE_PROTOCOL', 'locked', /lock on \/data\/register\.db was contested .*try again/],
    ['SQLITE_FULL', 'io', /^disk full: the disk holding \/data\/register\.db has no room left .*free some space and try again/],
    ['SQLITE_CORRUPT', 'corrupt', /register \/data\/register\.db is damaged .*run verify, and restore the file from a copy/],
    ['SQLITE_CORRUPT_INDEX', 'corrupt', /is damaged .*restore/],
    ['SQLITE_NOTADB', 'unreadable', /cannot read \/data\/register\.db: it is not a SQLite register .*check the path, or restore/],
    ['SQLITE_CANTOPEN', 'unreadable', /cannot open \/data\/register\.db .*folder that exists and that you may write to/],
    ['SQLITE_CANTOPEN_ISDIR', 'unreadable', /cannot open .*check that the path names a file/],
    ['SQLITE_READONLY', 'io', /cannot write to \/data\/register\.db .*check the file's permissions/],
    ['SQLITE_READONLY_DBMOVED', 'io', /cannot write to .*permissions/],
    ['SQLITE_PERM', 'io', /cannot write to .*permissions/],
    ['SQLITE_AUTH', 'io', /cannot write to .*permissions/],
    ['SQLITE_IOERR', 'io', /the disk failed reading or writing \/data\/register\.db .*check the disk/],
    ['SQLITE_IOERR_FSYNC', 'io', /the disk failed .*check the disk/],
    ['SQLITE_NOMEM', 'io', /out of memory .*close other programs/],
    ['SQLITE_MISUSE', 'io', /the register \/data\/register\.db failed: .*\(SQLITE_MISUSE\); try again, and report it if it persists/],
  ])('%s is "%s" with a message that says what to do', (code, reason, message) => {
    const e = sqliteError(PATH)(thrown(code))
    expect(e).toMatchObject({ _tag: 'StoreError', reason })
    expect(e.message).toMatch(message)
    expect(e.message).toContain(`${code.toLowerCase()} happened`)
  })

  it('names the append-only triggers refusing a change of a stored row, and passes on a StoreError the adapter threw itself', () => {
    const e = sqliteError(PATH)(thrown('SQLITE_CONSTRAINT_TRIGGER', 'the register is append-only: DELETE on event_tags refused'))
    expect(e).toMatchObject({ reason: 'io', message: expect.stringMatching(/^the register \/data\/register\.db refused to change a stored row .*append-only; only verify --repair/) })
    const own = { _tag: 'StoreError', reason: 'io', message: 'the checkpoint is stored, but its copy beside the register could not be written' } as const
    expect(sqliteError(PATH)(own)).toBe(own)
  })

  it('names a missing folder (better-sqlite3 checks it before SQLite does) as unreadable', () => {
    const e = sqliteError(PATH)(new TypeError('Cannot open database because the directory does not exist'))
    expect(e).toMatchObject({ reason: 'unreadable', message: expect.stringMatching(/cannot open \/data\/register\.db .*folder that exists/) })
  })

  it('reports anything else, even a non-Error, as io with its text', () => {
    expect(sqliteError(PATH)('boom')).toMatchObject({ reason: 'io', message: expect.stringMatching(/failed: boom; try again/) })
    expect(sqliteError(PATH)(null)).toMatchObject({ reason: 'io' })
  })

  it('reads the primary code of an extended one', () => {
    expect(primaryOf('SQLITE_BUSY_SNAPSHOT')).toBe('SQLITE_BUSY')
    expect(primaryOf('SQLITE_FULL')).toBe('SQLITE_FULL')
    expect(primaryOf('')).toBe('')
  })
})
