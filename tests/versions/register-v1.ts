/**
 * The register written by version 1 (tests/fixtures/registers/v1): its recorded checkpoints and
 * snapshots, written out here (never read back from its README), and a way to open a copy of it.
 */
import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { keysPathOf, openSqlite } from '../../adapters/sqlite/index.js'
import type { OpenedStores } from '../../src/store/index.js'

/** The folder of the checked-in v1 register. */
export const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'registers', 'v1')

/** The checkpoints as the fixture's README records them: tree size and base64 root. */
export const V1_CHECKPOINTS: ReadonlyArray<readonly [number, string]> = [
  [150, '/Vui1vtGdfYBzReSSN0lTb6B40sd4aDPUtQ65Yiw50Y='],
  [152, 'QTh8jaFD9FSNRUTkldTV1iYv3h713VMVbHj6JkPtX7U='],
  [154, 'b1W21pe0Nd2I6Hzjr9P0HOwHWRIBRiyC1cSzKR7HRkA='],
  [155, 'oNi1otrjJJKLU4psUhDBRYmA8NEaftDUTOoXptxOoy4='],
]

/** The snapshots as the fixture's README records them: position, log size and content hash. */
export const V1_SNAPSHOTS = {
  overview2024: { position: 150, logSize: 150, contentHash: '6c9d92315a14a940c81fa1add1da0eb10fc910a5a3a92efa34a9f3c5dd12dd8e' },
  confidential: { position: 152, logSize: 152, contentHash: '5596fe9d0f36baaa0b0a28dd4fb1fb66af8088b2f79fc08248bba616b441e583' },
  overview2025: { position: 154, logSize: 154, contentHash: '52a2c5f7ab221d8908b9eaadbb02ec80d659143dc1a9d6bf150058e2e5dae3b2' },
} as const

/**
 * A copy of the v1 register in a fresh folder (so the checked-in files are never opened for
 * writing), opened with today's SQLite adapter.
 */
export const openV1Copy = async (): Promise<OpenedStores & { readonly path: string }> => {
  const path = join(mkdtempSync(join(tmpdir(), 'cl-v1-')), 'register.db')
  copyFileSync(join(FIXTURE, 'register.db'), path)
  copyFileSync(join(FIXTURE, 'register.db.keys'), keysPathOf(path))
  const opened = await openSqlite({ path })
  if (E.isLeft(opened)) throw new Error(opened.left.message)
  return { ...opened.right, path }
}

