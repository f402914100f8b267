/**
 * Where the command line may write (issue 14): `--out` never names one of the register's own
 * files (the store and its -wal, -shm and -journal files, its key store and theirs, the signing
 * key, the processing log) or a file the running command reads; a single-file output refuses an
 * existing file, and a folder output a folder that holds anything, unless `--force` is given; and
 * every file is written whole or not at all (a temporary file beside it, synced, then renamed).
 *
 * Paths are compared as the file system sees them: through symbolic links, `./x` and `x`, and a
 * hard link to an existing file by its device and inode.
 */
import { closeSync, fsyncSync, openSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { randomBytes } from 'node:crypto'
import { usage } from './errors.js'

/** The register's own files in this run, and the files the command reads (set once per run, before the action). */
let registerFiles: ReadonlyArray<string> = []
let guarded: ReadonlyArray<string> = []

/**
 * The companions SQLite keeps beside a database file.
 *
 * @example
 * sqliteFiles('r.db') // ['r.db', 'r.db-wal', 'r.db-shm', 'r.db-journal']
 */
export const sqliteFiles = (path: string): string[] => ['', '-wal', '-shm', '-journal'].map((s) => `${path}${s}`)

/**
 * Sets, for this run, the files no output may replace: the register's own files, and the files
 * the command reads.
 *
 * @example
 * guardFiles(['r.db', 'r.db.keys'], ['commands.jsonl'])
 */
export const guardFiles = (register: ReadonlyArray<string>, inputs: ReadonlyArray<string>): void => {
  registerFiles = register.filter((p) => p !== '')
  guarded = [...registerFiles, ...inputs.filter((p) => p !== '' && p !== '-')]
}

/** The files guarded in this run (for tests and messages). @example guardedFiles().includes('r.db') */
export const guardedFiles = (): ReadonlyArray<string> => guarded

const statOf = (path: string): Stats | undefined => {
  try {
    return statSync(path)
  } catch {
    return undefined
  }
}

/** The path as the file system resolves it: the real path of the file, or of its folder plus its name when it is not there (yet). */
const canonical = (path: string): string => {
  try {
    return realpathSync(path)
  } catch {
    try {
      return join(realpathSync(dirname(resolve(path))), basename(path))
    } catch {
      return resolve(path)
    }
  }
}

/**
 * Whether two paths name the same file: the same real path, or (both existing) the same device and inode.
 *
 * @example
 * sameFile('./r.db', 'link-to-r.db') // true when link-to-r.db is a symlink or hard link to it
 */
export const sameFile = (a: string, b: string): boolean => {
  if (canonical(a) === canonical(b)) return true
  const sa = statOf(a)
  const sb = statOf(b)
  return sa !== undefined && sb !== undefined && sa.dev === sb.dev && sa.ino === sb.ino
}

/** The guarded file `path` would replace, if any. */
const guardedBy = (path: string): string | undefined => guarded.find((g) => sameFile(path, g))

const refuseOwn = (path: string, option: string): void => {
  const own = guardedBy(path)
  if (own !== undefined)
    throw usage(`${option} ${path} is ${own === path ? 'a file' : `${own}, a file`} of the register or one this command reads; name another file (--force does not override this)`)
}

/**
 * Refuses a file the command appends to (the processing log) when it is one of the register's own files.
 *
 * @example
 * checkNotRegisterFile('r.db', '--processing-log') // throws when r.db is the register
 */
export const checkNotRegisterFile = (path: string, option: string): void => {
  const own = registerFiles.find((g) => sameFile(path, g))
  if (own !== undefined) throw usage(`${option} ${path} is ${own === path ? 'a file' : `${own}, a file`} of the register; name another file`)
}

/**
 * Checks a single-file output before anything is computed: not one of the guarded files, not a
 * folder, and not an existing file unless `force`.
 *
 * @example
 * checkOutputFile('overzicht.html', { force: false }) // throws a usage error when it exists
 */
export const checkOutputFile = (path: string, { force, option = '--out' }: { readonly force: boolean; readonly option?: string }): void => {
  refuseOwn(path, option)
  const st = statOf(path)
  if (st?.isDirectory()) throw usage(`${option} ${path} is a folder; name a file to write`)
  if (st !== undefined && !force) throw usage(`${option} ${path} exists already; name a new file, or add --force to replace it`)
  const folder = statOf(dirname(resolve(path)))
  if (folder === undefined) throw usage(`${option} ${path}: the folder ${dirname(path)} does not exist; make it first or name another`)
  if (!folder.isDirectory()) throw usage(`${option} ${path}: ${dirname(path)} is not a folder`)
}

/**
 * Checks a folder output and the files the command will write into it: the folder is not a file,
 * it holds nothing unless `force`, and none of the files is a guarded one (even with `force`).
 *
 * @example
 * checkOutputFolder('./audit-2025', ['entries.jsonl', 'checkpoint'], { force: false })
 */
export const checkOutputFolder = (dir: string, files: ReadonlyArray<string>, { force, option = '--out' }: { readonly force: boolean; readonly option?: string }): void => {
  refuseOwn(dir, option)
  const st = statOf(dir)
  if (st !== undefined && !st.isDirectory()) throw usage(`${option} ${dir} is a file, not a folder; name a folder to write the files into`)
  if (st !== undefined && !force) {
    let entries: string[]
    try {
      entries = readdirSync(dir)
    } catch (e) {
      throw usage(`cannot read the folder ${dir} (${(e as NodeJS.ErrnoException).code ?? 'error'}); check its permissions`)
    }
    if (entries.length > 0) throw usage(`${option} ${dir} is not empty; name a new or empty folder, or add --force to replace the files it writes there`)
  }
  for (const f of files) refuseOwn(join(dir, f), option)
}

/**
 * Writes a file whole or not at all: a temporary file beside it (mode `mode`), synced, renamed
 * over the target. A crash leaves the old file or the new one, never half of one. Never writes
 * over a guarded file. Failures are usage errors (exit 2) naming the path.
 *
 * @example
 * writeAtomically('overzicht-2024.html', html, 0o644)
 */
export const writeAtomically = (path: string, data: string | Uint8Array, mode = 0o600): void => {
  const file = openAtomically(path, mode)
  file.write(data)
  file.commit()
}

/** A file being written in pieces that appears under its name only when `commit` is called. */
export interface AtomicFile {
  readonly write: (bytes: Uint8Array | string) => void
  /** Syncs the file and renames it into place. */
  readonly commit: () => void
  /** Removes the unfinished file (the target is left as it was). */
  readonly abort: () => void
}

/**
 * Opens a file to be written in pieces, whole or not at all (see `writeAtomically`).
 *
 * @example
 * const f = openAtomically('out/entries.jsonl'); f.write(line); f.commit()
 */
export const openAtomically = (path: string, mode = 0o600): AtomicFile => {
  refuseOwn(path, 'the output')
  if (statOf(path)?.isDirectory()) throw usage(`cannot write ${path}: it is a folder; name a file`)
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  const failed = (e: unknown) => usage(`cannot write ${path} (${(e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e))}); check the folder exists and that you may write to it`)
  let fd: number | undefined
  try {
    fd = openSync(temp, 'wx', mode)
  } catch (e) {
    throw failed(e)
  }
  const abort = (): void => {
    if (fd !== undefined) closeSync(fd)
    fd = undefined
    rmSync(temp, { force: true })
  }
  return {
    write: (data) => {
      try {
        const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
        for (let done = 0; done < bytes.length; ) done += writeSync(fd!, bytes, done, bytes.length - done)
      } catch (e) {
        abort()
        throw failed(e)
      }
    },
    commit: () => {
      try {
        fsyncSync(fd!)
        closeSync(fd!)
        fd = undefined
        renameSync(temp, path)
      } catch (e) {
        abort()
        throw failed(e)
      }
      syncFolder(path)
    },
    abort,
  }
}

/** Syncs the folder holding `path`, so a rename into it survives a power cut (where the file system allows). */
const syncFolder = (path: string): void => {
  try {
    const dirFd = openSync(dirname(resolve(path)), 'r')
    try {
      fsyncSync(dirFd)
    } finally {
      closeSync(dirFd)
    }
  } catch {
    // some file systems do not sync folders; the file itself is whole either way
  }
}
