/**
 * Writing a file so that a crash, a kill or a full disk never leaves it half-written: the text
 * goes to a temporary file in the same folder (mode 0600), is flushed to disk (fsync), and only
 * then takes the file's name in one step (a hard link when the name must not exist yet, else a
 * rename), after which the folder itself is flushed. Whoever reads the name sees the whole
 * file or none. A temporary file a crash leaves behind is named `.NAME.PID.RANDOM.tmp` and never read.
 */
import { randomBytes } from 'node:crypto'
import { closeSync, existsSync, fchmodSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/** How `writeFileAtomic` treats a file that already has the name. */
export interface AtomicWriteOptions {
  /** Replace an existing file (rename); default false: fail with EEXIST and leave it as it is. */
  readonly overwrite?: boolean
}

const fsyncFolder = (dir: string): void => {
  let fd: number | undefined
  try {
    fd = openSync(dir, 'r')
    fsyncSync(fd)
  } catch {
    // some file systems cannot fsync a folder; the rename is still atomic there
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/**
 * Writes `text` to `path` atomically, owner-only (0600); throws the file system's error (with its
 * `code`, EEXIST when the name is taken and `overwrite` is not set), leaving no partial file at `path`.
 *
 * @example
 * writeFileAtomic('register.db.key', keyLine + '\n') // throws EEXIST if the key exists
 */
export const writeFileAtomic = (path: string, text: string, { overwrite = false }: AtomicWriteOptions = {}): void => {
  const dir = dirname(path)
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  const fd = openSync(tmp, 'wx', 0o600)
  try {
    try {
      fchmodSync(fd, 0o600) // whatever the umask
      const bytes = Buffer.from(text, 'utf8')
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    if (overwrite) renameSync(tmp, path)
    else {
      try {
        linkSync(tmp, path) // fails with EEXIST, atomically, when the name is taken
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw e
        // a file system without hard links: check, then rename
        if (existsSync(path)) throw Object.assign(new Error(`EEXIST: file already exists, ${path}`), { code: 'EEXIST' })
        renameSync(tmp, path)
      }
    }
    fsyncFolder(dir)
  } finally {
    try {
      unlinkSync(tmp)
    } catch {
      // renamed away, or never made
    }
  }
}
