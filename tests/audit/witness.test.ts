/**
 * Witnesses (issue 16; c2sp.org/tlog-cosignature, cosignature/v1 with Ed25519): the format against
 * transparency-dev's vectors, and through the real binary a witness that cosigns a checkpoint
 * only when it extends the last one it cosigned (trusting the first on first use), refuses a fork
 * (two logs of the same origin and key: it cosigns only the first) and a rollback, keeps its state
 * across refusals, and `verify --witness … --witnesses-needed N` that counts only valid
 * cosignatures of the given keys.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import * as E from 'fp-ts/lib/Either.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { AS_AUDITOR, READER_GRANTS, execAs, grantsFor } from '../fixtures/cli.js'
import {
  addCosignature,
  cosignaturesOf,
  cosignerFromPrivateKey,
  generateSigner,
  parseCosignerKey,
  signNote,
  verifyCheckpoint,
  verifyCosignatures,
} from '../../src/audit/index.js'
import { cmd } from '../fixtures/domain.js'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'contact-ledger.mjs')

const cli = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CONTACT_LEDGER_KEY: '', CONTACT_LEDGER_VKEY: '' },
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const orgs = (from: number, to: number, prefix: string) =>
  Array.from({ length: to - from }, (_, k) =>
    JSON.stringify(cmd.registerOrganisation(`0a000000-0000-4000-8000-${(0x700000 + from + k).toString(16).padStart(12, '0')}`, `${prefix} ${from + k}`)),
  ).join('\n') + '\n'

/** The grants execAs opens a new register with (grantsFor): a new log's organisations are numbered from O, so that a log of `to` entries is `orgs(O, to, …)`. */
const O = grantsFor(orgs(0, 1, 'Stichting')).split('\n').length - 1

/** The readers of rule 20 (READER_GRANTS), on a register opened already: all but its opening administrator grant. */
const READERS = READER_GRANTS.split('\n').slice(1).join('\n')
const READERS_COUNT = READERS.split('\n').length - 1

