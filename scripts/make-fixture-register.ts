/**
 * Builds the checked-in register of `tests/fixtures/registers/v1/` with the code of the commit it
 * runs on (rule 22: a register written by an earlier version must open in every later one). It
 * holds the demo history plus what makes every event type appear: an organisation corrected, a
 * second key figure (not erased), an `advised-against` advice from `public-sources`, a second
 * exclusion that is lifted, a 2024 annual-overview snapshot (published), a confidential-list
 * snapshot (shared), a 2025 overview (with its consistency link) and signed checkpoints.
 *
 *   node --import tsx scripts/make-fixture-register.ts [DIR]   (default tests/fixtures/registers/v1)
 *
 * Run it once per register version, into a new folder; never over a checked-in one. It writes
 * `register.db` (its WAL checkpointed into the file), `register.db.keys`, the signing key's public
 * part `register.vkey` and `README.txt` (commit, checkpoints, snapshots). The signing key comes
 * from a fixed public test seed (it guards nothing); the key figures' keys and nonces are random,
 * so each run gives other roots and hashes: the README records those of the checked-in files.
 */
import { execFileSync } from 'node:child_process'
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto'
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import * as E from 'fp-ts/lib/Either.js'
import { keysPathOf, openSqlite } from '../adapters/sqlite/index.js'
import { demoHistory } from '../cli/demo/history.js'
import { keyId, parsePrivateKey, proveConsistency, signedCheckpoint } from '../src/audit/index.js'
import { createLedger, createSnapshotRenderer, fixedClock, isSnapshot, sequentialIds, EVENT_TYPES } from '../src/index.js'

const dir = process.argv[2] ?? 'tests/fixtures/registers/v1'
const ORIGIN = 'fixture.contact-ledger.test/register-v1'
const NOW = '2026-01-15T09:00:00.000Z'

const must = <A>(e: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

/** The fixture's signer: an Ed25519 key whose seed is the SHA-256 of a public phrase. */
const fixtureSigner = () => {
  const seed = createHash('sha256').update('contact-ledger fixture register v1: a test key, not a secret').digest()
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed])
  const spki = createPublicKey(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })).export({ format: 'der', type: 'spki' })
  const id = keyId(ORIGIN, spki.subarray(spki.length - 32)).toString(16).padStart(8, '0')
  return must(parsePrivateKey(`PRIVATE+KEY+${ORIGIN}+${id}+${Buffer.concat([Buffer.from([1]), seed]).toString('base64')}`))
}

const fid = (n: number): string => `f1000000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`
const demoOrg = (i: number): string => `de000000-0000-7000-8000-${(100 + i).toString(16).padStart(12, '0')}`
const as = (id: string, role: string) => ({ id, role })

/** Commands beyond the demo history, so that every event type is in the register. */
const extra = [
  { command: 'correctOrganisation', actor: as('c.desmet', 'coordinator'), payload: { organisationId: demoOrg(26), municipality: 'Breda-Noord', reason: 'adres gewijzigd' } },
  { command: 'registerKeyFigure', actor: as('a.jansen', 'official'), payload: { personId: fid(1), organisationId: demoOrg(2), name: 'S. de Vries', role: 'directeur', email: 'directie@taalverbindt.example' } },
  { command: 'recordVettingAdvice', actor: as('v.bakker', 'vetting-officer'), payload: { adviceId: fid(2), organisationId: demoOrg(22), source: 'public-sources', advice: 'advised-against', receivedOn: '2025-02-03', reference: 'OSINT-2025-004' } },
  { command: 'decideExclusion', actor: as('v.bakker', 'vetting-officer'), payload: { decisionId: fid(3), organisationId: demoOrg(27), decidedOn: '2025-03-03', grounds: [{ ground: 'foreign-influence-agenda', evidenceRefs: ['FIN-2025-002'] }], rationale: 'Financiering en sturing uit een derde land met een aantoonbare agenda.' } },
  { command: 'liftExclusion', actor: as('v.bakker', 'vetting-officer'), payload: { decisionId: fid(3), organisationId: demoOrg(27), liftedOn: '2025-07-01', rationale: 'Financiering beëindigd; bestuur vervangen.' } },
]

