/** C2SP tlog-proof receipts: written from the stored tree, verified offline with the verifier key. */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { memoryEventStore } from '../../adapters/memory/index.js'
import { entryBytes } from '../../src/audit/canonical.js'
import { signedCheckpoint } from '../../src/audit/checkpoint.js'
import { hashLeaf } from '../../src/audit/hash.js'
import { generateSigner } from '../../src/audit/note.js'
import { proveInclusion } from '../../src/audit/proof.js'
import { formatTlogProof, parseTlogProof, verifyTlogProof } from '../../src/audit/tlog-proof.js'
import { fillLog, newLedger } from '../fixtures/domain.js'

const must = <A>(e: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

describe('tlog-proof receipts', () => {
  it('proves every entry of a 13-entry log at size 11 and 13, and refuses a wrong leaf, key or index', async () => {
    const store = memoryEventStore()
    await fillLog(newLedger(store), 13)
    const signer = must(generateSigner('contact-ledger.local/register'))
    const events = must(await store.read()())
    for (const size of [11, 13]) {
      const cp = must(await signedCheckpoint(store, signer, size)())
      for (let i = 0; i < size; i++) {
        const r = must(await proveInclusion(store, i, size)())
        const text = formatTlogProof({ index: i, proof: r.proof, checkpoint: cp.note })
        expect(text.startsWith(`c2sp.org/tlog-proof@v1\nindex ${i}\n`)).toBe(true)
        const leaf = hashLeaf(entryBytes(events[i]!))
        expect(must(verifyTlogProof(text, leaf, signer.verifierKey))).toMatchObject({ index: i, checkpoint: { treeSize: size } })
        expect(verifyTlogProof(text, hashLeaf(entryBytes(events[(i + 1) % size]!)), signer.verifierKey)._tag).toBe('Left')
        expect(verifyTlogProof(text.replace(`index ${i}\n`, `index ${(i + 1) % size}\n`), leaf, signer.verifierKey)._tag).toBe('Left')
      }
      const text = formatTlogProof({ index: 0, proof: must(await proveInclusion(store, 0, size)()).proof, checkpoint: cp.note })
      const other = must(generateSigner('contact-ledger.local/register'))
      expect(verifyTlogProof(text, hashLeaf(entryBytes(events[0]!)), other.verifierKey)).toMatchObject({ _tag: 'Left', left: { _tag: 'NoteInvalid' } })
    }
  })

  it('parses the optional extra line and rejects malformed receipts', () => {
    const cp = 'o\n1\n' + Buffer.alloc(32).toString('base64') + '\n\n— o AAAAAA==\n'
    expect(must(parseTlogProof(`c2sp.org/tlog-proof@v1\nextra aGk=\nindex 0\n\n${cp}`))).toMatchObject({ index: 0, proof: [], checkpoint: cp })
    expect(parseTlogProof(`c2sp.org/tlog-proof@v2\nindex 0\n\n${cp}`)._tag).toBe('Left')
    expect(parseTlogProof(`c2sp.org/tlog-proof@v1\nindex 01\n\n${cp}`)._tag).toBe('Left')
    expect(parseTlogProof(`c2sp.org/tlog-proof@v1\nindex 0\nnot-a-hash\n\n${cp}`)._tag).toBe('Left')
  })
})
