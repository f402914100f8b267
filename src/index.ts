/**
 * `contact-ledger`: the register of a ministry's contacts with civil-society organisations, as one
 * append-only, verifiable event log. This entry point holds what a ministry tool embeds: the
 * ledger, the commands and their rejections, the register's state, and the reports.
 *
 * Proofs, checkpoints and verification are in `contact-ledger/audit`; importing spreadsheet
 * exports in `contact-ledger/import`; storage in `contact-ledger/adapters/*`; the tools for
 * writing an adapter in `contact-ledger/adapter-kit`; arbitraries in `contact-ledger/testing` and
 * the conformance suites in `contact-ledger/testing/vitest`. Nothing else is public: internal modules may change in any release.
 */

// the ledger service
export { createLedger } from './ledger/ledger.js'
export type { Ledger, LedgerOptions, Receipt, BatchRejection, SnapshotRenderer, ActingLedger } from './ledger/ledger.js'
export { stateAt, foldLog, pages, StoreFailure } from './ledger/read.js'
export { followLog } from './ledger/follow.js'
export type { FollowOptions } from './ledger/follow.js'
export { retention, textRetention } from './ledger/retention.js'
export { openRegister } from './ledger/open-register.js'
export type { OpenOptions } from './ledger/open-register.js'

// commands (DOMAIN.md's command format) and what the register answers
export { decodeCommand } from './domain/commands/index.js'
export { commandPayloads, COMMAND_NAMES } from './domain/commands/index.js'
export type { Command, CommandName, CommandOf, PayloadOf } from './domain/commands/index.js'
export { commandRoles, mayIssue } from './domain/commands/index.js'
// the register's own settings (rule 24): origin, publisher, late-entry threshold, as events
export { settingsAt, settingsQuery, originProblem } from './domain/register-settings.js'
export type { RegisterSettings } from './domain/register-settings.js'
// roles as data in the log (rules 12, 18): the record of grants read as rules
export { rolesOf, holdsRole, hasGrants, grantsOf, grantsQuery } from './domain/policies/roles.js'
export { pendingProposals, allProposals } from './domain/policies/proposals.js'
export type { ProposalState, ActorRef } from './domain/state.js'
export { ActorId } from './domain/input.js'
// restricted reads (rule 20): who may read what, checked and written to the access log
export { restrictedReads, PURPOSE_MAX } from './ledger/restricted-reads.js'
export type { RestrictedReads, ReadError } from './ledger/restricted-reads.js'
export { mayRead, READ_ROLES, READ_KINDS } from './domain/policies/readers.js'
export type { ReadKind, ReadRefused } from './domain/policies/readers.js'
export { verifyAccessChain, chainAccess, ACCESS_GENESIS } from './store/access-chain.js'
export type { AccessCheck } from './store/access-chain.js'
export type { AccessLog, AccessEntry, AccessRecord, AccessHead, AccessRead } from './ports/access-log.js'
export { claimedRoles } from './domain/policies/claimed-roles.js'
export type { ActorClaims, ClaimedRole } from './domain/policies/claimed-roles.js'
export type { GrantState } from './domain/state.js'
export { RoleGranted, RoleRevoked, ROLE_EVENTS } from './domain/events.js'
export type { Rejection, DomainRejection, DecodeError, Unauthorized, RuleViolation, RuleTag, Conflict, StoreError } from './domain/errors.js'

// events and the state they fold into
export { eventData, EVENT_TYPES, encodeStored, decodeStored, SCHEMA_VERSION } from './domain/events.js'
export type { DomainEvent, EventType, EventOf, DataOf, EventMeta, NewEvent, StoredEvent, StoredEventJson, Sealed } from './domain/events.js'
export { evolve, evolveAll } from './domain/evolve.js'

