/** Runs the real command line in a child process (as tests/cli.test.ts does), for the storage tests. */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'contact-ledger.mjs')

/** Runs `contact-ledger ARGS` and returns its exit code and output. @example cli(['log', '--store', url]) */
export const cli = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}
