/**
 * The register's anchor: its latest signed checkpoint kept outside the log (for SQLite a file
 * beside it, `PATH.checkpoint`, written atomically), so that a log shorter than a checkpoint it
 * signed itself, or one whose root at that size changed, is noticed when it is opened (issue 14:
 * a deleted WAL after a crash loses committed entries, and the checkpoints stored in the log go
 * with them). The anchor only ever moves forward: a checkpoint of a smaller size (a snapshot or a
 * proof signed at an earlier size) leaves it as it is.
 */
import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import { rootAt } from '../audit/proof.js'
import { storeError, type StoreError } from '../domain/errors.js'
import type { EventStore } from '../ports/event-store.js'
import { writeFileAtomic } from './atomic-file.js'

/** A kept checkpoint: its size and root, and the signed note they come from. */
export interface Anchor {
  readonly treeSize: number
  readonly rootHash: string
  readonly note: string
}

/** The anchor file beside a SQLite register. @example anchorPathOf('r.db') // 'r.db.checkpoint' */
export const anchorPathOf = (path: string): string => `${path}.checkpoint`

/**
 * The size and root (base64) a checkpoint note states, or undefined when it is no checkpoint note.
 *
 * @example
 * anchorOf('example.org/log\n3\nrra8…=\n\n— example.org/log …\n') // { treeSize: 3, rootHash: 'rra8…=', note }
 */
export const anchorOf = (note: string): Anchor | undefined => {
  const [origin, size, root] = note.split('\n')
  if (origin === undefined || origin === '' || size === undefined || !/^(0|[1-9][0-9]{0,15})$/.test(size) || root === undefined || !/^[A-Za-z0-9+/]{43}=$/.test(root)) return undefined
  return { treeSize: Number(size), rootHash: root, note }
}

/**
 * Reads the anchor file: undefined when there is none; a StoreError naming the file when it cannot
 * be read or holds no checkpoint.
 *
 * @example
 * const kept = readAnchor('r.db.checkpoint') // Right(Anchor | undefined)
 */
export const readAnchor = (file: string): E.Either<StoreError, Anchor | undefined> => {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return E.right(undefined)
    return E.left(storeError('unreadable', `cannot read the register's last signed checkpoint ${file} (${code ?? 'error'}); check its permissions`))
  }
  const anchor = anchorOf(text)
  if (anchor === undefined)
    return E.left(storeError('corrupt', `${file} holds no signed checkpoint: it was damaged; restore it from a copy (if there is none, move it away and check the register with verify --since a checkpoint kept elsewhere)`))
  return E.right(anchor)
}

/**
 * Keeps `note` as the anchor when it is at least as large as the one kept (atomic: temp file,
 * fsync, rename); a smaller one leaves the anchor as it is. Throws the file system's error.
 *
 * @example
 * writeAnchor('r.db.checkpoint', cp.note)
 */
export const writeAnchor = (file: string, note: string): void => {
  const next = anchorOf(note)
  if (next === undefined) return
  const kept = readAnchor(file)
  if (E.isRight(kept) && kept.right !== undefined && kept.right.treeSize > next.treeSize) return
  writeFileAtomic(file, note, { overwrite: true })
}

/**
 * Checks that the log extends the anchor: it holds at least the anchor's entries, and its root at
 * the anchor's size is the anchor's root. A StoreError ('corrupt') naming both sizes and the file
 * when not. `where` names the register in the message.
 *
 * @example
 * const ok = await anchorHolds(store, kept, 'r.db.checkpoint', 'the register r.db')() // Right(undefined)
 */
export const anchorHolds =
  (store: EventStore, anchor: Anchor, file: string, where: string): TaskEither<StoreError, void> =>
  async () => {
    const size = await store.size()()
    if (E.isLeft(size)) return size
    if (size.right < anchor.treeSize)
      return E.left(
        storeError(
          'corrupt',
          `${where} holds ${size.right} entries, fewer than the ${anchor.treeSize} of its last signed checkpoint (${file}): committed entries were lost (a deleted WAL file, an old copy restored); restore the register from a copy that holds them`,
        ),
      )
    const root = await rootAt(store, anchor.treeSize)()
    if (E.isLeft(root)) return root
    const b64 = Buffer.from(root.right).toString('base64')
    if (b64 !== anchor.rootHash)
      return E.left(
        storeError(
          'corrupt',
          `${where} (${size.right} entries) has root ${b64} at size ${anchor.treeSize}, but its last signed checkpoint (${file}) says ${anchor.rootHash}: the log was rewritten or forked; restore the register from a copy that verifies`,
        ),
      )
    return E.right(undefined)
  }
