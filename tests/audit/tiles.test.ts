/**
 * The log as C2SP tlog-tiles (issue 16): `export tiles` through the real binary, read back by a
 * small reader in this file that knows only the spec's layout (paths, 32-byte hashes, uint16
 * length-prefixed entry bundles, RFC 6962 hashing with node:crypto), verified leaf by leaf, an
 * inclusion proof rebuilt from the hash tiles alone, no entry bytes in the public tiles, full
 * tiles unchanged by a later export, and `verify --tiles` against a pinned key, with tampering.
 * (No independent implementation such as Go's is installed here; this reader is the check.)
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  hashTiles,
  inclusionFromTiles,
  levelTiles,
  openTileTree,
  parseVerifierKey,
  tileIndexPath,
  tilePath,
  verifyCheckpoint,
  verifyInclusion,
  verifyTiles,
} from '../../src/audit/index.js'
import { cmd } from '../fixtures/domain.js'
import { AS_AUDITOR, READER_GRANTS, grantLine, grantsFor, execAs } from '../fixtures/cli.js'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'contact-ledger.mjs')

const cli = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CONTACT_LEDGER_KEY: '', CONTACT_LEDGER_VKEY: '' },
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const NAME = 'Zonnebloemhuis'
const orgs = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, k) =>
    JSON.stringify(cmd.registerOrganisation(`0a000000-0000-4000-8000-${(0x500000 + from + k).toString(16).padStart(12, '0')}`, `${NAME} ${from + k}`)),
  ).join('\n') + '\n'

// ---------------------------------------------------------------------------------------------
// an independent reader: only the C2SP tlog-tiles layout and RFC 6962, with node:crypto

const sha = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256')
  for (const p of parts) h.update(p)
  return h.digest()
}
const leafHash = (entry: Uint8Array) => sha(Buffer.from([0]), entry)
const nodeHash = (l: Uint8Array, r: Uint8Array) => sha(Buffer.from([1]), l, r)

/** `<N>` as 3-digit groups, all but the last prefixed x (written apart from the library's). */
const nPath = (n: number): string => {
  const digits = String(n).padStart(Math.ceil(String(n).length / 3) * 3, '0')
  const groups = digits.match(/.{3}/g)!
  return groups.map((g, i) => (i === groups.length - 1 ? g : 'x' + g)).join('/')
}
const pathOf = (level: number | 'entries', n: number, w: number) => `tile/${level}/${nPath(n)}${w === 256 ? '' : `.p/${w}`}`

/** RFC 6962 MTH over a list of leaf-level hashes. */
const mth = (hashes: ReadonlyArray<Uint8Array>): Uint8Array => {
  if (hashes.length === 0) return sha()
  if (hashes.length === 1) return hashes[0]!
  let k = 1
  while (k * 2 < hashes.length) k *= 2
  return nodeHash(mth(hashes.slice(0, k)), mth(hashes.slice(k)))
}

/** RFC 6962 PATH(m, D) for leaf m among the hashes D. */
const path = (m: number, hashes: ReadonlyArray<Uint8Array>): Uint8Array[] => {
  if (hashes.length <= 1) return []
  let k = 1
  while (k * 2 < hashes.length) k *= 2
  return m < k ? [...path(m, hashes.slice(0, k)), mth(hashes.slice(k))] : [...path(m - k, hashes.slice(k)), mth(hashes.slice(0, k))]
}

const split32 = (b: Buffer): Buffer[] => Array.from({ length: b.length / 32 }, (_, i) => b.subarray(i * 32, i * 32 + 32))

