/**
 * vitest global setup: builds dist/ (`npm run build`: tsc for the library, esbuild for the command
 * line) before any test runs, so the command-line tests run the code in the working tree, as
 * bin/contact-ledger.mjs runs it for users. tsc's build is incremental: a second run costs seconds.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '..', '..')

export default function setup(): void {
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`npm run build failed before the tests:\n${r.stdout}${r.stderr}`)
}
