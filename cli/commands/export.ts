/**
 * `export --out DIR`: an audit bundle an auditor can check offline with standard tools:
 * `entries.jsonl` (line i is exactly the canonical bytes of entry i), `leaves.txt` (line i is the
 * hex leaf hash of entry i as the register's tree stores it, so a check names an altered entry by
 * its position), `checkpoint` (signed at the exported size), `key.vkey`, `checkpoints/<size>.note`
 * for every stored checkpoint, `README.txt`.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Command } from 'commander'
import { entryBytes, signedCheckpoint } from '../../src/audit/index.js'
import { pages, StoreFailure } from '../../src/index.js'
import { orExit, withKey } from '../audit-io.js'
import { bundleReadme } from '../bundle-readme.js'
import { withStore } from '../context.js'
import { authorised, usingRestricted, withReader } from '../restricted.js'
import { CliError, oneLine, usage } from '../errors.js'
import { checkOutputFolder, openAtomically, writeAtomically } from '../outputs.js'
import { println } from '../io.js'
import { pageProgress } from '../progress.js'
import { signerForStore } from '../keys.js'

/** The files a bundle holds directly in its folder (and `checkpoints/<size>.note`). */
const BUNDLE_FILES = ['entries.jsonl', 'leaves.txt', 'checkpoint', 'key.vkey', 'README.txt', 'checkpoints']

// each file whole or not at all (outputs.ts); a bundle is for others to read
const writeOrFail = (path: string, text: string): void => writeAtomically(path, text, 0o666)

export const registerExport = (program: Command): void => {
  withKey(
    withReader(withStore(
      program
        .command('export')
        .summary('write an audit bundle an auditor can verify offline')
        .description(
          'Writes to DIR: entries.jsonl (line i is exactly the canonical bytes of entry i, so leaf i is ' +
            "SHA-256(0x00 || line)), leaves.txt (line i is the hex leaf hash of entry i as the register's tree stores it), " +
            'checkpoint (the signed checkpoint of the exported log), key.vkey, checkpoints/<size>.note for every stored ' +
            'checkpoint, and README.txt saying how to check it with standard tools or ' +
            'contact-ledger verify --bundle DIR --vkey PUBLISHED.vkey.',
        )
        .requiredOption('--out <dir>', 'the folder to write (made when missing; one that holds anything needs --force)')
        .option('--force', 'write into a folder that holds files already, replacing those of an earlier bundle'),
    ), 'export-bundle'),
  )
    .addHelpText('after', '\nExample:\n  contact-ledger export --store sqlite:register.db --actor e.auditor --out ./audit-2025')
    .action(async (opts: { store?: string; key?: string; out: string; force?: boolean; actor?: string; purpose?: string }) => {
      checkOutputFolder(opts.out, BUNDLE_FILES, { force: opts.force === true })
      // a bundle is every entry: restricted (rule 20, auditor), checked and logged before anything is read or written
      await usingRestricted(opts, 'export-bundle', {}, async ({ ledger, reads, actor }) => {
        const store = ledger.store
        const size = await orExit(store.size())
        await authorised(reads, 'export-bundle', { size })
        const signer = await signerForStore(opts, store, { create: true })
        try {
          mkdirSync(join(opts.out, 'checkpoints'), { recursive: true })
          // --force over an earlier bundle: its checkpoint notes go, so none outlives the log it signed
          for (const f of readdirSync(join(opts.out, 'checkpoints'))) if (/^\d+\.note$/.test(f)) rmSync(join(opts.out, 'checkpoints', f))
        } catch (e) {
          throw usage(`cannot make the folder ${opts.out} (${(e as NodeJS.ErrnoException).code ?? 'error'}); check the path and its permissions`)
        }
        const entriesPath = join(opts.out, 'entries.jsonl')
        const leavesPath = join(opts.out, 'leaves.txt')
        const entries = openAtomically(entriesPath, 0o666)
        const leavesFile = openAtomically(leavesPath, 0o666)
        const progress = pageProgress('exporting', 'entries', size)
        try {
          for await (const page of pages(store, { to: size })) {
            entries.write(Buffer.concat(page.flatMap((e) => [entryBytes(e), Buffer.from('\n')])))
            const leaves = await orExit(store.nodes(page.map((e) => ({ level: 0, index: e.position }))))
            const missing = leaves.findIndex((l) => l === undefined)
            if (missing >= 0) throw new CliError(`the stored tree has no leaf for entry ${page[missing]!.position}; run contact-ledger verify`, 2)
            leavesFile.write(leaves.map((l) => `${Buffer.from(l!).toString('hex')}\n`).join(''))
            progress.update(page[page.length - 1]!.position + 1)
          }
          entries.commit()
          leavesFile.commit()
        } catch (e) {
          entries.abort()
          leavesFile.abort()
          if (e instanceof StoreFailure) throw new CliError(e.error.message, 2)
          throw e
        } finally {
          progress.stop()
        }
        const latest = await orExit(signedCheckpoint(store, signer, size))
        writeOrFail(join(opts.out, 'checkpoint'), latest.note)
        writeOrFail(join(opts.out, 'key.vkey'), signer.verifierKey + '\n')
        const stored = await orExit(store.checkpoints())
        const exported = stored.filter((c) => c.treeSize <= size)
        for (const c of exported) writeOrFail(join(opts.out, 'checkpoints', `${c.treeSize}.note`), c.note)
        writeOrFail(join(opts.out, 'README.txt'), bundleReadme({ size, origin: signer.name, vkey: signer.verifierKey, exportedBy: actor, ...(opts.purpose !== undefined ? { purpose: oneLine(opts.purpose) } : {}) }))
        println(
          `exported ${size} entries, ${exported.length} checkpoints (the latest at size ${size}) and the verifier key ${signer.verifierKey.split('+').slice(0, 2).join('+')} to ${opts.out}; check it with: contact-ledger verify --bundle ${opts.out} --vkey PUBLISHED.vkey`,
        )
      })
    })
}
