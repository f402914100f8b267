/** The package's version, for `--version`. */
import { readFileSync } from 'node:fs'

/** The version in package.json, or "unknown" when it cannot be read. @example program.version(packageVersion()) */
export const packageVersion = (): string => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown }
    return typeof pkg.version === 'string' ? pkg.version : 'unknown'
  } catch {
    return 'unknown'
  }
}
