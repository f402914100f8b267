/**
 * The register's state: what a fold over the log knows at a position. Plain readonly data; built
 * only by `evolve`. Queries over it (status, activity on a date) live in `status.ts`.
 */
import type { FreeText, FreeTexts, Ground, ReportParameters, Sealed } from './events/parts.js'
import type {
  AdviceOutcome,
  AdviceSource,
  ContactCategory,
  ContactForm,
  FactKind,
  KvkNumber,
  OrganisationKind,
  PartnershipEndReason,
  ReportKind,
  SecurityService,
  Role,
  Theme,
} from './values.js'

// ---------------------------------------------------------------------------------------------
// model

/** Where a fact entered the log: its position and recording instant. */
export interface Provenance {
  readonly position: number
  readonly recordedAt: string
}

export interface EndorsementState extends Provenance {
  readonly endorsedOn: string
  readonly documentRef: string
}

export interface AdviceState extends Provenance {
  readonly adviceId: string
  readonly source: AdviceSource
  /** The security service that gave it (AIVD, MIVD), when the advice names one. */
  readonly service?: SecurityService
  readonly advice: AdviceOutcome
  readonly receivedOn: string
  readonly reference: string
  /** Retracted by a vetting officer (recorded in error, or from a source that no longer counts): it blocks nothing. */
  readonly retracted?: Provenance & { readonly reason: FreeText }
}

export interface FactState extends Provenance {
  readonly factId: string
  readonly kind: FactKind
  readonly observedOn: string
  readonly source: string
  readonly reference: string
  /** For a statement of support: the terrorist or sanctions listing it refers to. */
  readonly listingRef?: string
}

export interface ExclusionState extends Provenance {
  readonly decisionId: string
  readonly decidedOn: string
  readonly grounds: ReadonlyArray<Ground>
  readonly rationale: FreeText
  readonly reviewBy?: string
  readonly lifted?: Provenance & { readonly liftedOn: string; readonly rationale: FreeText }
  /** Its reviews (rule 17), in log order. */
  readonly reviews?: ReadonlyArray<Provenance & { readonly reviewedOn: string; readonly nextReviewBy?: string; readonly rationale: FreeText }>
}

export interface OrganisationState extends Provenance {
  readonly organisationId: string
  readonly name: string
  readonly kind: OrganisationKind
  readonly kvkNumber?: KvkNumber
  readonly municipality?: string
  readonly corrections: ReadonlyArray<number>
  /** The name it was registered under (as corrected before its first rename), once it has been renamed. */
  readonly registeredName?: string
  /** Its renames, in the order they took effect (absent until the first); `name` is the latest. */
  readonly renames?: ReadonlyArray<Provenance & { readonly effectiveOn: string; readonly name: string; readonly reason: FreeText }>
  readonly endorsement: EndorsementState | null
  readonly endorsementWithdrawals: ReadonlyArray<Provenance & { readonly withdrawnOn: string; readonly reason: FreeText }>
  /** Every endorsement recorded, in log order (rule 6 judges a partnership on its start date). */
  readonly endorsements?: ReadonlyArray<EndorsementState>
  readonly advices: ReadonlyArray<AdviceState>
  readonly facts: ReadonlyArray<FactState>
  readonly exclusions: ReadonlyArray<ExclusionState>
  readonly partnershipIds: ReadonlyArray<string>
  readonly contactIds: ReadonlyArray<string>
}

export interface PartnershipState extends Provenance {
  readonly partnershipId: string
  readonly organisationId: string
  readonly programme: string
  readonly themes: ReadonlyArray<Theme>
  readonly startedOn: string
  readonly ended?: Provenance & { readonly endedOn: string; readonly reason: PartnershipEndReason }
}

export interface ContactState extends Provenance {
  readonly contactId: string
  readonly organisationIds: ReadonlyArray<string>
  readonly personIds: ReadonlyArray<string>
  readonly occurredOn: string
  readonly form: ContactForm
  readonly category: ContactCategory
  readonly themes: ReadonlyArray<Theme>
  readonly subject?: FreeText
  readonly officials: FreeTexts
  readonly corrections: ReadonlyArray<number>
  readonly retracted?: Provenance & { readonly reason: FreeText }
  /** Acknowledged breaches of rule 2 (rule 3): at its recording or at a correction. */
  readonly breaches?: ReadonlyArray<Provenance & { readonly reason: FreeText; readonly decisionIds: ReadonlyArray<string>; readonly adviceIds: ReadonlyArray<string> }>
  /** A coordinator's reviews of its breaches. */
  readonly breachReviews?: ReadonlyArray<Provenance & { readonly reviewedOn: string; readonly note: FreeText }>
}

export interface PersonState extends Provenance {
  readonly personId: string
  readonly organisationId?: string
  /** The sealed personal fields; gone from state once the person is erased. */
  readonly personal: Sealed | null
  readonly lastContactOn?: string
  readonly erased?: Provenance & { readonly reason: FreeText }
}

