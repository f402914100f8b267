/**
 * Reports from an exported bundle as the register stood on a date (issue 16): the bytes of the
 * rendering from the register at that size, the cut a prefix by recording date in
 * Europe/Amsterdam (never a filter, whatever order writers' clocks recorded in), and a bundle that
 * does not verify never rendered.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { memoryEventStore, memoryKeyStore } from '../../adapters/memory/index.js'
import { entryBytes, generateSigner, parseVerifierKey, signedCheckpoint } from '../../src/audit/index.js'
import { grantCommands } from '../../src/testing/roles.js'
import { createLedger, fixedClock, renderAt, renderFromBundle, sequentialIds, type BundleSource } from '../../src/index.js'
import { cli } from '../fixtures/cli.js'
import { grantFixtureRoles } from '../fixtures/domain.js'

const lines = (xs: ReadonlyArray<string>) => () =>
  (async function* () {
    yield* xs
  })()

/** The entries that open the register: b.beheer's grant, and the grants of c and e.auditor. */
const OPENING = 3

/** A register whose entries were recorded at these instants, in this order, and its bundle. */
const registerRecordedAt = async (instants: ReadonlyArray<string>) => {
  const store = memoryEventStore()
  const clock = fixedClock(instants[0]!)
  // opened at the first instant: b.beheer, then the coordinator c and the auditor e.auditor (OPENING entries)
  await grantFixtureRoles(store, grantCommands([['c', 'coordinator'], ['e.auditor', 'auditor']], 'b.beheer'), instants[0]!)
  const ledger = createLedger({ store, keys: memoryKeyStore(), clock, ids: sequentialIds('b0000000') })
  for (const [i, at] of instants.entries()) {
    clock.set(at)
    const r = await ledger.execute({ command: 'registerOrganisation', actor: { id: 'c', role: 'coordinator' }, payload: { name: `Stichting ${i}`, kind: 'other' } })
    if (E.isLeft(r)) throw new Error(r.left.message)
  }
  const signer = generateSigner('szw.example/contact-ledger')
  if (E.isLeft(signer)) throw new Error(signer.left.message)
  const cp = await signedCheckpoint(store, signer.right)()
  if (E.isLeft(cp)) throw new Error(cp.left.message)
  const events = await store.read()()
  if (E.isLeft(events)) throw new Error(events.left.message)
  const entries = events.right.map((e) => Buffer.from(entryBytes(e)).toString('utf8'))
  const source: BundleSource = { entries: lines(entries), latest: { file: 'checkpoint', note: cp.right.note }, checkpoints: [] }
  const vkey = parseVerifierKey(signer.right.verifierKey)
  if (E.isLeft(vkey)) throw new Error(vkey.left.message)
  return { store, source, verifiers: [vkey.right] }
}

describe('renderFromBundle (library)', () => {
  it('cuts at the first entry recorded after the day (Europe/Amsterdam), even when a later entry was recorded earlier', async () => {
    const { store, source, verifiers } = await registerRecordedAt([
      '2024-12-30T10:00:00.000Z',
      '2024-12-31T22:59:59.000Z', // 23:59:59 on 31 December in Amsterdam (CET): still that day
      '2024-12-31T23:30:00.000Z', // 00:30 on 1 January in Amsterdam: after the day
      '2024-12-31T09:00:00.000Z', // a writer whose clock lagged: recorded "earlier", placed later
      '2025-01-02T09:00:00.000Z',
    ])
    const request = { kind: 'annual-overview', year: 2024 } as const
    const r = await renderFromBundle(source, request, { format: 'csv', asOf: '2024-12-31', verifiers })
    if (E.isLeft(r)) throw new Error(r.left.message)
    expect(r.right.logSize).toBe(OPENING + 2)
    expect(r.right.bundleSize).toBe(OPENING + 5)
    const live = await renderAt(store, request, { format: 'csv', at: OPENING + 2 })
    expect(E.isRight(live) && live.right.text).toBe(r.right.text)
    const before = await renderFromBundle(source, request, { format: 'csv', asOf: '2024-12-29', verifiers })
    expect(E.isRight(before) && before.right.logSize).toBe(0)
    const whole = await renderFromBundle(source, request, { format: 'csv', verifiers })
    expect(E.isRight(whole) && whole.right.logSize).toBe(OPENING + 5)
  })

  it('a restricted report from a bundle names its reader, who must hold a reading role by the bundle\'s own grants (rule 20)', async () => {
    const { source, verifiers } = await registerRecordedAt(['2024-03-01T10:00:00.000Z', '2024-03-02T10:00:00.000Z'])
    const list = { kind: 'confidential-contact-list' } as const
    const nobody = await renderFromBundle(source, list, { format: 'json', verifiers })
    expect(E.isLeft(nobody) && nobody.left).toMatchObject({ _tag: 'Unauthorized', actorId: null, allowed: ['reporting-officer', 'auditor'] })
    const coordinator = await renderFromBundle(source, { kind: 'audit-view' }, { format: 'json', verifiers, reader: 'c' })
    expect(E.isLeft(coordinator) && coordinator.left).toMatchObject({ _tag: 'Unauthorized', held: ['coordinator'], message: expect.stringContaining('by the grants this bundle records') })
    const auditor = await renderFromBundle(source, list, { format: 'json', verifiers, reader: 'e.auditor' })
    expect(E.isRight(auditor) && auditor.right.logSize).toBe(OPENING + 2)
    // the public overview names no reader
    expect(E.isRight(await renderFromBundle(source, { kind: 'annual-overview', year: 2024 }, { format: 'json', verifiers }))).toBe(true)
  })

  it('counts a summer evening by Amsterdam summer time (CEST, UTC+2)', async () => {
    const { source, verifiers } = await registerRecordedAt(['2024-06-30T21:59:00.000Z', '2024-06-30T22:01:00.000Z'])
    const r = await renderFromBundle(source, { kind: 'annual-overview', year: 2024 }, { format: 'json', asOf: '2024-06-30', verifiers })
    expect(E.isRight(r) && r.right.logSize).toBe(OPENING + 1)
  })

  it('refuses a bundle with an altered entry or signed by another key, naming why; nothing is rendered', async () => {
    const { source, verifiers } = await registerRecordedAt(['2024-03-01T10:00:00.000Z', '2024-03-02T10:00:00.000Z'])
    const altered: string[] = []
    for await (const l of source.entries()) altered.push(l)
    altered[OPENING + 1] = altered[OPENING + 1]!.replace('Stichting 1', 'Stichting X')
    const r = await renderFromBundle({ ...source, entries: lines(altered) }, { kind: 'annual-overview', year: 2024 }, { format: 'json', verifiers })
    expect(E.isLeft(r) && r.left._tag).toBe('BundleRefused')
    expect(E.isLeft(r) && r.left.message).toContain('does not verify')
    const other = generateSigner('szw.example/contact-ledger')
    const otherKey = E.isRight(other) ? parseVerifierKey(other.right.verifierKey) : other
    if (E.isLeft(otherKey)) throw new Error('no key')
    const forged = await renderFromBundle(source, { kind: 'annual-overview', year: 2024 }, { format: 'json', verifiers: [otherKey.right] })
    expect(E.isLeft(forged)).toBe(true)
  })
})