const must = <A>(e: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

describe('cosignature/v1 (Ed25519) as C2SP and transparency-dev write it', () => {
  it('parses transparency-dev\u2019s vkeys: a native 0x04 key, an Ed25519 note key read as a cosigner key, and refuses bad ones', () => {
    const native = must(parseCosignerKey('remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2'))
    expect(native.keyId).toBe(0xda77ade7)
    expect(native.vkey).toBe('remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2')
    expect(E.isRight(parseCosignerKey('TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6'))).toBe(true)
    expect(E.isLeft(parseCosignerKey('bananas.sigstore.dev+12344556'))).toBe(true)
    expect(E.isLeft(parseCosignerKey('rekor.sigstore.dev+12345678+THIS_IS_NOT_BASE64!'))).toBe(true)
    expect(E.isLeft(parseCosignerKey('rekor.sigstore.dev+12345678+AwEB'))).toBe(true)
    expect(parseCosignerKey('remora.n621.de+00000000+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2')).toMatchObject({ _tag: 'Left', left: { message: expect.stringContaining('does not match') } })
  })

  it('signs the spec\u2019s message, a 72-byte timestamped signature after the key id, checked by the witness key only', () => {
    const skey = must(generateSigner('witness.example/w1')).privateKey()
    const w = must(cosignerFromPrivateKey(skey))
    const log = must(generateSigner('example.com/log'))
    const note = must(signNote('example.com/log\n3\nrra8gQjLSELNVsdSpIoTrr6LOjZbgtXQTFOaSfo+t70=\n', [log]))
    const cosigned = must(addCosignature(note, w, 1679315147))
    const line = cosigned.trim().split('\n').at(-1)!
    const sig = Buffer.from(line.split(' ').at(-1)!, 'base64')
    expect(line.startsWith('— witness.example/w1 ')).toBe(true)
    expect(sig.length).toBe(4 + 8 + 64)
    expect(sig.readUInt32BE(0)).toBe(w.keyId)
    expect(Number(sig.readBigUInt64BE(4))).toBe(1679315147)
    // the log's own signature still verifies, the witness's key id is not the note key's
    expect(E.isRight(verifyCheckpoint(cosigned, log.verifierKey))).toBe(true)
    expect(w.vkey).not.toBe(must(generateSigner('witness.example/w1')).verifierKey)
    expect(must(cosignaturesOf(cosigned, [w]))).toEqual([{ name: w.name, keyId: w.keyId, timestamp: 1679315147 }])
    // cosigning again replaces the witness's line instead of adding a second one
    const again = must(addCosignature(cosigned, w, 1679315150))
    expect(again.split('\n').filter((l) => l.startsWith('— witness.example/w1 '))).toHaveLength(1)
    // an altered checkpoint, a wrong time or a cut signature fails; a stranger's key counts for nothing
    expect(E.isLeft(cosignaturesOf(cosigned.replace('\n3\n', '\n4\n'), [w]))).toBe(true)
    const other = must(cosignerFromPrivateKey(must(generateSigner('witness.example/w2')).privateKey()))
    expect(must(cosignaturesOf(cosigned, [other]))).toEqual([])
    expect(verifyCosignatures(cosigned, [other], 1)).toMatchObject({ _tag: 'Left', left: { message: expect.stringContaining('0 valid cosignatures of the given witnesses, 1 needed') } })
  })

  it('reads transparency-dev\u2019s timestamp vector (1727964367)', () => {
    const sig = Buffer.from('ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJXORmnFBOBA==', 'base64')
    expect(sig.length).toBe(76)
    expect(Number(sig.readBigUInt64BE(4))).toBe(1727964367)
  })
})

describe('a witness through the real binary', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-witness-'))
  const a = join(dir, 'a.db')
  const b = join(dir, 'b.db')
  const c = join(dir, 'c.db')
  const key = `${a}.key`
  const state = join(dir, 'state')
  const wkey = join(dir, 'witness.key')
  const wvkey = join(dir, 'witness.vkey')
  const vkey = join(dir, 'register.vkey')
  const checkpoint = (db: string, file: string) => {
    // A's key is made beside it on first use; the other logs are signed with that same key
    const r = cli(['checkpoint', '--store', `sqlite:${db}`, ...(db === a ? [] : ['--key', key])])
    expect(r.code).toBe(0)
    writeFileSync(join(dir, file), r.stdout)
    return join(dir, file)
  }
  const proof = (db: string, from: number, to: number, file: string) => {
    const r = cli(['prove', 'consistency', '--store', `sqlite:${db}`, '--from', String(from), '--to', String(to)])
    expect(r.code).toBe(0)
    writeFileSync(join(dir, file), r.stdout)
    return join(dir, file)
  }
  const cosign = (cp: string, ...more: string[]) => cli(['witness', 'cosign', '--key', wkey, '--state', state, '--vkey', vkey, cp, ...more])
  const kept = () => readFileSync(join(state, readdirSync(state).find((f) => f.endsWith('.checkpoint'))!), 'utf8')

  beforeAll(() => {
    // two logs of the same origin, signed by the same key: A (the one shown to the House) and B
    expect(execAs(['--store', `sqlite:${a}`, '-'], orgs(O, 10, 'Stichting'), cli).code).toBe(0)
    expect(execAs(['--store', `sqlite:${b}`, '-'], orgs(O, 15, 'Vereniging'), cli).code).toBe(0)
    expect(execAs(['--store', `sqlite:${c}`, '-'], orgs(O, 10, 'Vereniging'), cli).code).toBe(0)
    checkpoint(a, 'a-10.note')
    writeFileSync(vkey, cli(['key', 'public', '--store', `sqlite:${a}`]).stdout)
    const made = cli(['witness', 'keygen', '--key', wkey, '--name', 'audit.example/witness'])
    expect(made.code).toBe(0)
    writeFileSync(wvkey, made.stdout)
    expect(cli(['witness', 'public', '--key', wkey]).stdout).toBe(made.stdout)
  }, 120_000)

  it('trusts the first checkpoint of an origin on first use, says so, and keeps it', () => {
    const r = cosign(join(dir, 'a-10.note'))
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('trusting size 10 on first use')
    expect(r.stdout.startsWith(readFileSync(join(dir, 'a-10.note'), 'utf8').trimEnd())).toBe(true)
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^— audit\.example\/witness \S+$/)
    expect(kept()).toBe(r.stdout)
  })

  it('refuses a fork: the other log of the same origin, with its own valid proof, and at the same size', () => {
    const before = kept()
    const bCp = checkpoint(b, 'b-15.note')
    const fork = cosign(bCp, '--proof', proof(b, 10, 15, 'b-10-15.json'))
    expect(fork.code).toBe(1)
    expect(fork.stderr).toMatch(/^contact-ledger: witness: fork: the offered checkpoint of contact-ledger\.local\/register at size 15 is not consistent with the checkpoint of size 10 this witness cosigned/)
    expect(fork.stdout).toBe('')
    // a third log of the same origin at the kept size 10, with another root
    const sameSize = cosign(checkpoint(c, 'c-10.note'))
    expect(sameSize.code).toBe(1)
    expect(sameSize.stderr).toContain('witness: fork: the offered checkpoint of contact-ledger.local/register at size 10 has the root')
    expect(kept()).toBe(before)
    // without a proof it says which proof it needs (exit 2)
    const none = cosign(bCp)
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('a consistency proof from size 10 to 15 is needed (contact-ledger prove consistency --from 10 --to 15)')
  })

  it('cosigns the honest log\u2019s next checkpoint with its consistency proof, then refuses a rollback to the older one', () => {
    // ten more entries: organisations and the readers of rule 20 granted (an export, below, is restricted to the auditor)
    expect(execAs(['--store', `sqlite:${a}`, '-'], orgs(10, 20 - READERS_COUNT, 'Stichting') + READERS, cli).code).toBe(0)
    const a20 = checkpoint(a, 'a-20.note')
    const ok = cosign(a20, '--proof', proof(a, 10, 20, 'a-10-20.json'))
    expect(ok.code).toBe(0)
    expect(ok.stderr).toContain('at size 20 extends the cosigned size 10; cosigned')
    expect(kept()).toBe(ok.stdout)
    const back = cosign(join(dir, 'a-10.note'))
    expect(back.code).toBe(1)
    expect(back.stderr.trim()).toBe(
      'contact-ledger: witness: rollback: the offered checkpoint of contact-ledger.local/register has size 10, smaller than the size 20 this witness cosigned; refusing to cosign',
    )
    expect(kept()).toBe(ok.stdout)
    // a checkpoint not signed by the log's key is not cosigned at all
    const other = cli(['checkpoint', '--store', `sqlite:${c}`]) // c's own new key, the same origin
    expect(other.code).toBe(0)
    writeFileSync(join(dir, 'other-key.note'), other.stdout)
    const forged = cosign(join(dir, 'other-key.note'))
    expect(forged.code).toBe(1)
    expect(forged.stderr).toContain("the checkpoint does not verify with the log's key")
    expect(kept()).toBe(ok.stdout)
  })

  it('verify --witnesses-needed 1 fails without the cosignature and passes with it; an unknown witness or a tampered cosignature does not count', () => {
    const pub = join(dir, 'public')
    expect(cli(['export', 'tiles', '--store', `sqlite:${a}`, '--key', key, '--out', pub]).code).toBe(0)
    const verify = (...more: string[]) => cli(['verify', '--tiles', pub, '--vkey', vkey, ...more])
    const without = verify('--witness', wvkey, '--witnesses-needed', '1')
    expect(without.code).toBe(1)
    expect(without.stdout.trim()).toBe('verification failed: witnesses: 0 valid cosignatures of the given witnesses, 1 needed; none from ' + readFileSync(wvkey, 'utf8').split('+').slice(0, 2).join('+'))
    // the witness reads the consistency proof from the published tiles and cosigns in place
    const c = cosign(join(pub, 'checkpoint'), '--tiles', pub, '--out', join(pub, 'checkpoint'))
    expect(c.code).toBe(0)
    expect(c.stdout).toBe('')
    const withIt = verify('--witness', wvkey, '--witnesses-needed', '1')
    expect(withIt.code).toBe(0)
    expect(withIt.stdout).toMatch(/\nwitnesses: 1 valid cosignature of the given witnesses, 1 needed: audit\.example\/witness\+[0-9a-f]{8} \(cosigned at \d{4}-\d\d-\d\dT/)
    // on a store, the cosigned checkpoint is the kept one (--since), else the latest stored one
    const viaStore = cli(['verify', '--store', `sqlite:${a}`, '--vkey', vkey, '--since', join(pub, 'checkpoint'), '--witness', wvkey])
    expect(viaStore.code).toBe(0)
    expect(viaStore.stdout).toContain('witnesses: 1 valid cosignature of the given witnesses, 1 needed')
    const storeOnly = () => cli(['verify', '--store', `sqlite:${a}`, '--vkey', vkey, '--witness', wvkey, '--witnesses-needed', '1'])
    const notStored = storeOnly()
    expect(notStored.code).toBe(1)
    expect(notStored.stdout).toContain('0 valid cosignatures of the given witnesses, 1 needed')
    // the operator stores the cosignature back; then the store's own verify counts it
    const stored = cli(['checkpoint', '--store', `sqlite:${a}`, '--add-cosignature', join(pub, 'checkpoint')])
    expect(stored.code, stored.stderr).toBe(0)
    expect(stored.stdout).toMatch(/^stored 1 cosignature with the checkpoint at size 20: audit\.example\/witness\n$/)
    // really stored: a row of its own beside the checkpoint, whose note is left as it was signed
    const rows = () => {
      const db = new Database(a, { readonly: true })
      try {
        return {
          note: (db.prepare('SELECT note FROM checkpoints WHERE tree_size = 20').get() as { note: string }).note,
          lines: (db.prepare('SELECT line FROM checkpoint_cosignatures WHERE tree_size = 20').all() as { line: string }[]).map((r) => r.line),
        }
      } finally {
        db.close()
      }
    }
    expect(rows()).toEqual({ note: readFileSync(join(dir, 'a-20.note'), 'utf8'), lines: [expect.stringMatching(/^— audit\.example\/witness /)] })
    const storedAgain = cli(['checkpoint', '--store', `sqlite:${a}`, '--add-cosignature', join(pub, 'checkpoint')])
    expect(storedAgain.stdout).toContain('already carries every signature')
    const passes = storeOnly()
    expect(passes.code, passes.stdout).toBe(0)
    expect(passes.stdout).toContain('witnesses: 1 valid cosignature of the given witnesses, 1 needed')
    expect(passes.stdout).toContain('verified: 20 entries')
    // another log's checkpoint, or one without the register's signature, is not stored (exit 1)
    const foreign = cli(['checkpoint', '--store', `sqlite:${a}`, '--add-cosignature', join(dir, 'other-key.note')])
    expect(foreign.code).toBe(1)
    expect(foreign.stderr.trim().split('\n')).toHaveLength(1)
    const bare = readFileSync(join(pub, 'checkpoint'), 'utf8').split('\n').filter((l) => !l.includes(`— ${readFileSync(join(dir, 'a-20.note'), 'utf8').split('\n')[0]} `)).join('\n')
    writeFileSync(join(dir, 'bare.note'), bare)
    const lacking = cli(['checkpoint', '--store', `sqlite:${a}`, '--add-cosignature', join(dir, 'bare.note')])
    expect(lacking.code).toBe(1)
    expect(lacking.stderr).toContain("lacks the register's own signature")
    expect(cli(['checkpoint', '--store', `sqlite:${a}`, '--add-cosignature', join(dir, 'absent.note')]).code).toBe(2)
    // a bundle's checkpoint, cosigned in place, counts the same way
    const bundle = join(dir, 'bundle')
    expect(cli(['export', '--store', `sqlite:${a}`, '--key', key, '--out', bundle, ...AS_AUDITOR]).code).toBe(0)
    expect(cli(['verify', '--bundle', bundle, '--vkey', vkey, '--witness', wvkey]).code).toBe(1)
    expect(cosign(join(bundle, 'checkpoint'), '--out', join(bundle, 'checkpoint')).code).toBe(0)
    const viaBundle = cli(['verify', '--bundle', bundle, '--vkey', vkey, '--witness', wvkey])
    expect(viaBundle.code).toBe(0)
    expect(viaBundle.stdout).toContain('witnesses: 1 valid cosignature of the given witnesses, 1 needed')
    // a second witness key that did not cosign: 2 needed fails; a cosignature from an unknown key counts for nothing
    const other = join(dir, 'other.key')
    const otherVkey = cli(['witness', 'keygen', '--key', other, '--name', 'audit.example/witness']).stdout.trim()
    expect(verify('--witness', wvkey, '--witness', otherVkey, '--witnesses-needed', '2').code).toBe(1)
    const unknown = verify('--witness', otherVkey)
    expect(unknown.code).toBe(1)
    expect(unknown.stdout).toContain('0 valid cosignatures of the given witnesses, 1 needed')
    // tampered: one character of the cosignature changed
    const note = readFileSync(join(pub, 'checkpoint'), 'utf8')
    const lines = note.trimEnd().split('\n')
    const last = lines.at(-1)!
    const flipped = last.slice(0, -6) + (last.at(-6) === 'A' ? 'B' : 'A') + last.slice(-5)
    writeFileSync(join(pub, 'checkpoint'), [...lines.slice(0, -1), flipped].join('\n') + '\n')
    const tampered = verify('--witness', wvkey)
    expect(tampered.code).toBe(1)
    expect(tampered.stdout).toContain('the cosignature of audit.example/witness+')
    expect(tampered.stdout).toContain('does not verify')
    // bad usage is one line, exit 2
    expect(verify('--witnesses-needed', '1').code).toBe(2)
    expect(verify('--witness', wvkey, '--witnesses-needed', '3').stderr).toContain('--witnesses-needed 3 is more than the 1 witness key given')
    expect(verify('--witness', 'not-a-key').code).toBe(2)
    const badName = cli(['witness', 'keygen', '--key', join(dir, 'bad.key'), '--name', 'audit example'])
    expect(badName.code).toBe(2)
    expect(badName.stderr.trim().split('\n')).toEqual(['contact-ledger: --name "audit example": a witness name is non-empty, without spaces or +, such as audit.example/witness'])
  })
})