/** Reads a tile tree of `size` from a folder, by the spec's layout only. */
const readTree = (dir: string, size: number) => {
  const level0: Buffer[] = []
  const tiles: Array<{ level: number; n: number; hashes: Buffer[] }> = []
  for (let level = 0; Math.floor(size / 256 ** level) > 0; level++) {
    const count = Math.floor(size / 256 ** level)
    for (let n = 0; n * 256 < count; n++) {
      const w = Math.min(256, count - n * 256)
      const bytes = readFileSync(join(dir, pathOf(level, n, w)))
      expect(bytes.length).toBe(w * 32)
      tiles.push({ level, n, hashes: split32(bytes) })
      if (level === 0) level0.push(...split32(bytes))
    }
  }
  return { level0, tiles }
}

const readBundles = (dir: string, size: number): Buffer[] => {
  const out: Buffer[] = []
  for (let n = 0; n * 256 < size; n++) {
    const w = Math.min(256, size - n * 256)
    const b = readFileSync(join(dir, pathOf('entries', n, w)))
    let at = 0
    let count = 0
    while (at < b.length) {
      const len = b.readUInt16BE(at)
      out.push(b.subarray(at + 2, at + 2 + len))
      at += 2 + len
      count++
    }
    expect(at).toBe(b.length)
    expect(count).toBe(w)
  }
  return out
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())

const checkpointOf = (note: string) => {
  const [origin, size, root] = note.split('\n')
  return { origin: origin!, size: Number(size), root: Buffer.from(root!, 'base64') }
}

const folder = (dir: string) => async (p: string) => (existsSync(join(dir, p)) ? readFileSync(join(dir, p)) : undefined)

// ---------------------------------------------------------------------------------------------

describe('the tile layout of c2sp.org/tlog-tiles', () => {
  it('encodes tile indexes in x-prefixed 3-digit groups (the spec and Go sumdb examples)', () => {
    expect(tileIndexPath(1234067)).toBe('x001/x234/067')
    expect(tileIndexPath(123456078)).toBe('x123/x456/078')
    expect(tileIndexPath(3057500)).toBe('x003/x057/500')
    expect(tileIndexPath(1)).toBe('001')
    expect(tileIndexPath(0)).toBe('000')
    expect(tileIndexPath(1000)).toBe('x001/000')
    for (const n of [0, 7, 999, 1000, 65535, 1234067, 10 ** 9 + 5]) expect(tileIndexPath(n)).toBe(nPath(n))
    expect(tilePath({ level: 0, index: 1234067, width: 256 })).toBe('tile/0/x001/x234/067')
    expect(tilePath({ level: 'entries', index: 3, width: 17 })).toBe('tile/entries/003.p/17')
  })

  it('has the tiles the spec lists for a tree of 70,000 and of 256 entries', () => {
    const t = hashTiles(70000)
    const at = (l: number) => t.filter((x) => x.level === l)
    expect(at(0).filter((x) => x.width === 256)).toHaveLength(273)
    expect(at(0).filter((x) => x.width !== 256).map((x) => x.width)).toEqual([112])
    expect(at(1).map((x) => x.width)).toEqual([256, 17])
    expect(at(2).map((x) => x.width)).toEqual([1])
    expect(t).toHaveLength(273 + 1 + 2 + 1)
    expect(hashTiles(256).map(tilePath)).toEqual(['tile/0/000', 'tile/1/000.p/1'])
    expect(hashTiles(0)).toEqual([])
    expect(levelTiles(300, 'entries').map(tilePath)).toEqual(['tile/entries/000', 'tile/entries/001.p/44'])
  })
})

