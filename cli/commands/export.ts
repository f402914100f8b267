/**
 * `export --out DIR`: an audit bundle an auditor can check offline with standard tools:
 * `entries.jsonl` (line i is exactly the canonical bytes of entry i), `checkpoint` (signed at the
 * exported size), `key.vkey`, `checkpoints/<size>.note` for every stored checkpoint, `README.txt`.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { Command } from 'commander'
import { entryBytes, signedCheckpoint } from '../../src/audit/index.js'
import { pages, StoreFailure } from '../../src/index.js'
import { orExit, withKey } from '../audit-io.js'
import { bundleReadme } from '../bundle-readme.js'
import { usingLedger, withStore } from '../context.js'
import { CliError, usage } from '../errors.js'
import { println } from '../io.js'
import { pageProgress } from '../progress.js'
import { signerFor } from '../keys.js'

const writeOrFail = (path: string, text: string): void => {
  try {
    writeFileSync(path, text)
  } catch (e) {
    throw usage(`cannot write ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'}); check that you may write to the folder`)
  }
}

export const registerExport = (program: Command): void => {
  withKey(
    withStore(
      program
        .command('export')
        .summary('write an audit bundle an auditor can verify offline')
        .description(
          'Writes to DIR: entries.jsonl (line i is exactly the canonical bytes of entry i, so leaf i is\n' +
            'SHA-256(0x00 || line)), checkpoint (the signed checkpoint of the exported log), key.vkey, checkpoints/<size>.note\n' +
            'for every stored checkpoint, and README.txt saying how to check it with standard tools or\n' +
            'contact-ledger verify --bundle DIR.',
        )
        .requiredOption('--out <dir>', 'the folder to write (made when missing)'),
    ),
  )
    .addHelpText('after', '\nExample:\n  contact-ledger export --store sqlite:register.db --out ./audit-2025')
    .action(async (opts: { store?: string; key?: string; out: string }) => {
      const signer = signerFor(opts, { create: true })
      try {
        mkdirSync(join(opts.out, 'checkpoints'), { recursive: true })
      } catch (e) {
        throw usage(`cannot make the folder ${opts.out} (${(e as NodeJS.ErrnoException).code ?? 'error'}); check the path and its permissions`)
      }
      await usingLedger(opts, async ({ ledger }) => {
        const store = ledger.store
        const size = await orExit(store.size())
        const entriesPath = join(opts.out, 'entries.jsonl')
        let fd: number
        try {
          fd = openSync(entriesPath, 'w')
        } catch (e) {
          throw usage(`cannot write ${entriesPath} (${(e as NodeJS.ErrnoException).code ?? 'error'}); check that you may write to the folder`)
        }
        const progress = pageProgress('exporting', 'entries', size)
        try {
          for await (const page of pages(store, { to: size })) {
            writeSync(fd, Buffer.concat(page.flatMap((e) => [entryBytes(e), Buffer.from('\n')])))
            progress.update(page[page.length - 1]!.position + 1)
          }
        } catch (e) {
          if (e instanceof StoreFailure) throw new CliError(e.error.message, 2)
          throw e
        } finally {
          progress.stop()
          closeSync(fd)
        }
        const latest = await orExit(signedCheckpoint(store, signer, size))
        writeOrFail(join(opts.out, 'checkpoint'), latest.note)
        writeOrFail(join(opts.out, 'key.vkey'), signer.verifierKey + '\n')
        const stored = await orExit(store.checkpoints())
        const exported = stored.filter((c) => c.treeSize <= size)
        for (const c of exported) writeOrFail(join(opts.out, 'checkpoints', `${c.treeSize}.note`), c.note)
        writeOrFail(join(opts.out, 'README.txt'), bundleReadme({ size, origin: signer.name, vkey: signer.verifierKey }))
        println(`exported ${size} entries, ${exported.length} checkpoints and the verifier key to ${opts.out}; check it with: contact-ledger verify --bundle ${opts.out}`)
      })
    })
}
