/**
 * `checkpoint --add-cosignature FILE` (issue 16): stores a witness's cosignatures back in the
 * register. FILE is a checkpoint note as `witness cosign` wrote it; its body (origin, size, root)
 * must be that of a checkpoint the store holds at that size, signed by the store's own key (its
 * signature line kept), and the lines it adds are signature lines. The stored note gains them, so
 * the operator's `verify --witness VKEY --witnesses-needed N` checks the latest stored checkpoint.
 * No entry changes; a checkpoint note is derived data and may carry more signatures.
 */
import * as E from 'fp-ts/lib/Either.js'
import { parseCheckpoint } from '../../src/audit/index.js'
import type { EventStore } from '../../src/index.js'
import { orExit } from '../audit-io.js'
import { CliError, usage } from '../errors.js'
import { decodeStrict, readBounded } from '../input-limits.js'

const SIGNATURE_LINE = /^— \S+ [A-Za-z0-9+/=]+$/u

const split = (note: string): { readonly body: string; readonly signatures: ReadonlyArray<string> } => {
  const at = note.lastIndexOf('\n\n')
  return at < 0 ? { body: note, signatures: [] } : { body: note.slice(0, at + 1), signatures: note.slice(at + 2).split('\n').filter((l) => l !== '') }
}

/**
 * Adds the cosignatures of the note in `file` to the store's checkpoint of the same size and
 * root. Returns the size and the signature lines added (none when it already had them).
 *
 * @example
 * const r = await addCosignatures(store, 'cosigned.note') // { treeSize: 153, added: ['— audit.example/witness …'] }
 */
export const addCosignatures = async (store: EventStore, file: string): Promise<{ readonly treeSize: number; readonly added: ReadonlyArray<string> }> => {
  if (file === '') throw usage('--add-cosignature needs a file: the checkpoint note witness cosign wrote')
  const name = file === '-' ? 'standard input' : file
  const note = decodeStrict(readBounded(file), name)
  const offered = split(note)
  const body = parseCheckpoint(offered.body)
  if (E.isLeft(body) || offered.signatures.length === 0) throw usage(`--add-cosignature ${name} is not a signed checkpoint note (origin, size, root, a blank line and signature lines)`)
  const bad = offered.signatures.find((l) => !SIGNATURE_LINE.test(l))
  if (bad !== undefined) throw new CliError(`--add-cosignature ${name}: "${bad.slice(0, 60)}" is not a signature line`, 1)
  const size = body.right.treeSize
  const stored = (await orExit(store.checkpoints())).find((c) => c.treeSize === size)
  if (stored === undefined)
    throw new CliError(`the register holds no checkpoint at size ${size}: ${name} is of another log, or of a checkpoint this register never made`, 1)
  const own = split(stored.note)
  if (own.body !== offered.body)
    throw new CliError(`${name} is not the register's checkpoint at size ${size}: its origin, size or root differ (another log, or a fork)`, 1)
  const missing = own.signatures.filter((l) => !offered.signatures.includes(l))
  if (missing.length > 0) throw new CliError(`${name} lacks the register's own signature of the checkpoint at size ${size}; give the note the witness cosigned`, 1)
  const added = offered.signatures.filter((l) => !own.signatures.includes(l))
  if (added.length > 0) await orExit(store.putCheckpoint({ treeSize: size, note: `${stored.note}${added.map((l) => `${l}\n`).join('')}` }))
  return { treeSize: size, added }
}

/**
 * The latest checkpoint note the store holds (the one `verify --witness` checks on a store), or
 * undefined for a store without checkpoints.
 *
 * @example
 * const note = await latestStoredCheckpoint(store)
 */
export const latestStoredCheckpoint = async (store: EventStore): Promise<string | undefined> => {
  const all = await orExit(store.checkpoints())
  return all.reduce<{ treeSize: number; note: string } | undefined>((a, c) => (a === undefined || c.treeSize > a.treeSize ? c : a), undefined)?.note
}