describe('export tiles and verify --tiles through the real binary', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-tiles-'))
  const db = join(dir, 'register.db')
  const store = `sqlite:${db}`
  const pub = join(dir, 'public')
  const priv = join(dir, 'with-entries')
  let vkey = ''
  const fullTileBytes = new Map<string, Buffer>()

  beforeAll(() => {
    // 600 entries: the readers of rule 20 and the coordinator granted first (tiles with entries are the auditor's restricted read), then organisations
    expect(execAs(['--store', store, '-'], READER_GRANTS + grantLine('c.desmet', 'coordinator') + orgs(6, 600), cli).code).toBe(0)
    const a = cli(['export', 'tiles', '--store', store, '--out', pub])
    expect(a.stderr).toContain('made a new checkpoint signing key') // as export does on first use
    expect(a.code).toBe(0)
    vkey = cli(['key', 'public', '--store', store]).stdout.trim()
    expect(vkey).toMatch(/^\S+\+[0-9a-f]{8}\+\S+$/)
    writeFileSync(join(dir, 'register.vkey'), vkey + '\n')
    expect(a.stdout).toContain('exported 600 entries as tiles')
    const b = cli(['export', 'tiles', '--store', store, '--out', priv, '--with-entries', ...AS_AUDITOR])
    expect(b.code).toBe(0)
    expect(b.stderr).toContain('holds the whole register (restricted')
    for (const f of filesUnder(join(pub, 'tile'))) if (!f.includes('.p')) fullTileBytes.set(relative(pub, f), readFileSync(f))
  }, 120_000)

  it('writes the layout the spec gives for 600 entries: two full and one partial leaf tile, one partial tile of level 1', () => {
    const files = filesUnder(pub).map((f) => relative(pub, f)).sort()
    expect(files).toEqual(['checkpoint', 'tile/0/000', 'tile/0/001', 'tile/0/002.p/88', 'tile/1/000.p/2'])
  })

  it('reads back with the independent reader: every leaf of every entry bundle, the level-1 hashes and the root match the pinned checkpoint', () => {
    const note = readFileSync(join(priv, 'checkpoint'), 'utf8')
    expect(E.isRight(verifyCheckpoint(note, vkey))).toBe(true)
    const cp = checkpointOf(note)
    expect(cp.size).toBe(600)
    const { level0, tiles } = readTree(priv, cp.size)
    expect(level0).toHaveLength(600)
    const entries = readBundles(priv, cp.size)
    expect(entries).toHaveLength(600)
    entries.forEach((e, i) => expect(leafHash(e).equals(level0[i]!), `leaf ${i}`).toBe(true))
    // each level-1 hash is the MTH of the full level-0 tile below it
    const level1 = tiles.filter((t) => t.level === 1).flatMap((t) => t.hashes)
    expect(level1).toHaveLength(2)
    level1.forEach((h, n) => expect(Buffer.from(mth(level0.slice(n * 256, n * 256 + 256))).equals(h)).toBe(true))
    expect(Buffer.from(mth(level0)).equals(cp.root)).toBe(true)
    // the entries are the register's canonical entries: JSON, in order, naming the organisations
    expect(JSON.parse(entries[599]!.toString('utf8'))).toMatchObject({ position: 599, type: 'OrganisationRegistered' })
    expect(entries[599]!.toString('utf8')).toContain(`${NAME} 599`)
  })

  it('rebuilds an inclusion proof for an entry from the hash tiles alone and checks it against the checkpoint', async () => {
    const note = readFileSync(join(pub, 'checkpoint'), 'utf8')
    const cp = verifyCheckpoint(note, vkey)
    if (E.isLeft(cp)) throw new Error(cp.left.message)
    const { level0 } = readTree(pub, cp.right.treeSize)
    const entry = readBundles(priv, 600)[300]!
    for (const index of [0, 255, 256, 300, 599]) {
      const proof = path(index, level0)
      expect(E.isRight(verifyInclusion(index, 600, level0[index]!, proof, cp.right.rootHash)), `entry ${index}`).toBe(true)
      // the library's proof from the same tiles is the same
      const lib = await inclusionFromTiles(openTileTree(folder(pub), 600), index, 600)
      expect(E.isRight(lib) && lib.right.proof.map((p) => Buffer.from(p).toString('hex'))).toEqual(proof.map((p) => Buffer.from(p).toString('hex')))
    }
    // a published entry's bytes prove themselves against the public tiles
    expect(E.isRight(verifyInclusion(300, 600, leafHash(entry), path(300, level0), cp.right.rootHash))).toBe(true)
    expect(E.isLeft(verifyInclusion(300, 600, leafHash(Buffer.concat([entry, Buffer.from(' ')])), path(300, level0), cp.right.rootHash))).toBe(true)
  })

  it('the public tiles hold no entry bytes: no organisation name in any file under tile/ except tile/entries', () => {
    const pubFiles = filesUnder(join(pub, 'tile'))
    expect(pubFiles.some((f) => f.includes(`${'entries'}`))).toBe(false)
    const privFiles = filesUnder(join(priv, 'tile'))
    for (const f of [...pubFiles, ...privFiles.filter((f) => !relative(priv, f).startsWith('tile/entries'))]) {
      const text = readFileSync(f).toString('latin1')
      expect(text.includes(NAME), f).toBe(false)
      expect(text.includes('OrganisationRegistered'), f).toBe(false)
    }
    // while the entry bundles do hold them, written owner-only
    const bundle = privFiles.find((f) => relative(priv, f).startsWith('tile/entries/000'))!
    expect(readFileSync(bundle).toString('utf8')).toContain(`${NAME} 5`) // the first organisation (entries 0-4 are the grants)
    expect(statSync(bundle).mode & 0o077).toBe(0)
  })

  it('verify --tiles checks against the pinned key, and leaf by leaf with the entry bundles', () => {
    const ok = cli(['verify', '--tiles', priv, '--vkey', join(dir, 'register.vkey')])
    expect(ok.code).toBe(0)
    const lines = ok.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^verified: 600 entries, root \S+, 1 checkpoints \(signatures checked\)$/)
    expect(lines[1]).toContain(`checked against the pinned key ${vkey.split('+').slice(0, 2).join('+')}`)
    expect(lines[2]).toBe("tiles: 4 hash tiles checked against each other and the checkpoint's root; 600 entries checked leaf by leaf against tile/0")
    const unpinned = cli(['verify', '--tiles', pub])
    expect(unpinned.code).toBe(1)
    expect(unpinned.stdout).toContain('signatures: NOT CHECKED')
    expect(cli(['verify', '--tiles', join(dir, 'nothing-here'), '--vkey', vkey]).code).toBe(2)
  })

  it('names an altered entry by its position, and an altered, missing or cut hash tile by its path', () => {
    const vk = join(dir, 'register.vkey')
    const bad = (name: string, change: (d: string) => void) => {
      const d = join(dir, name)
      rmSync(d, { recursive: true, force: true })
      cpSync(priv, d, { recursive: true })
      change(d)
      return cli(['verify', '--tiles', d, '--vkey', vk])
    }
    const entry = bad('entry', (d) => {
      const f = join(d, 'tile/entries/001')
      const b = readFileSync(f)
      const text = b.toString('latin1').replace(`${NAME} 300`, `${NAME} 301`)
      writeFileSync(f, Buffer.from(text, 'latin1'))
    })
    expect(entry.code).toBe(1)
    expect(entry.stdout.trim()).toBe('verification failed at position 300: entry 300 (in tile/entries/001) does not hash to its leaf in tile/0/001: the entry was altered')
    const tile = bad('tile', (d) => {
      const f = join(d, 'tile/0/001')
      const b = readFileSync(f)
      b[40] = b[40]! ^ 1
      writeFileSync(f, b)
    })
    expect(tile.code).toBe(1)
    expect(tile.stdout).toContain('tile/0/001 (entries 256 to 511) does not hash to the hash the tile of level 1 holds for it')
    const missing = bad('missing', (d) => rmSync(join(d, 'tile/0/002.p/88')))
    expect(missing.code).toBe(1)
    expect(missing.stdout).toContain('tile/0/002.p/88 is missing')
    const cut = bad('cut', (d) => writeFileSync(join(d, 'tile/1/000.p/2'), Buffer.alloc(32)))
    expect(cut.stdout).toContain('tile/1/000.p/2 has 32 bytes; a tile of 2 hashes has 64')
    // tiles and checkpoint of another log, signed by another key: the pinned key names the mismatch
    const other = join(dir, 'other.db')
    expect(execAs(['--store', `sqlite:${other}`, '-'], orgs(0, 3), cli).code).toBe(0)
    const forged = join(dir, 'forged')
    expect(cli(['export', 'tiles', '--store', `sqlite:${other}`, '--out', forged]).code).toBe(0)
    const f = cli(['verify', '--tiles', forged, '--vkey', vk])
    expect(f.code).toBe(1)
    expect(f.stdout).toContain('key mismatch')
  })

  it('exporting again after more entries keeps every full tile byte for byte, rewrites partial ones and adds new ones', async () => {
    expect(execAs(['--store', store, '-'], orgs(600, 800), cli).code).toBe(0)
    const again = cli(['export', 'tiles', '--store', store, '--out', pub])
    expect(again.code).toBe(0)
    for (const [rel, bytes] of fullTileBytes) expect(readFileSync(join(pub, rel)).equals(bytes), rel).toBe(true)
    const files = filesUnder(pub).map((f) => relative(pub, f)).sort()
    // new: tile/0/002 (full), tile/0/003.p/32, tile/1/000.p/3; the old partial ones stay for the old checkpoint
    expect(files).toEqual(['checkpoint', 'tile/0/000', 'tile/0/001', 'tile/0/002', 'tile/0/002.p/88', 'tile/0/003.p/32', 'tile/1/000.p/2', 'tile/1/000.p/3'])
    expect(again.stdout).toContain('(3 written, 2 unchanged)')
    const r = await verifyTiles(folder(pub), { verifiers: [E.getOrElseW(() => { throw new Error('vkey') })(parseVerifierKey(vkey))] })
    expect(r).toMatchObject({ _tag: 'Verified', treeSize: 800, hashTiles: 5 })
  })

  it('refuses to overwrite a published full tile that differs, and to roll the tiles back', () => {
    const d = join(dir, 'stale')
    cpSync(pub, d, { recursive: true })
    const f = join(d, 'tile/0/000')
    const b = readFileSync(f)
    b[0] = b[0]! ^ 1
    writeFileSync(f, b)
    const r = cli(['export', 'tiles', '--store', store, '--out', d])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('tile/0/000 in')
    expect(r.stderr).toContain('differs from the log\'s')
    expect(readFileSync(f).equals(b)).toBe(true)
    // a folder holding the tiles of a larger log (the small log: the grants execAs opens it with, and two organisations)
    const smaller = join(dir, 'small.db')
    const smallSize = grantsFor(orgs(0, 2)).split('\n').length - 1 + 2
    expect(execAs(['--store', `sqlite:${smaller}`, '-'], orgs(0, 2), cli).code).toBe(0)
    const back = cli(['export', 'tiles', '--store', `sqlite:${smaller}`, '--out', pub])
    expect(back.code).toBe(1)
    expect(back.stderr).toContain(`holds a checkpoint of size 800, larger than the log's ${smallSize}`)
  })

  it('verify --tiles --since: the tiles must extend a checkpoint kept from before', () => {
    const kept = join(dir, 'kept-600.note')
    writeFileSync(kept, readFileSync(join(priv, 'checkpoint'), 'utf8'))
    const ok = cli(['verify', '--tiles', pub, '--vkey', vkey, '--since', kept])
    expect(ok.code).toBe(0)
    expect(ok.stdout).toContain('since: the log extends the kept checkpoint of size 600')
    const rolled = cli(['verify', '--tiles', priv, '--vkey', vkey, '--since', join(pub, 'checkpoint')])
    expect(rolled.code).toBe(1)
    expect(rolled.stdout).toContain('the log has 600 entries but the kept checkpoint is of size 800')
  })
})
