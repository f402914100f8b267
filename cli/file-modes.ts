/**
 * File modes of what the register writes: every file that holds keys, personal data, a
 * confidential rendering or a processing log is readable by its owner only (0600). Files the
 * register creates are made 0600; an existing one that group or others may read is fixed (chmod
 * 600) with a warning on stderr, so the command still runs. The signing key is the exception: a
 * wider key file is refused (keys.ts), because it may already have leaked and needs a new key.
 */
import { chmodSync, statSync, writeFileSync, type Stats } from 'node:fs'

/**
 * Narrows each existing file to 0600, warning on stderr for each one that was wider.
 *
 * @example
 * ownerOnly(['register.db', 'register.db.keys'])
 */
export const ownerOnly = (paths: ReadonlyArray<string>): void => {
  for (const path of paths) {
    let stat: Stats
    try {
      stat = statSync(path)
    } catch {
      continue // not there (yet): SQLite and the writers below create it 0600
    }
    const mode = stat.mode & 0o777
    if (!stat.isFile() || (mode & 0o077) === 0) continue
    chmodSync(path, 0o600)
    process.stderr.write(`contact-ledger: ${path} could be read by others (mode ${mode.toString(8)}); set it to 600\n`)
  }
}

/**
 * Writes a file readable by its owner only (0600), narrowing an existing wider one first.
 *
 * @example
 * writePrivate('lijst.csv', text)
 */
export const writePrivate = (path: string, text: string): void => {
  ownerOnly([path])
  writeFileSync(path, text, { mode: 0o600 })
}
