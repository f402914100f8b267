/**
 * `witness keygen|public|cosign`: a witness (c2sp.org/tlog-cosignature, cosignature/v1, Ed25519)
 * run by someone other than the ministry. `cosign --key WITNESS.key --state DIR --vkey LOG.vkey
 * CHECKPOINT [--proof FILE | --tiles DIR] [--out FILE]` cosigns the log's checkpoint only when it
 * carries the log's signature and is consistent with the last checkpoint this witness cosigned
 * for that origin (kept in DIR, one file per origin, replaced atomically under a lock file); the
 * first is trusted on first use, and it says so. A rollback or a fork is refused (exit 1, named).
 * The consistency proof is `prove consistency --from KEPT --to NEW` output (`--proof`), or
 * computed from the log's published hash tiles (`--tiles`).
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import {
  consistencyFromTiles,
  cosignerFromPrivateKey,
  keyLabel,
  openTileTree,
  parseCheckpoint,
  parseCosignerKey,
  witnessCheckpoint,
  type Cosigner,
  type CosignerKey,
  type OfferedProof,
} from '../../src/audit/index.js'
import { CliError, usage } from '../errors.js'
import { decodeStrict, readBounded } from '../input-limits.js'
import { println } from '../io.js'
import { createKeyFile, readKeyFile } from '../keys.js'
import { pinned } from '../trust.js'
import { folderFetch } from './tiles.js'

const code = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? 'error'

const cosignerOf = (path: string): Cosigner => {
  const signer = readKeyFile(path) // refuses a key file others may read
  const c = cosignerFromPrivateKey(signer.privateKey())
  if (E.isLeft(c)) throw usage(`the witness key file ${path}: ${c.left.message}`)
  return c.right
}

/** Writes a file durably: a temporary file, fsync, rename, then fsync of the folder. */
const writeDurably = (path: string, dir: string, text: string, mode = 0o600): void => {
  const tmp = `${path}.tmp-${process.pid}`
  try {
    const fd = openSync(tmp, 'w', mode)
    try {
      writeSync(fd, text)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, path)
    const d = openSync(dir, 'r')
    try {
      fsyncSync(d)
    } finally {
      closeSync(d)
    }
  } catch (e) {
    rmSync(tmp, { force: true })
    throw usage(`cannot write ${path} (${code(e)}); check that you may write to ${dir}`)
  }
}

/** The state file of an origin: its name percent-encoded, so `/` and `..` stay inside DIR. */
const stateFile = (dir: string, origin: string): string => join(dir, `${encodeURIComponent(origin).replace(/\./g, '%2E')}.checkpoint`)

/** Holds DIR's lock for one origin while `work` runs: two witnesses at once could cosign a fork. */
const withLock = async <A>(file: string, work: () => Promise<A>): Promise<A> => {
  const lock = `${file}.lock`
  let fd: number
  try {
    fd = openSync(lock, 'wx', 0o600)
  } catch (e) {
    if (code(e) === 'EEXIST') throw usage(`another witness run holds ${lock}; wait for it, or remove the file if no witness is running`)
    throw usage(`cannot make the lock file ${lock} (${code(e)}); check the --state folder`)
  }
  try {
    return await work()
  } finally {
    closeSync(fd)
    rmSync(lock, { force: true })
  }
}

const b64s = (v: unknown, what: string): Uint8Array => {
  if (typeof v !== 'string' || !/^[A-Za-z0-9+/]{43}=$/.test(v)) throw usage(`${what} is not the base64 of a 32-byte hash`)
  return Buffer.from(v, 'base64')
}

/** A small text input (a checkpoint note, a proof), strict UTF-8 and bounded as every input is. */
const readInput = (file: string): string => decodeStrict(readBounded(file), file === '-' ? 'standard input' : file)

