/**
 * Builds the checked-in register of `tests/fixtures/registers/v4-sqlite/`: the v1 register as the
 * code of the commit it runs on writes it (schema 4 of the SQLite adapter: tree nodes keyed by
 * level and index, append-only triggers, witnesses' cosignatures), so that later versions can
 * show they migrate a register of that schema (rule 22). It copies tests/fixtures/registers/v1,
 * opens it for writing (which takes it to the commit's schema and guards it), appends 41
 * organisations in appends of 1, 2, 3, 5, 8, 9 and 13 entries (so the tree grows by nodes of
 * several levels), stores a witness's cosignature of the last signed checkpoint, and checkpoints
 * the WAL into the file. Run it once, on the commit named in the README, into a new folder:
 *
 *   node --import tsx scripts/make-fixture-register-v4.ts [DIR]   (default tests/fixtures/registers/v4-sqlite)
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import * as E from 'fp-ts/lib/Either.js'
import { keysPathOf, openSqlite } from '../adapters/sqlite/index.js'
import { sampleOrganisation } from '../src/testing/index.js'

const dir = process.argv[2] ?? 'tests/fixtures/registers/v4-sqlite'
const v1 = join(import.meta.dirname, '..', 'tests', 'fixtures', 'registers', 'v1')

const must = <A>(e: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

const main = async (): Promise<void> => {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, 'register.db')
  for (const suffix of ['', '-wal', '-shm', '.keys', '.keys-wal', '.keys-shm']) rmSync(`${path}${suffix}`, { force: true })
  copyFileSync(join(v1, 'register.db'), path)
  copyFileSync(join(v1, 'register.db.keys'), keysPathOf(path))
  copyFileSync(join(v1, 'register.vkey'), join(dir, 'register.vkey'))
  const { store, close } = must(await openSqlite({ path }))
  let n = 0
  for (const count of [1, 2, 3, 5, 8, 9, 13]) must(await store.append(Array.from({ length: count }, () => sampleOrganisation(9000 + n++)))())
  const last = must(await store.checkpoints()()).at(-1)!
  // well-formed (a key id and a signature), by a witness no verifier of the tests knows
  const line = `— audit.example/witness ${Buffer.concat([Buffer.from('0badc0de', 'hex'), Buffer.alloc(64, 0x5a)]).toString('base64')}`
  must(await store.addCosignatures(last.treeSize, [line])())
  const size = must(await store.size()())
  await close()
  for (const file of [path, keysPathOf(path)]) {
    const db = new Database(file)
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.close()
  }
  const db = new Database(path, { readonly: true })
  const version = db.pragma('user_version', { simple: true })
  db.close()
  for (const suffix of ['-wal', '-shm', '.keys-wal', '.keys-shm']) rmSync(`${path}${suffix}`, { force: true })
  // run in an export of a commit (git archive) there is no repository: FIXTURE_COMMIT names it
  const commit = process.env['FIXTURE_COMMIT'] ?? execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim()
  writeFileSync(
    join(dir, 'README.txt'),
    `The register of tests/fixtures/registers/v1 as contact-ledger wrote it at SQLite schema ${version}
(tree nodes keyed by level and index), made by scripts/make-fixture-register-v4.ts; never
regenerate it: later versions must migrate, verify and render it as it is (rule 22).

commit:        ${commit}
schema:        ${version}
entries:       ${size} (the v1 register's 155, then organisations appended 1, 2, 3, 5, 8, 9, 13 at a time)
checkpoints:   those of v1 (150, 152, 154, 155); 155 cosigned by audit.example/witness
verifier key:  register.vkey (the v1 register's)
files:         register.db ${readFileSync(path).length} bytes, register.db.keys ${readFileSync(keysPathOf(path)).length} bytes
`,
  )
  console.log(`${path}: schema ${version}, ${size} entries`)
}

await main()
