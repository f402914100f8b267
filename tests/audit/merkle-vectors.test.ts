/**
 * Every RFC 6962 / RFC 9162 vector in ../shared/vectors: the transparency-dev/merkle inclusion and
 * consistency probes (with their mutations, uint64 values above 2^53, malformed hashes), the
 * reference tree for sizes 0..8, the hasher known answers and the derived reference proofs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { EMPTY_ROOT, hashChildren, hashLeaf, hashLeafText } from '../../src/audit/hash.js'
import { extendTree, frontierIds, nodeKey, rootFromFrontier } from '../../src/audit/tree.js'
import { verifyConsistency, verifyInclusion } from '../../src/audit/verify-proof.js'
import { consistencyRanges, inclusionRanges } from '../../src/audit/proof.js'

export const VECTORS = process.env['CONTACT_LEDGER_VECTORS'] ?? '/work/shared/vectors'
const MERKLE = join(VECTORS, 'transparency-dev-merkle', 'testdata')

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.json') ? [p] : []
  })

/** Parses a probe, keeping every integer field as a bigint (some exceed 2^53). */
const parseProbe = (path: string): Record<string, unknown> => {
  const raw = readFileSync(path, 'utf8').replace(/"(leafIdx|treeSize|size1|size2)":\s*(\d+)/g, '"$1":"$2"')
  return JSON.parse(raw, (key, value) =>
    ['leafIdx', 'treeSize', 'size1', 'size2'].includes(key) ? BigInt(value as string) : value,
  ) as Record<string, unknown>
}

const b64 = (s: unknown): Buffer => Buffer.from((s as string | null) ?? '', 'base64')
const proofOf = (p: unknown): Buffer[] => ((p as string[] | null) ?? []).map(b64)
const hex = (s: string): Buffer => Buffer.from(s, 'hex')

describe('transparency-dev/merkle probes', () => {
  const inclusion = walk(join(MERKLE, 'inclusion'))
  const consistency = walk(join(MERKLE, 'consistency'))

  it('finds every probe file', () => {
    expect(inclusion.length).toBeGreaterThan(90)
    expect(consistency.length).toBeGreaterThan(80)
  })

  it('parses uint64 values above 2^53 without losing precision', () => {
    const big = inclusion.map(parseProbe).filter((p) => (p['leafIdx'] as bigint) > BigInt(Number.MAX_SAFE_INTEGER))
    expect(big.map((p) => p['leafIdx'])).toContain(18446744073709551615n)
  })

  it.each(inclusion.map((p) => [p.slice(MERKLE.length + 1), p]))('inclusion %s', (_name, path) => {
    const p = parseProbe(path)
    const r = verifyInclusion(p['leafIdx'] as bigint, p['treeSize'] as bigint, b64(p['leafHash']), proofOf(p['proof']), b64(p['root']))
    if (p['wantErr'] === true) {
      expect(E.isLeft(r)).toBe(true)
      if (E.isLeft(r)) expect(r.left.message.length).toBeGreaterThan(10)
    } else expect(r).toEqual(E.right(undefined))
  })

  it.each(consistency.map((p) => [p.slice(MERKLE.length + 1), p]))('consistency %s', (_name, path) => {
    const p = parseProbe(path)
    const r = verifyConsistency(p['size1'] as bigint, p['size2'] as bigint, proofOf(p['proof']), b64(p['root1']), b64(p['root2']))
    expect(E.isLeft(r)).toBe(p['wantErr'] === true)
  })
})

describe('RFC 6962 reference tree and hasher known answers', () => {
  const ref = JSON.parse(readFileSync(join(VECTORS, 'derived', 'rfc6962-reference-tree.json'), 'utf8')) as {
    leafInputsHex: string[]
    leafHashesHex: string[]
    rootsBySize: string[]
    hasherVectors: Record<string, string>
  }

  it('hashes as the known answers say', () => {
    const kat = Object.values(ref.hasherVectors)
    expect(EMPTY_ROOT.toString('hex')).toBe(kat[0])
    expect(hashLeaf(Buffer.alloc(0)).toString('hex')).toBe(kat[1])
    expect(hashLeaf(Buffer.from('L123456')).toString('hex')).toBe(kat[2])
    expect(hashChildren(Buffer.from('N123'), Buffer.from('N456')).toString('hex')).toBe(kat[3])
  })

  it('hashes an entry given as text as it hashes its UTF-8 bytes, for any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
      expect(hashLeafText(text).toString('hex')).toBe(hashLeaf(Buffer.from(text, 'utf8')).toString('hex'))
    }))
    expect(hashLeafText('').toString('hex')).toBe(hashLeaf(Buffer.alloc(0)).toString('hex'))
  })

  it('reproduces every leaf hash and the root of every size 0..8 from the stored tree', () => {
    const leaves = ref.leafInputsHex.map((h) => hashLeaf(hex(h)))
    expect(leaves.map((l) => l.toString('hex'))).toEqual(ref.leafHashesHex)
    const nodes = new Map<string, Uint8Array>()
    for (let n = 0; n <= 8; n++) {
      const frontier = frontierIds(n).map((id) => nodes.get(nodeKey(id))!)
      expect(Buffer.from(rootFromFrontier(frontier)).toString('hex')).toBe(ref.rootsBySize[n])
      if (n < 8) for (const node of extendTree(n, frontier, [leaves[n]!])) nodes.set(nodeKey(node), node.hash)
    }
  })

  it('gives the reference proofs (inclusion of leaf 2 in 8, consistency 3 to 8) from stored nodes', async () => {
    const proofs = JSON.parse(readFileSync(join(VECTORS, 'derived', 'reference-tree-proofs.json'), 'utf8'))
    const leaves = ref.leafInputsHex.map((h) => hashLeaf(hex(h)))
    const hashOf = (from: number, to: number): Buffer => {
      if (to - from === 1) return leaves[from]!
      let k = 1
      while (k * 2 < to - from) k *= 2
      return hashChildren(hashOf(from, from + k), hashOf(from + k, to))
    }
    expect(inclusionRanges(2, 8).map((r) => hashOf(r.from, r.to).toString('hex'))).toEqual(proofs.inclusion_index2_size8.proofHex)
    expect(consistencyRanges(3, 8).map((r) => hashOf(r.from, r.to).toString('hex'))).toEqual(proofs.consistency_3_to_8.proofHex)
    const inc = proofs.inclusion_index2_size8
    expect(verifyInclusion(2, 8, hex(inc.leafHash), inc.proofHex.map(hex), hex(inc.root))).toEqual(E.right(undefined))
    const con = proofs.consistency_3_to_8
    expect(verifyConsistency(3, 8, con.proofHex.map(hex), hex(con.root1), hex(con.root2))).toEqual(E.right(undefined))
  })
})
