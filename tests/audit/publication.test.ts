/**
 * A published overview with its snapshot entry (issue 16): the publisher takes the snapshot with
 * `--out FILE` and gets FILE (the bytes whose SHA-256 the snapshot records) and FILE.entry.json
 * (the entry's position, canonical text and leaf hash); the public tiles still hold no entry
 * bytes; a citizen with the tiles and the pinned key checks the file with `verify --tiles DIR
 * --vkey KEY --report FILE --entry FILE.entry.json`. The attacks: an edited report, a forged key,
 * tiles from before the snapshot, an entry moved to another position, an edited entry, an entry
 * that is no snapshot. And the same through the library (`checkPublication`).
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memoryEventStore, memoryKeyStore } from '../../adapters/memory/index.js'
import { checkPublication, publicationEntry, publicationEntryOf, writeTiles } from '../../src/audit/index.js'
import { createLedger, createSnapshotRenderer, fixedClock, isSnapshot, sequentialIds, snapshotText } from '../../src/index.js'
import { entryBytes } from '../../src/audit/canonical.js'
import { testSnapshotDeps } from '../reports/history-run.js'
import { NOW, actors, cmd, grantFixtureRoles } from '../fixtures/domain.js'
import { execAs, grantLine } from '../fixtures/cli.js'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'contact-ledger.mjs')

const cli = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CONTACT_LEDGER_KEY: '', CONTACT_LEDGER_VKEY: '', CONTACT_LEDGER_STORE: '' } })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')
const filesUnder = (d: string): string[] => readdirSync(d, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).map((f) => join(f.parentPath, f.name))

let dir = ''
const store = () => `sqlite:${join(dir, 'register.db')}`
let snapshot: { position: number; contentHash: string; logSize: number; out: string; entry: string }

/** Organisations enough for a full tile (256 leaves) and a partial one; one partner in 2024. */
const history = () =>
  [
    { command: 'configureRegister', actor: { id: 'admin', role: 'administrator' }, payload: { publisher: 'Ministerie van Sociale Zaken en Werkgelegenheid', origin: 'szw.example/register' } },
    cmd.registerOrganisation(),
    cmd.endorse(),
    cmd.startPartnership(),
    ...Array.from({ length: 280 }, (_, k) => cmd.registerOrganisation(`0a000000-0000-4000-8000-${(0x700000 + k).toString(16).padStart(12, '0')}`, `Stichting ${k}`)),
  ]
    .map((c) => JSON.stringify(c))
    .join('\n') + '\n'

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'contact-ledger-publication-'))
  const made = execAs(['--store', store(), '-'], history(), cli)
  expect(made.code, made.stderr).toBe(0)
  // the publisher who takes the snapshot, granted (rule 18)
  expect(cli(['exec', '--store', store(), '--actor', 'b.beheer', '-'], grantLine('r.degroot', 'reporting-officer')).code).toBe(0)
  expect(cli(['key', 'init', '--origin', 'szw.example/register', '--store', store()]).code).toBe(0)
  writeFileSync(join(dir, 'register.vkey'), cli(['key', 'public', '--store', store()]).stdout)
  // tiles published before the snapshot: they cannot include it
  expect(cli(['export', 'tiles', '--store', store(), '--out', join(dir, 'old-tiles')]).code).toBe(0)
  // the publisher's step
  const r = cli(['snapshot', 'annual', '--year', '2024', '--format', 'html', '--language', 'nl', '--actor', 'r.degroot', '--store', store(), '--out', join(dir, 'overzicht-2024.html')])
  expect(r.code, r.stderr).toBe(0)
  snapshot = JSON.parse(r.stdout)
  expect(cli(['export', 'tiles', '--store', store(), '--out', join(dir, 'public')]).code).toBe(0)
}, 120_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const verifyPublication = (report: string, entry: string, vkey = join(dir, 'register.vkey'), tiles = join(dir, 'public')) =>
  cli(['verify', '--tiles', tiles, '--vkey', vkey, '--report', report, '--entry', entry])