describe('contact-ledger report … --bundle DIR --as-of DATE', () => {
  let dir: string
  let store: string
  let bundle: string
  let vkey: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cl-bundle-report-'))
    store = `sqlite:${join(dir, 'demo.db')}`
    const demo = cli(['demo', '--store', store])
    if (demo.code !== 0) throw new Error(`demo failed: ${demo.stderr}`)
    bundle = join(dir, 'bundle')
    const exported = cli(['export', '--store', store, '--out', bundle, '--actor', 'e.auditor']) // the demo grants its auditor
    if (exported.code !== 0) throw new Error(`export failed: ${exported.stderr}`)
    vkey = join(dir, 'register.vkey')
    writeFileSync(vkey, cli(['key', 'public', '--store', store]).stdout)
  })

  it('report annual --bundle DIR --as-of 2024-12-31 gives the bytes of the overview as it stood then, and says which log size', () => {
    const log = cli(['log', '--store', store, '--actor', 'e.auditor']).stdout.trim().split('\n').map((l) => JSON.parse(l) as { meta: { recordedAt: string } })
    const cut = log.findIndex((e) => e.meta.recordedAt >= '2024-12-31T23:00:00.000Z') // midnight in Amsterdam (CET)
    expect(cut).toBeGreaterThan(0)
    expect(cut).toBeLessThan(log.length)
    const r = cli(['report', 'annual', '--year', '2024', '--format', 'html', '--bundle', bundle, '--as-of', '2024-12-31', '--vkey', vkey])
    expect(r.code).toBe(0)
    expect(r.stderr).toContain(`report of the bundle's first ${cut} of ${log.length} entries, recorded by the end of 2024-12-31 (Europe/Amsterdam)`)
    expect(r.stderr).toContain('checked against the pinned key')
    const live = cli(['report', 'annual', '--year', '2024', '--format', 'html', '--store', store, '--at', String(cut)])
    expect(live.code).toBe(0)
    expect(r.stdout).toBe(live.stdout)
    expect(r.stdout).toContain(`<dd>${cut}</dd>`)
  })

  it('refuses without a pinned key (exit 1) unless --no-signatures, and refuses --as-of without --bundle (exit 2)', () => {
    const env = { ...process.env }
    delete env['CONTACT_LEDGER_VKEY']
    const unpinned = cli(['report', 'annual', '--year', '2024', '--bundle', bundle, '--as-of', '2024-12-31'])
    expect(unpinned.code).toBe(1)
    expect(unpinned.stdout).toBe('')
    expect(unpinned.stderr).toContain('NOT CHECKED')
    const allowed = cli(['report', 'annual', '--year', '2024', '--bundle', bundle, '--as-of', '2024-12-31', '--no-signatures'])
    expect(allowed.code).toBe(0)
    expect(JSON.parse(allowed.stdout.slice(0, allowed.stdout.lastIndexOf(',')) + '}').kind).toBe('annual-overview')
    const noBundle = cli(['report', 'annual', '--year', '2024', '--store', store, '--as-of', '2024-12-31'])
    expect(noBundle.code).toBe(2)
    expect(noBundle.stderr).toContain('--as-of goes with --bundle')
  })

  it('refuses a tampered bundle (exit 1), naming the altered entry, and prints no report', () => {
    const tampered = join(dir, 'tampered')
    spawnSync('cp', ['-r', bundle, tampered])
    const path = join(tampered, 'entries.jsonl')
    const entries = readFileSync(path, 'utf8').split('\n')
    entries[12] = entries[12]!.replace(/"recordedAt":"2/, '"recordedAt":"1')
    writeFileSync(path, entries.join('\n'))
    const r = cli(['report', 'annual', '--year', '2024', '--format', 'html', '--bundle', tampered, '--as-of', '2024-12-31', '--vkey', vkey])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('the bundle does not verify')
    expect(r.stderr).toContain('line 13 of entries.jsonl')
  })
})