const main = async (): Promise<void> => {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, 'register.db')
  for (const suffix of ['', '-wal', '-shm', '.keys', '.keys-wal', '.keys-shm']) rmSync(`${path}${suffix}`, { force: true })
  const signer = fixtureSigner()
  const { store, keys, close } = must(await openSqlite({ path }))
  const ledger = createLedger({
    store,
    keys,
    clock: fixedClock(NOW),
    ids: sequentialIds('f1100000'),
    renderSnapshot: createSnapshotRenderer({
      checkpointAt: (size) => signedCheckpoint(store, signer, size)(),
      consistency: async (from, to) => E.map((r: { proof: ReadonlyArray<Uint8Array> }) => r.proof.map((h) => Buffer.from(h).toString('base64')))(await proveConsistency(store, from, to)()),
    }),
  })
  const refused: string[] = []
  for (const command of [...demoHistory(), ...extra]) {
    const r = await ledger.execute(command)
    if (E.isLeft(r)) {
      if (r.left._tag === 'StoreError') throw new Error(r.left.message)
      refused.push(`${command.command}: ${r.left._tag}`)
    }
  }
  must(await signedCheckpoint(store, signer)())
  const reporting = as('r.dekker', 'reporting-officer')
  const snap = async (payload: Record<string, unknown>) => {
    const r = must(await ledger.execute({ command: 'takeReportSnapshot', actor: reporting, payload }))
    const e = r.events.find(isSnapshot)
    if (e === undefined) throw new Error('no snapshot recorded')
    return e
  }
  const overview = await snap({ reportId: fid(10), kind: 'annual-overview', year: 2024, format: 'html', language: 'nl' })
  must(await ledger.execute({ command: 'publishReport', actor: reporting, payload: { reportId: fid(10), publishedOn: '2026-01-15', channel: 'rijksoverheid.nl' } }))
  const list = await snap({ reportId: fid(11), kind: 'confidential-contact-list', format: 'csv', language: 'en' })
  must(await ledger.execute({ command: 'shareReportConfidentially', actor: reporting, payload: { reportId: fid(11), sharedOn: '2026-01-15', recipient: 'Tweede Kamer, commissie SZW' } }))
  const overview2025 = await snap({ reportId: fid(12), kind: 'annual-overview', year: 2025, format: 'json' })
  must(await signedCheckpoint(store, signer)())

  const events = must(await store.read()())
  const types = new Set(events.map((e) => e.type))
  const missing = EVENT_TYPES.filter((t) => !types.has(t))
  if (missing.length > 0) throw new Error(`the fixture lacks event types ${missing.join(', ')}`)
  const checkpoints = must(await store.checkpoints()())
  await close()

  // fold the WAL into the file, so the file alone holds everything
  for (const file of [path, keysPathOf(path)]) {
    const db = new Database(file)
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.close()
  }
  for (const suffix of ['-wal', '-shm', '.keys-wal', '.keys-shm']) rmSync(`${path}${suffix}`, { force: true })
  writeFileSync(join(dir, 'register.vkey'), `${signer.verifierKey}\n`)

  const commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim()
  const rootOf = (note: string) => note.split('\n')[2]
  const snapshotLine = (e: typeof overview) =>
    `  position ${e.position}: ${e.data.kind} ${JSON.stringify(e.data.parameters)} reportId ${e.data.reportId} logSize ${e.data.logSize} contentHash ${e.data.contentHash}`
  const readme = [
    'A register written by contact-ledger before event and report versions existed (register version 1:',
    'every event meta.schemaVersion 1, no reportVersion on snapshots). Made by scripts/make-fixture-register.ts;',
    'never regenerate it: later versions must open, verify and render it as it is (rule 22).',
    '',
    `commit:        ${commit}`,
    `made at:       ${NOW} (fixed clock)`,
    `origin:        ${ORIGIN}`,
    `verifier key:  register.vkey (${signer.verifierKey})`,
    `entries:       ${events.length} (${types.size} event types); ${refused.length} commands refused as the rules require`,
    `files:         register.db ${statSync(path).size} bytes, register.db.keys ${statSync(keysPathOf(path)).size} bytes`,
    '',
    'signed checkpoints (tree size, root hash base64):',
    ...checkpoints.map((c) => `  ${c.treeSize} ${rootOf(c.note)}`),
    '',
    'report snapshots (content hash = sha256 hex of the rendering):',
    ...[overview, list, overview2025].map(snapshotLine),
    '',
  ].join('\n')
  writeFileSync(join(dir, 'README.txt'), readme)
  process.stdout.write(readme)
}

await main()
