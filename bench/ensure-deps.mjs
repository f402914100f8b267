// Installs the benchmark's own dependencies (Emmett and its peers) into bench/node_modules when
// they are missing, so `npm run bench` works on a clean clone; Emmett stays out of the library.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const bench = dirname(fileURLToPath(import.meta.url))
if (!existsSync(join(bench, 'node_modules', '@event-driven-io', 'emmett-sqlite'))) {
  process.stderr.write('installing the benchmark dependencies into bench/node_modules (npm ci --legacy-peer-deps)\n')
  execFileSync('npm', ['ci', '--legacy-peer-deps', '--no-audit', '--no-fund', '--prefix', bench], { stdio: 'inherit' })
}
