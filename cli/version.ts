/** The package's version, for `--version`. */
import { readFileSync } from 'node:fs'

// from the sources (cli/version.ts), the bundle's entry (dist/cli/) or one of its chunks
// (dist/cli/chunks/): package.json is one, two or three folders up
const CANDIDATES = ['../package.json', '../../package.json', '../../../package.json']

/** The version in package.json, or "unknown" when it cannot be read. @example program.version(packageVersion()) */
export const packageVersion = (): string => {
  for (const candidate of CANDIDATES) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as { name?: unknown; version?: unknown }
      if (pkg.name === 'contact-ledger' && typeof pkg.version === 'string') return pkg.version
    } catch {
      // not here: try the next folder up
    }
  }
  return 'unknown'
}
