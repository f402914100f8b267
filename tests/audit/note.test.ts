/** C2SP signed notes and checkpoints against the vectors in ../shared/vectors. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { memoryEventStore } from '../../adapters/memory/index.js'
import { parseCheckpoint, signCheckpoint, signedCheckpoint, verifyCheckpoint } from '../../src/audit/checkpoint.js'
import { hashLeaf } from '../../src/audit/hash.js'
import { generateSigner, openNote, parsePrivateKey, parseVerifierKey, signNote, type NoteSigner, type Verifier } from '../../src/audit/note.js'
import { fillLog, newLedger } from '../fixtures/domain.js'

const VECTORS = process.env['CONTACT_LEDGER_VECTORS'] ?? '/work/shared/vectors'
const file = (...p: string[]) => readFileSync(join(VECTORS, ...p), 'utf8')
const line = (...p: string[]) => file(...p).replace(/\n$/, '')
const must = <A>(e: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

const peter = () => must(parseVerifierKey(line('extracted', 'go-note-peterneumann.vkey')))
const enoch = () => must(parseVerifierKey(line('extracted', 'go-note-enochroot.vkey')))
const peterSigner = (): NoteSigner => must(parsePrivateKey(line('extracted', 'go-note-peterneumann.skey')))

describe('signed-note vectors', () => {
  it('verifies the C2SP example note with its verifier key', () => {
    const v = must(parseVerifierKey(line('extracted', 'c2sp-signed-note-example.vkey')))
    expect(v.keyId.toString(16)).toBe('530d903a')
    const opened = must(openNote(file('extracted', 'c2sp-signed-note-example.note'), [v]))
    expect(opened.text).toBe('This is an example message.\n')
  })

  it('verifies the Go notes signed by PeterNeumann and by PeterNeumann and EnochRoot', () => {
    const single = must(openNote(file('extracted', 'go-note-peterneumann.note'), [peter()]))
    expect(single.text).toMatch(/^If you think cryptography/)
    const both = must(openNote(file('extracted', 'go-note-peter-and-enoch.note'), [peter(), enoch()]))
    expect(both.verifiedBy.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot'])
    // an unknown signature is ignored; only a trusted one counts
    expect(must(openNote(file('extracted', 'go-note-peter-and-enoch.note'), [enoch()])).verifiedBy).toHaveLength(1)
  })

  it('reproduces the Go note byte for byte with the PeterNeumann private key', () => {
    const signer = peterSigner()
    expect(signer.verifierKey).toBe(line('extracted', 'go-note-peterneumann.vkey'))
    const note = file('extracted', 'go-note-peterneumann.note')
    const text = note.slice(0, note.lastIndexOf('\n\n') + 1)
    expect(must(signNote(text, [signer]))).toBe(note)
    expect(signer.privateKey()).toBe(line('extracted', 'go-note-peterneumann.skey'))
  })

  it('reproduces the derived checkpoints of the reference tree byte for byte', () => {
    const signer = peterSigner()
    for (const size of [3, 8]) {
      const note = file('derived', `checkpoint-reference-tree-size${size}.note`)
      const cp = must(verifyCheckpoint(note, peter()))
      expect(cp).toMatchObject({ origin: 'PeterNeumann', treeSize: size, extensions: [] })
      expect(signCheckpoint(signer, size, cp.rootHash)).toBe(note)
    }
  })

  it('rejects an altered note, a note with no trusted signature, and mangled keys', () => {
    const note = file('extracted', 'go-note-peterneumann.note')
    const altered = note.replace('cryptography', 'cryptographY')
    expect(openNote(altered, [peter()])).toMatchObject({ _tag: 'Left', left: { _tag: 'NoteInvalid', message: expect.stringContaining('does not verify') } })
    expect(openNote(note, [enoch()])).toMatchObject({ _tag: 'Left', left: { message: expect.stringContaining('no signature of a trusted key') } })
    expect(openNote(note.replace('\n\n—', '\n—'), [peter()])._tag).toBe('Left')
    expect(openNote(note.replace('If you', 'If\tyou'), [peter()])._tag).toBe('Left')
    const vkey = line('extracted', 'go-note-peterneumann.vkey')
    expect(parseVerifierKey(vkey.replace('c74f20a3', 'c74f20a4'))).toMatchObject({ _tag: 'Left', left: { _tag: 'KeyInvalid' } })
    expect(parseVerifierKey(vkey.replace('PeterNeumann', 'Peter Neumann'))._tag).toBe('Left')
    expect(parseVerifierKey(vkey.slice(0, -2))._tag).toBe('Left')
    // a key with the same name and id but another public key: the signature check fails
    const other: Verifier = { ...peter(), verify: () => false }
    expect(openNote(note, [other])._tag).toBe('Left')
  })

  it('never repeats private key material in an error', () => {
    const skey = line('extracted', 'go-note-peterneumann.skey')
    const seed = skey.split('+').pop()!
    for (const bad of [skey.replace('c74f20a3', 'c74f20a4'), skey.slice(0, -3), skey.replace('PeterNeumann', ''), 'PRIVATE+KEY+' + seed]) {
      const r = parsePrivateKey(bad)
      expect(r._tag).toBe('Left')
      if (E.isLeft(r)) expect(r.left.message).not.toContain(seed.slice(4, 20))
    }
    expect(JSON.stringify(peterSigner())).not.toContain(seed.slice(4, 20))
  })
})

describe('checkpoints of the log', () => {
  it('signs the root at the current size and at an earlier size, stores both, and they verify', async () => {
    const store = memoryEventStore()
    await fillLog(newLedger(store), 5)
    const signer = must(generateSigner('contact-ledger.local/register'))
    const now = must(await signedCheckpoint(store, signer)())
    const then = must(await signedCheckpoint(store, signer, 3)())
    expect(now.treeSize).toBe(5)
    expect(then.treeSize).toBe(3)
    expect(now.note).toMatch(/^contact-ledger\.local\/register\n5\n[A-Za-z0-9+/]{43}=\n\n— contact-ledger\.local\/register /)
    const cp = must(verifyCheckpoint(now.note, signer.verifierKey))
    expect(Buffer.from(cp.rootHash)).toEqual(Buffer.from(now.rootHash))
    expect(must(await store.checkpoints()())).toEqual([
      { treeSize: 3, note: then.note },
      { treeSize: 5, note: now.note },
    ])
    const elsewhere = must(generateSigner('contact-ledger.local/register'))
    expect(verifyCheckpoint(now.note, elsewhere.verifierKey)._tag).toBe('Left')
  })

  it('parses checkpoint bodies strictly', () => {
    const root = hashLeaf(Buffer.from('x')).toString('base64')
    expect(parseCheckpoint(`o\n0\n${root}\n`)._tag).toBe('Right')
    expect(parseCheckpoint(`o\n01\n${root}\n`)._tag).toBe('Left')
    expect(parseCheckpoint(`o\n1\n${root.slice(1)}\n`)._tag).toBe('Left')
    expect(parseCheckpoint(`\n1\n${root}\n`)._tag).toBe('Left')
    expect(parseCheckpoint(`o\n1\n${root}\next\n`)).toMatchObject({ right: { extensions: ['ext'] } })
  })
})
