/**
 * contact-ledger: the register of a ministry's contacts with civil-society organisations, as one
 * append-only, verifiable event log. This is the package's public surface (`contact-ledger`).
 */

// the ledger service
export { createLedger, readFor } from './ledger/ledger.js'
export type { Ledger, LedgerOptions, Receipt, BatchRejection, SnapshotRenderer } from './ledger/ledger.js'
export { stateAt, foldLog, pages, PAGE_SIZE } from './ledger/read.js'

// domain: commands, events, state, rules
export { decodeCommand } from './domain/decode.js'
export { commandPayloads, COMMAND_NAMES } from './domain/commands.js'
export type { Command, CommandName, CommandOf, PayloadOf } from './domain/commands.js'
export { eventData, EVENT_TYPES, encodeStored, decodeStored, SCHEMA_VERSION } from './domain/events.js'
export type { DomainEvent, EventType, EventOf, DataOf, EventMeta, NewEvent, StoredEvent, StoredEventJson, Sealed } from './domain/events.js'
export { decide, registerDecider } from './domain/decide/index.js'
export type { DecideContext, Decision, RenderedSnapshot } from './domain/decide/index.js'
export { evolve, evolveAll, replay } from './domain/evolve.js'
export { initialState } from './domain/state.js'
export type * from './domain/state.js'
export { organisationStatus, activeExclusion, outstandingAdvice, activeOn, activeInYear, openPartnerships } from './domain/status.js'
export type { OrganisationStatus } from './domain/status.js'
export { commandRoles, mayIssue } from './domain/roles.js'
export { tagsOf, orgTag, contactTag, personTag, partnershipTag, reportTag } from './domain/tags.js'
export { fillIds, queryFor } from './domain/prepare.js'
export * as values from './domain/values.js'
export type { Rejection, DomainRejection, DecodeError, Unauthorized, RuleViolation, RuleTag, Conflict, StoreError } from './domain/errors.js'
export { reject, storeError, conflict } from './domain/errors.js'

// ports
export type { EventStore, AppendOptions, ReadOptions, StoredCheckpoint } from './ports/event-store.js'
export type { KeyStore } from './ports/key-store.js'
export { matches } from './ports/query.js'
export type { Query, QueryItem, AppendCondition } from './ports/query.js'
export { systemClock, fixedClock, businessDateOf } from './ports/clock.js'
export type { Clock } from './ports/clock.js'
export { uuidV7, sequentialIds } from './ports/ids.js'
export type { Ids } from './ports/ids.js'

// audit log building blocks
export { canonicalJson, entryBytes, entryBytesOfJson, leafHashOf } from './audit/canonical.js'
export { hashLeaf, hashChildren, sha256, EMPTY_ROOT } from './audit/hash.js'
export { frontierIds, extendTree, rootFromFrontier, nodeKey } from './audit/tree.js'
export type { NodeId, TreeNode } from './audit/tree.js'
export { prepareBatch } from './audit/entries.js'
export type { PreparedBatch } from './audit/entries.js'

// privacy
export { seal, open as openSealed, newPersonKey } from './privacy/seal.js'
export type { PersonalData } from './privacy/seal.js'
export { followLog } from './ledger/follow.js'
export type { FollowOptions } from './ledger/follow.js'