export interface ReportState extends Provenance {
  readonly reportId: string
  readonly kind: ReportKind
  readonly parameters: ReportParameters
  readonly logSize: number
  readonly checkpoint: string
  readonly contentHash: string
  readonly published: ReadonlyArray<Provenance & { readonly publishedOn: string; readonly channel: string }>
  readonly shared: ReadonlyArray<Provenance & { readonly sharedOn: string; readonly recipient: string; readonly recipientId?: string }>
}

/** A recipient on the register's recipient list (rule 8); `removed` once taken off it. */
export interface RecipientState extends Provenance {
  readonly recipientId: string
  readonly name: string
  readonly removed?: Provenance & { readonly reason?: FreeText }
}

/**
 * One grant of a role to an actor (rule 18): held from `grantedOn` until `revoked.revokedOn`
 * (exclusive), or without end while it is not revoked.
 */
export interface GrantState extends Provenance {
  readonly actorId: string
  readonly role: Role
  readonly grantedOn: string
  /** Sealed (rule 21) since roles' reasons are; plaintext in registers written before. */
  readonly reason?: FreeText
  readonly revoked?: Provenance & { readonly revokedOn: string; readonly reason?: FreeText }
}

/** Who acted: an actor's id and the role they acted in. */
export interface ActorRef {
  readonly id: string
  readonly role: Role
}

/**
 * A proposal (rule 19): a command that takes effect only when a second actor holding `role`
 * confirms it. `payload` is the command's payload as proposed (its new ids filled in); `closed`
 * says how it ended, once it has.
 */
export interface ProposalState extends Provenance {
  readonly proposalId: string
  readonly command: string
  readonly payload: Readonly<Record<string, unknown>>
  readonly role: Role
  readonly proposedBy: ActorRef
  readonly closed?: Provenance & { readonly outcome: 'confirmed' | 'withdrawn'; readonly by: ActorRef; readonly reason?: string }
}

/** The whole register as of `size` events folded (positions 0 … size-1). */
export interface RegisterState {
  readonly size: number
  readonly organisations: Readonly<Record<string, OrganisationState>>
  readonly partnerships: Readonly<Record<string, PartnershipState>>
  readonly contacts: Readonly<Record<string, ContactState>>
  readonly persons: Readonly<Record<string, PersonState>>
  readonly reports: Readonly<Record<string, ReportState>>
  /** The recipient list: every recipient ever added, by id (rule 8). */
  readonly recipients: Readonly<Record<string, RecipientState>>
  /** Decision id → organisation id, so a lift can find its decision. */
  readonly decisions: Readonly<Record<string, string>>
  /**
   * Identity index (rule 23): `n:<nameKey>` and `k:<KvK number>` → the organisations that ever
   * went by that name or number (a superset: the check confirms each), so a registration is judged
   * without comparing it to every organisation. Absent in states made before it existed.
   */
  readonly identities?: Readonly<Record<string, ReadonlyArray<string>>>
  /** The register's own settings (rule 24), once configured; absent on a register never configured. */
  readonly settings?: RegisterSettings
  /** Advice id → organisation id, so a retraction can find its advice (absent in states made before it existed). */
  readonly advices?: Readonly<Record<string, string>>
  /**
   * The record of grants (rule 18): actor id (compared exactly, as every actor id is) → the grants
   * of that actor's roles, in log order. Absent while none was folded. A decision's working state
   * holds only the grants its query read: the acting actor's and every administrator's
   * (`grantsQuery`).
   */
  readonly grants?: Readonly<Record<string, ReadonlyArray<GrantState>>>
  /** The proposals (rule 19) by id, open and closed. Absent while none was folded. */
  readonly proposals?: Readonly<Record<string, ProposalState>>
  /**
   * Records with sealed free text (rule 21), by record id: where each was redacted, if it was.
   * Absent in states made before sealing existed.
   */
  readonly sealedTexts?: Readonly<Record<string, SealedRecord>>
}

/** A record whose free texts are sealed under its own key (rule 21). */
export interface SealedRecord {
  /** The position of the first event that sealed a text under the record's key. */
  readonly first: number
  /** The redaction, once the record's key was destroyed. */
  readonly redacted?: Provenance
}

/** The register's settings as recorded (rule 24); `position` is that of the latest configuration. */
export interface RegisterSettings {
  readonly origin?: string
  readonly publisher?: string
  readonly lateEntryDays?: number
  readonly position: number
}

// ---------------------------------------------------------------------------------------------
// constructors

/** The state of an empty register. */
export const initialState: RegisterState = {
  size: 0,
  organisations: {},
  partnerships: {},
  contacts: {},
  persons: {},
  reports: {},
  recipients: {},
  decisions: {},
}