// versions (rule 22): event schema versions read through upcasters, and report versions
export { eventVersions, schemaVersionOf, upcastStored } from './domain/events.js'
export { eventHistory, upcasterOf } from './domain/versions.js'
export type { EventHistory, EventVersions, Upcaster, VersionedEvent } from './domain/versions.js'
export { reportVersions, newestReportVersion, reportVersionOf } from './reports/versions.js'
export type { ReportVersion, ReportVersions } from './reports/versions.js'
export { initialState } from './domain/state.js'
export type * from './domain/state.js'
export { organisationStatus, activeExclusion, outstandingAdvice, activeOn, activeInYear, openPartnerships } from './domain/status.js'
export type { OrganisationStatus } from './domain/status.js'
export {
  isIsoDate, ORGANISATION_KINDS, THEMES, CONTACT_FORMS, CONTACT_CATEGORIES, ADVICE_SOURCES, ADVICE_OUTCOMES, FACT_KINDS,
  EXCLUSION_GROUNDS, REPORT_KINDS, REPORT_FORMATS, LANGUAGES, ROLES, NonEmptyString,
} from './domain/values.js'
export type {
  IsoDate, Uuid, OrganisationKind, Theme, ContactForm, ContactCategory, AdviceSource, AdviceOutcome, FactKind,
  ExclusionGround, ReportKind, ReportFormat, Language, Role, Year, Actor,
} from './domain/values.js'

// what the ledger runs on: ports an embedder provides or picks an adapter for
export type { EventStore, AppendOptions, ReadOptions, StoredCheckpoint } from './ports/event-store.js'
export type { KeyStore } from './ports/key-store.js'
export type { ProcessingLog, ProcessingRecord } from './ports/processing-log.js'
export type { Query, QueryItem, AppendCondition } from './ports/query.js'
export { systemClock, fixedClock, businessDateOf } from './ports/clock.js'
export type { Clock } from './ports/clock.js'
export { uuidV7, sequentialIds } from './ports/ids.js'
export type { Ids } from './ports/ids.js'

// personal data of key figures (rules 9, 10)
export { readPersons, pseudonymSecret, PSEUDONYM_SECRET_ID } from './privacy/persons.js'
export { DEFAULT_RETENTION, DEFAULT_TEXT_RETENTION, dueForRedaction, parseTextRetention } from './privacy/retention.js'
export type { RetentionPolicy, TextRetentionPolicy } from './privacy/retention.js'
export { maskSealed, openFreeText, readTexts, unsealEvents } from './privacy/texts.js'

// reports: pure folds over events (rules 6, 7, 15) and their renderings
export { annualOverview } from './reports/annual-overview.js'
export type { AnnualOverview, AnnualRow } from './reports/annual-overview.js'
export { confidentialList, LIST_SINCE } from './reports/confidential-list.js'
export type { ConfidentialList, ConfidentialRow, Period } from './reports/confidential-list.js'
export { auditView } from './reports/audit-view.js'
export type { AuditView, AuditOrganisation, AuditDecision, AuditReason } from './reports/audit-view.js'
export { renderReport, AUDIT_FORMATS } from './reports/render/render.js'
export type { RenderOptions, AnyReport } from './reports/render/render.js'
export { labelsFor, programmeLabel } from './reports/render/labels.js'
export type { CheckpointRef } from './reports/render/document.js'
export { checkContentHash, sha256Hex } from './reports/render/content-hash.js'
export { renderAt } from './ledger/reports.js'
export type { ReportRequest, ReportError, BeyondLog, Rendered } from './ledger/reports.js'
// reports from an exported bundle, as the register stood on a date (verified first)
export { renderFromBundle, prefixRecordedBy } from './ledger/bundle-report.js'
export type { BundleSource, BundleReportOptions, BundleRefused, BundleRendered } from './ledger/bundle-report.js'
export type { BundleCheckpoint } from './audit/bundle.js'

// report snapshots (rule 13): recorded renderings, checked again by verify
export { createSnapshotRenderer, checkSnapshot, snapshotEventCheck, isSnapshot, snapshotText } from './ledger/snapshot.js'
export type { SnapshotDeps, SnapshotCheck } from './ledger/snapshot.js'
