/**
 * contact-ledger: the register of a ministry's contacts with civil-society organisations, as one
 * append-only, verifiable event log. This is the package's public surface (`contact-ledger`).
 */

// the ledger service
export { createLedger, readFor } from './ledger/ledger.js'
export type { Ledger, LedgerOptions, Receipt, BatchRejection, SnapshotRenderer } from './ledger/ledger.js'
export { stateAt, foldLog, pages, PAGE_SIZE } from './ledger/read.js'

// domain: commands, events, state, rules
export { decodeCommand } from './domain/commands/index.js'
export { commandPayloads, COMMAND_NAMES } from './domain/commands/index.js'
export type { Command, CommandName, CommandOf, PayloadOf } from './domain/commands/index.js'
export { eventData, EVENT_TYPES, encodeStored, decodeStored, SCHEMA_VERSION } from './domain/events.js'
export type { DomainEvent, EventType, EventOf, DataOf, EventMeta, NewEvent, StoredEvent, StoredEventJson, Sealed } from './domain/events.js'
export { decide, registerDecider } from './domain/commands/index.js'
export type { DecideContext, Decision, RenderedSnapshot } from './domain/commands/index.js'
export { evolve, evolveAll, replay } from './domain/evolve.js'
export { initialState } from './domain/state.js'
export type * from './domain/state.js'
export { organisationStatus, activeExclusion, outstandingAdvice, activeOn, activeInYear, openPartnerships } from './domain/status.js'
export type { OrganisationStatus } from './domain/status.js'
export { commandRoles, mayIssue } from './domain/commands/index.js'
export { tagsOf } from './domain/events.js'
export { orgTag, contactTag, personTag, partnershipTag, reportTag } from './domain/tags.js'
export { fillIds, queryFor } from './domain/commands/index.js'
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

// reports: pure folds and renderers (rules 6, 7, 8, 12, 15), and rendering from a store
export { reportFold, basisOf, byName } from './reports/basis.js'
export type { ReportBasis, ReportFold } from './reports/basis.js'
export { annualOverview, annualOverviewOf } from './reports/annual-overview.js'
export type { AnnualOverview, AnnualRow } from './reports/annual-overview.js'
export { confidentialList, confidentialListOf, LIST_SINCE } from './reports/confidential-list.js'
export type { ConfidentialList, ConfidentialRow, Period } from './reports/confidential-list.js'
export { auditView, auditViewOf } from './reports/audit-view.js'
export type { AuditView, AuditOrganisation, AuditDecision, AuditReason } from './reports/audit-view.js'
export { renderReport } from './reports/render/render.js'
export type { RenderOptions, AnyReport } from './reports/render/render.js'
export type { CheckpointRef } from './reports/render/document.js'
export { checkContentHash, sha256Hex } from './reports/render/content-hash.js'
export { renderAt, basisAt, reportOf, checkpointRefAt, treeRootAt, checkpointBodyOf } from './ledger/reports.js'
export type { ReportRequest, ReportError, BeyondLog, Rendered } from './ledger/reports.js'
export { createSnapshotRenderer, checkSnapshot, snapshotEventCheck, isSnapshot } from './ledger/snapshot.js'
export type { SnapshotDeps, SnapshotCheck } from './ledger/snapshot.js'
export { followLog } from './ledger/follow.js'
export type { FollowOptions } from './ledger/follow.js'

// audit log: proofs, signed checkpoints, verification
export { inclusionProof, consistencyProof, proveInclusion, proveConsistency, rootAt, inclusionRanges, consistencyRanges } from './audit/proof.js'
export type { InclusionReceipt, ConsistencyReceipt, LeafRange } from './audit/proof.js'
export { verifyInclusion, verifyConsistency, rootFromInclusionProof } from './audit/verify-proof.js'
export type { ProofInvalid, Count } from './audit/verify-proof.js'
export { signNote, openNote, parseVerifierKey, parsePrivateKey, generateSigner, formatVerifierKey, keyId } from './audit/note.js'
export type { Verifier, NoteSigner, OpenedNote, KeyInvalid, NoteInvalid } from './audit/note.js'
export { signedCheckpoint, signCheckpoint, checkpointBody, parseCheckpoint, verifyCheckpoint } from './audit/checkpoint.js'
export type { Checkpoint, SignedCheckpoint } from './audit/checkpoint.js'
export { formatTlogProof, parseTlogProof, verifyTlogProof } from './audit/tlog-proof.js'
export type { TlogProof } from './audit/tlog-proof.js'
export { verifyLog, verificationFailure } from './audit/verify.js'
export type { VerificationFailure, Verified, VerificationResult, VerifyOptions, EventCheck, FailureKind } from './audit/verify.js'
export { verifyBundle } from './audit/bundle.js'
export type { BundleInput, BundleCheckpoint } from './audit/bundle.js'

// importing existing records (spreadsheet exports)
export { decodeMapping, columnsOf, Mapping } from './import/mapping.js'
export type { ResolvedMapping, MappingJson, LongTextPolicy } from './import/mapping.js'
export { rowReader, truncateText, MAX_TEXT } from './import/rows.js'
export type { ContactRow, RowOutcome, Cells } from './import/rows.js'
export { planImport, contactKey, organisationKey, organisationIdFor } from './import/plan.js'
export type { ImportPlan, PlanContext, PlannedCommand, RowProblem } from './import/plan.js'
export { normaliseName, tidyName } from './import/normalise.js'
export { parseDate, DATE_FORMATS } from './import/dates.js'
export type { DateFormat } from './import/dates.js'
export { BUILTIN_MAPPINGS } from './import/builtin.js'
