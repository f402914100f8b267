/**
 * The key-figure race (issue 14), with real processes on SQLite and PostgreSQL: writers register
 * the same 30 key figures at once. Every person ends registered exactly once, every loser is told
 * `AlreadyExists` (never a store error that drops the rest of its work), and the key in the key
 * store opens the winner's sealed data: no loser destroyed the key the winner used.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, describe, expect, it } from 'vitest'
import { openStore } from '../../cli/stores.js'
import type { Sealed } from '../../src/domain/events.js'
import { open } from '../../src/privacy/seal.js'
import { racedPerson } from './children/key-figures.js'
import { grantFixtureRoles } from '../fixtures/domain.js'
import { describePg, dropSchema, freshSchema, pgUrlWithSchema } from './pg-server.js'

/** Runs a TypeScript script in a child process; resolves with its stdout, rejects with its stderr. */
const runChild = (script: string, args: ReadonlyArray<string>): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} exited ${code}: ${err}`))))
  })

const CHILD = join(import.meta.dirname, 'children', 'key-figures.ts')
const PERSONS = 30

const race = async (url: string, writers: number) => {
  // the register opened and its official granted before the writers start (rule 18)
  const setup = await openStore(url)
  await grantFixtureRoles(setup.store)
  await setup.close()
  const outputs = await Promise.all(Array.from({ length: writers }, (_, k) => runChild(CHILD, [url, String(k), String(PERSONS)])))
  const answers = outputs.flatMap((o) => JSON.parse(o) as Array<{ personId: string; ok: boolean; tag?: string; message?: string }>)
  expect(answers.filter((a) => !a.ok && a.tag !== 'AlreadyExists')).toEqual([])
  const opened = await openStore(url)
  try {
    const events = await opened.store.read()()
    if (E.isLeft(events)) throw new Error(events.left.message)
    for (let i = 0; i < PERSONS; i++) {
      const personId = racedPerson(i)
      const registered = events.right.filter((e) => e.type === 'KeyFigureRegistered' && (e.data as { personId: string }).personId === personId)
      expect(registered).toHaveLength(1)
      expect(answers.filter((a) => a.personId === personId && a.ok)).toHaveLength(1)
      const key = await opened.keys!.get(personId)()
      if (E.isLeft(key)) throw new Error(key.left.message)
      expect(key.right, `the key of ${personId}`).not.toBeNull()
      expect(open(key.right, personId, (registered[0]!.data as unknown as { personal: Sealed }).personal)?.name).toMatch(/^Schrijver \d$/)
    }
  } finally {
    await opened.close()
  }
}

describe('the key-figure race on SQLite', () => {
  it('three writers registering the same 30 key figures: each registered once, each key kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-kf-race-'))
    await race(`sqlite:${join(dir, 'register.db')}`, 3)
  }, 120_000)
})

const schemas: string[] = []
afterAll(async () => {
  for (const s of schemas) await dropSchema(s)
})

describePg('the key-figure race on PostgreSQL', () => {
  it('three writers registering the same 30 key figures: each registered once, each key kept, no loser exits on "exists already"', async () => {
    const schema = freshSchema()
    schemas.push(schema)
    await race(pgUrlWithSchema(schema), 3)
  }, 120_000)
})
