/**
 * The adapter kit: everything an adapter author needs, and nothing else. An adapter imports only
 * `src/ports/**`, this kit and its driver: it implements a `StorageDialect` (and a `KeyStore`),
 * builds its event store with `eventStoreOver`, and translates its driver's errors into
 * `StoreError` with `storeError`.
 */
export { eventStoreOver } from './event-store.js'
export { selectionOf, selectsNothing } from './selection.js'
export { serialiser, type Serialiser } from './serial.js'
export { guardAsync, guardSync } from './guard.js'
export { bothOrNeither, keyExists, type AnchorSource, type OpenedStores } from './opened.js'
export { storeError, conflict, type StoreError, type Conflict } from '../domain/errors.js'
export type { NewEvent, StoredEvent } from '../domain/events.js'
export type {
  Inspected,
  Inspection,
  PlacedAppend,
  PlacedOutcome,
  PreparedRow,
  ReadRequest,
  Selection,
  StorageDialect,
  SyncWriteTransaction,
  TagGroup,
  WriteSet,
  WriteTransaction,
} from '../ports/storage-dialect.js'
export type { EventStore, StoredCheckpoint, StoredEntry } from '../ports/event-store.js'
export type { KeyStore } from '../ports/key-store.js'
export type { DerivedIndexes, IndexedRow, IndexedTag, RebuildCounts, StrayRow, WantedTag } from '../ports/indexes.js'
export type { NodeId, TreeNode } from '../ports/tree-node.js'
export { writeFileAtomic, type AtomicWriteOptions } from './atomic-file.js'
export { anchorHolds, anchorOf, anchorPathOf, readAnchor, writeAnchor, type Anchor } from './anchor.js'
export { ACCESS_GENESIS, EMPTY_ACCESS_HEAD, accessHash, chainAccess, verifyAccessChain, type AccessCheck } from './access-chain.js'
export type { AccessEntry, AccessHead, AccessLog, AccessRead, AccessRecord } from '../ports/access-log.js'