/** Reads `prove consistency` output. */
const proofFile = (path: string): OfferedProof => {
  const text = readInput(path)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw usage(`--proof ${path} is not JSON; give the output of contact-ledger prove consistency --from KEPT --to NEW`)
  }
  const o = json as { oldSize?: unknown; newSize?: unknown; proof?: unknown }
  if (!Number.isSafeInteger(o.oldSize) || !Number.isSafeInteger(o.newSize) || !Array.isArray(o.proof))
    throw usage(`--proof ${path} has no oldSize, newSize and proof; give the output of contact-ledger prove consistency`)
  return { oldSize: o.oldSize as number, newSize: o.newSize as number, proof: o.proof.map((p, i) => b64s(p, `--proof ${path}: proof[${i}]`)) }
}

const sizeOf = (note: string): number | undefined => {
  const body = parseCheckpoint(note.slice(0, note.lastIndexOf('\n\n') + 1))
  return E.isRight(body) ? body.right.treeSize : undefined
}

interface CosignOptions {
  readonly key?: string
  readonly state?: string
  readonly vkey?: string[]
  readonly proof?: string
  readonly tiles?: string
  readonly out?: string
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

export const registerWitness = (program: Command): void => {
  const witness = program
    .command('witness')
    .summary('run a witness: cosign checkpoints only when they extend the last one it cosigned')
    .addHelpText(
      'after',
      '\nExamples:\n  contact-ledger witness keygen --key witness.key --name audit.example/witness\n' +
        '  contact-ledger witness cosign --key witness.key --state ./witness-state --vkey register.vkey checkpoint --proof proof.json',
    )
  witness
    .command('keygen')
    .summary('make a witness key file (mode 600) and print its cosignature/v1 verifier key')
    .requiredOption('--key <path>', 'the witness key file to write (never overwritten)')
    .requiredOption('--name <name>', 'the witness name, a schema-less URL such as audit.example/witness')
    .action((opts: { key: string; name: string }) => {
      if (opts.name === '' || /[\s+]/u.test(opts.name)) throw usage(`--name "${opts.name}": a witness name is non-empty, without spaces or +, such as audit.example/witness`)
      const signer = createKeyFile(opts.key, opts.name)
      const c = cosignerFromPrivateKey(signer.privateKey())
      if (E.isLeft(c)) throw usage(c.left.message)
      process.stderr.write(`contact-ledger: wrote the witness key ${opts.key} (mode 600); its cosignature verifier key follows: publish it\n`)
      println(c.right.vkey)
    })
  witness
    .command('public')
    .summary("print the witness's cosignature/v1 verifier key")
    .requiredOption('--key <path>', 'the witness key file')
    .action((opts: { key: string }) => println(cosignerOf(opts.key).vkey))
  witness
    .command('cosign')
    .summary("cosign a log's checkpoint after checking it extends the last one this witness cosigned")
    .description(
      "Checks the checkpoint's signature with the log's verifier key (--vkey), and that it is consistent with " +
        'the last checkpoint this witness cosigned for its origin (kept in --state DIR): the same size and root, ' +
        'or a larger size with a consistency proof (--proof FILE: the output of contact-ledger prove consistency ' +
        '--from KEPT --to NEW; or --tiles DIR: the log\'s published hash tiles). The first checkpoint of an origin ' +
        'is trusted on first use. Then it keeps the checkpoint in DIR and prints it with the cosignature added ' +
        '(or writes it to --out FILE). A smaller size (rollback) or an inconsistent one (fork) is refused: exit 1.',
    )
    .argument('<checkpoint>', "the log's signed checkpoint file (- for standard input)")
    .option('--key <path>', 'the witness key file (witness keygen makes one)')
    .option('--state <dir>', "the witness's state folder: the last cosigned checkpoint of each origin")
    .option('--vkey <file|line>', "the log's verifier key (env CONTACT_LEDGER_VKEY)", collect)
    .option('--proof <file>', 'a consistency proof from the kept size (contact-ledger prove consistency output)')
    .option('--tiles <dir>', "the log's hash tiles (export tiles), to compute the consistency proof from")
    .option('--out <file>', 'write the cosigned checkpoint to FILE (atomically) instead of standard output')
    .addHelpText('after', '\nExample:\n  contact-ledger witness cosign --key witness.key --state ./state --vkey register.vkey public/checkpoint --tiles public --out public/checkpoint')
    .action(async (file: string, opts: CosignOptions) => {
      if (opts.key === undefined) throw usage('witness cosign needs --key WITNESS.key (make one with contact-ledger witness keygen)')
      if (opts.state === undefined) throw usage('witness cosign needs --state DIR: the folder where the witness keeps the last checkpoint it cosigned')
      if (opts.proof !== undefined && opts.tiles !== undefined) throw usage('give --proof FILE or --tiles DIR, not both')
      const logKeys = pinned(opts.vkey)
      if (logKeys === undefined || logKeys.length !== 1) throw usage("witness cosign needs the log's verifier key: one --vkey FILE|LINE (or CONTACT_LEDGER_VKEY)")
      const logKey = logKeys[0]!
      const cosigner = cosignerOf(opts.key)
      const note = readInput(file)
      try {
        mkdirSync(opts.state, { recursive: true, mode: 0o700 })
      } catch (e) {
        throw usage(`cannot make the witness state folder ${opts.state} (${code(e)})`)
      }
      const state = stateFile(opts.state, logKey.name)
      await withLock(state, async () => {
        const kept = existsSync(state) ? readFileSync(state, 'utf8') : undefined
        let proof = opts.proof === undefined ? undefined : proofFile(opts.proof)
        const keptSize = kept === undefined ? undefined : sizeOf(kept)
        const offeredSize = sizeOf(note)
        if (opts.tiles !== undefined && keptSize !== undefined && offeredSize !== undefined && offeredSize > keptSize) {
          const p = await consistencyFromTiles(openTileTree(folderFetch(opts.tiles), offeredSize), keptSize, offeredSize)
          if (E.isLeft(p)) throw new CliError(`--tiles ${opts.tiles}: ${p.left.message}`, 2)
          proof = { oldSize: keptSize, newSize: offeredSize, proof: p.right }
        }
        const r = witnessCheckpoint({ note, logKey, cosigner, timestamp: Math.floor(Date.now() / 1000), ...(kept === undefined ? {} : { kept }), ...(proof === undefined ? {} : { proof }) })
        if (E.isLeft(r)) throw new CliError(`witness: ${r.left.message}`, r.left._tag === 'ProofNeeded' ? 2 : 1)
        writeDurably(state, opts.state!, r.right.note)
        const cp = r.right.checkpoint
        process.stderr.write(
          r.right.firstUse
            ? `contact-ledger: witness ${keyLabel(cosigner)}: no earlier checkpoint of ${cp.origin} is kept in ${opts.state}; trusting size ${cp.treeSize} on first use\n`
            : `contact-ledger: witness ${keyLabel(cosigner)}: ${cp.origin} at size ${cp.treeSize} extends the cosigned size ${r.right.from}; cosigned\n`,
        )
        if (opts.out === undefined) process.stdout.write(r.right.note)
        else writeDurably(opts.out, dirname(opts.out), r.right.note, 0o644)
      })
    })
}

/**
 * The witness keys of `verify --witness` (each a file or a key line), parsed.
 *
 * @example
 * witnessKeys(['audit.example/witness+1a2b3c4d+BA…'])
 */
export const witnessKeys = (values: ReadonlyArray<string>): ReadonlyArray<CosignerKey> =>
  values.flatMap((value) => {
    let lines = [value]
    if (existsSync(value)) {
      try {
        lines = readFileSync(value, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'))
      } catch (e) {
        throw usage(`--witness: cannot read ${value} (${code(e)})`)
      }
      if (lines.some((l) => l.startsWith('PRIVATE+KEY+'))) throw usage(`--witness ${value} holds a private key; give the witness's verifier key (contact-ledger witness public)`)
    }
    return lines.map((l) => {
      const k = parseCosignerKey(l)
      if (E.isLeft(k)) throw usage(`--witness ${existsSync(value) ? value : l.slice(0, 40)}: ${k.left.message}`)
      return k.right
    })
  })
