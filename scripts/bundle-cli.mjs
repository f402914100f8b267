// Bundles the command line into ES modules under dist/cli/ (contact-ledger.mjs, which bin/ runs,
// and chunks it loads on demand). A bundle starts about twice as fast as the hundred-odd modules
// tsc emits, because Node resolves, reads and links every module file at startup. The drivers stay
// outside the bundle and are loaded only when a store of theirs is opened; the library's entry
// points (dist/src, dist/adapters) are tsc's. The licences of the bundled packages are written to
// dist/cli/THIRD-PARTY-LICENSES.txt.
import { build } from 'esbuild'
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

// chunks are named by hash: clear the last build's, so that none is left behind
rmSync('dist/cli', { recursive: true, force: true })

const result = await build({
  entryPoints: { 'contact-ledger': 'cli/main.ts' },
  outdir: 'dist/cli',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // the commands (and the library behind them) are chunks of their own, loaded after --version
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['source'],
  external: ['better-sqlite3', 'pg'],
  // commander and other CommonJS dependencies call require() for Node's built-ins
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  metafile: true,
  logLevel: 'warning',
})

// every package folder the bundle took code from, and its licence text
const packages = new Set()
for (const input of Object.keys(result.metafile.inputs)) {
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)
  if (m) packages.add(m[1])
}
const notices = [...packages].sort().map((dir) => {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f))
  const text = file !== undefined && existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8').trim() : `License: ${pkg.license}`
  return `${pkg.name}@${pkg.version} (${pkg.license})\n\n${text}\n`
})
writeFileSync(
  'dist/cli/THIRD-PARTY-LICENSES.txt',
  `The command line in this folder is bundled with code from these packages:\n\n${notices.join('\n' + '-'.repeat(72) + '\n\n')}`,
)