describe("the publisher's step: snapshot annual --out FILE", () => {
  it('writes the exact bytes the snapshot recorded, world-readable, and the snapshot entry beside it', () => {
    const html = readFileSync(join(dir, 'overzicht-2024.html'))
    expect(sha256(html)).toBe(snapshot.contentHash)
    expect(html.toString('utf8')).toContain('Stichting Samen Verder')
    expect(statSync(join(dir, 'overzicht-2024.html')).mode & 0o777).toBe(0o644)
    expect(snapshot.entry).toBe(join(dir, 'overzicht-2024.html.entry.json'))
    const entry = JSON.parse(readFileSync(snapshot.entry, 'utf8'))
    expect(Object.keys(entry).sort()).toEqual(['entry', 'leafHash', 'position'])
    expect(entry.position).toBe(snapshot.position)
    const leaf = createHash('sha256').update(Buffer.from([0])).update(Buffer.from(entry.entry, 'utf8')).digest('base64')
    expect(entry.leafHash).toBe(leaf)
  })

  it('the entry holds nothing non-public: the report\'s kind, year, format, log size, checkpoint and hash, and the meta of its recording (the reporting officer\'s id)', () => {
    const record = JSON.parse(JSON.parse(readFileSync(snapshot.entry, 'utf8')).entry)
    expect(record.type).toBe('ReportSnapshotTaken')
    expect(Object.keys(record.data).sort()).toEqual(['checkpoint', 'contentHash', 'kind', 'logSize', 'parameters', 'reportId', 'reportVersion'])
    expect(record.data.parameters).toEqual({ format: 'html', language: 'nl', year: 2024 })
    expect(record.meta.actor).toEqual({ id: 'r.degroot', role: 'reporting-officer' })
    expect(Object.keys(record.meta).sort()).toEqual(['actor', 'businessDate', 'causationId', 'command', 'correlationId', 'recordedAt', 'schemaVersion'])
  })

  it('the public tiles still hold no entry bytes: no entry bundle, and no tile holds the snapshot entry or an organisation name', () => {
    const files = filesUnder(join(dir, 'public'))
    expect(files.some((f) => f.includes(join('tile', 'entries')))).toBe(false)
    const entryText = JSON.parse(readFileSync(snapshot.entry, 'utf8')).entry as string
    for (const f of files) {
      const bytes = readFileSync(f)
      expect(bytes.includes(Buffer.from(entryText.slice(0, 40)))).toBe(false)
      expect(bytes.includes(Buffer.from('Stichting'))).toBe(false)
    }
  })

  it('snapshot publish --position N writes the same two files again for a snapshot already recorded', () => {
    const again = join(dir, 'again.html')
    const r = cli(['snapshot', 'publish', '--position', String(snapshot.position), '--out', again, '--store', store()])
    expect(r.code, r.stderr).toBe(0)
    expect(readFileSync(again)).toEqual(readFileSync(join(dir, 'overzicht-2024.html')))
    expect(readFileSync(`${again}.entry.json`, 'utf8')).toBe(readFileSync(snapshot.entry, 'utf8'))
    const notSnapshot = cli(['snapshot', 'publish', '--position', '1', '--out', join(dir, 'x.html'), '--store', store()])
    expect(notSnapshot.code).toBe(1)
    expect(notSnapshot.stderr).toContain('not a report snapshot')
    const exists = cli(['snapshot', 'publish', '--position', String(snapshot.position), '--out', again, '--store', store()])
    expect(exists.code).toBe(2)
    expect(exists.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('refuses an --out that exists before recording anything', () => {
    const before = cli(['log', '--store', store()]).stdout
    const r = cli(['snapshot', 'annual', '--year', '2024', '--actor', 'r.degroot', '--store', store(), '--out', join(dir, 'overzicht-2024.html')])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('exists already')
    expect(cli(['log', '--store', store()]).stdout).toBe(before)
  })
})

describe("the citizen's step: verify --tiles DIR --vkey KEY --report FILE --entry FILE.entry.json", () => {
  it('passes for the published file, naming the entry, the inclusion and the pinned key', () => {
    const r = verifyPublication(join(dir, 'overzicht-2024.html'), snapshot.entry)
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(r.stdout).toContain(`is the annual-overview 2024 the snapshot entry at position ${snapshot.position} records (content hash ${snapshot.contentHash}`)
    expect(r.stdout).toContain(`the entry is leaf ${snapshot.position} of the tiles' checkpoint of size ${snapshot.position + 1}`)
    expect(r.stdout).toMatch(/checked against the pinned key szw\.example\/register\+[0-9a-f]{8}/)
  })

  it('an edited report fails with exit 1: hash mismatch', () => {
    const forged = join(dir, 'forged.html')
    writeFileSync(forged, readFileSync(join(dir, 'overzicht-2024.html'), 'utf8').replace('Stichting Samen Verder', 'Stichting Samen Verdere'))
    const r = verifyPublication(forged, snapshot.entry)
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('hash mismatch')
    expect(r.stdout).toContain(snapshot.contentHash)
  })

  it('tiles signed by another key fail with exit 1: key mismatch', () => {
    expect(cli(['key', 'init', '--origin', 'szw.example/register', '--key', join(dir, 'forger.key')]).code).toBe(0)
    writeFileSync(join(dir, 'forger.vkey'), cli(['key', 'public', '--key', join(dir, 'forger.key')]).stdout)
    const r = verifyPublication(join(dir, 'overzicht-2024.html'), snapshot.entry, join(dir, 'forger.vkey'))
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('key mismatch')
  })

  it('tiles exported before the snapshot fail with exit 1: not included', () => {
    const r = verifyPublication(join(dir, 'overzicht-2024.html'), snapshot.entry, join(dir, 'register.vkey'), join(dir, 'old-tiles'))
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(`not included: the tiles' checkpoint is of ${snapshot.position} entries`)
  })

  it('an entry moved to another position fails with exit 1: not included; an edited entry is named as altered', () => {
    const entry = JSON.parse(readFileSync(snapshot.entry, 'utf8'))
    writeFileSync(join(dir, 'moved.json'), JSON.stringify({ ...entry, position: 3 }))
    const moved = verifyPublication(join(dir, 'overzicht-2024.html'), join(dir, 'moved.json'))
    expect(moved.code).toBe(1)
    expect(moved.stdout).toContain('not included: the leaf at position 3')
    // an edited entry whose leaf hash was computed again: consistent in itself, but not in the log
    const text = (entry.entry as string).replace('"r.degroot"', '"someone.else"')
    const leafHash = createHash('sha256').update(Buffer.from([0])).update(Buffer.from(text, 'utf8')).digest('base64')
    writeFileSync(join(dir, 'edited.json'), JSON.stringify({ ...entry, entry: text, leafHash }))
    const edited = verifyPublication(join(dir, 'overzicht-2024.html'), join(dir, 'edited.json'))
    expect(edited.code).toBe(1)
    expect(edited.stdout).toContain(`not included: the leaf at position ${snapshot.position}`)
    writeFileSync(join(dir, 'stale.json'), JSON.stringify({ ...entry, entry: text }))
    const stale = verifyPublication(join(dir, 'overzicht-2024.html'), join(dir, 'stale.json'))
    expect(stale.code).toBe(1)
    expect(stale.stdout).toContain('the entry was altered')
  })

  it('without a pinned key the signatures are reported as not checked (exit 1) unless --no-signatures', () => {
    const args = ['verify', '--tiles', join(dir, 'public'), '--report', join(dir, 'overzicht-2024.html'), '--entry', snapshot.entry]
    const unpinned = cli(args)
    expect(unpinned.code).toBe(1)
    expect(unpinned.stdout).toContain('NOT CHECKED')
    expect(cli([...args, '--no-signatures']).code).toBe(0)
  })

  it('usage: --report without --entry, either without --tiles, an unreadable file: exit 2 with one line', () => {
    for (const args of [
      ['verify', '--tiles', join(dir, 'public'), '--vkey', join(dir, 'register.vkey'), '--report', join(dir, 'overzicht-2024.html')],
      ['verify', '--store', store(), '--report', join(dir, 'overzicht-2024.html'), '--entry', snapshot.entry],
      ['verify', '--tiles', join(dir, 'public'), '--vkey', join(dir, 'register.vkey'), '--report', join(dir, 'overzicht-2024.html'), '--entry', join(dir, 'absent.json')],
      ['verify', '--tiles', join(dir, 'public'), '--vkey', join(dir, 'register.vkey'), '--report', dir, '--entry', snapshot.entry],
    ]) {
      const r = cli(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1)
      expect(r.stderr).toMatch(/^contact-ledger: .*(--report|--entry)/)
    }
  })
})

describe('the library: publicationEntry, snapshotText and checkPublication', () => {
  it('checks a published overview against tiles written from a memory store, and refuses an entry that is no snapshot', async () => {
    const events = memoryEventStore()
    await grantFixtureRoles(events)
    const ledger = createLedger({ store: events, keys: memoryKeyStore(), clock: fixedClock(NOW), ids: sequentialIds(), renderSnapshot: createSnapshotRenderer(testSnapshotDeps(events)) })
    for (const c of [cmd.registerOrganisation(), cmd.endorse(), cmd.startPartnership()]) expect(E.isRight(await ledger.execute(c))).toBe(true)
    const taken = await ledger.execute({ command: 'takeReportSnapshot', actor: actors.reporting, payload: { kind: 'annual-overview', year: 2024, format: 'json' } })
    if (E.isLeft(taken)) throw new Error(taken.left.message)
    const snap = taken.right.events.filter(isSnapshot)[0]!
    const text = await snapshotText(events, snap)
    if (E.isLeft(text)) throw new Error(text.left.message)
    const entry = await publicationEntry(events, snap.position)()
    if (E.isLeft(entry)) throw new Error(entry.left.message)
    const tiles = new Map<string, Uint8Array>()
    const size = snap.position + 1
    const written = await writeTiles(events, size, { withEntries: false }, async (f) => void tiles.set(f.path, f.bytes))()
    expect(E.isRight(written)).toBe(true)
    // the checkpoint the tiles are published with: the test deps' note at this size (hashes only, no pinned key)
    const cp = await testSnapshotDeps(events).checkpointAt(size)
    if (E.isLeft(cp)) throw new Error(cp.left.message)
    tiles.set('checkpoint', Buffer.from(cp.right.note))
    const fetch = async (p: string) => tiles.get(p)
    const ok = await checkPublication(fetch, Buffer.from(text.right), JSON.stringify(entry.right))
    expect(ok).toMatchObject({ _tag: 'PublicationChecked', position: snap.position, kind: 'annual-overview', parameters: { year: 2024 }, contentHash: snap.data.contentHash })
    const bad = await checkPublication(fetch, Buffer.from(`${text.right} `), JSON.stringify(entry.right))
    expect(bad).toMatchObject({ _tag: 'PublicationFailure', kind: 'hash-mismatch' })
    const registration = (await events.read({ from: 0, limit: 1 })())
    if (E.isLeft(registration)) throw new Error(registration.left.message)
    const notSnapshot = publicationEntryOf(0, entryBytes(registration.right[0]!))
    expect(await checkPublication(fetch, Buffer.from(text.right), JSON.stringify(notSnapshot))).toMatchObject({ _tag: 'PublicationFailure', kind: 'entry-file', message: expect.stringContaining('RoleGranted') })
    expect(await checkPublication(fetch, Buffer.from(text.right), 'not json')).toMatchObject({ kind: 'entry-file' })
  })
})
