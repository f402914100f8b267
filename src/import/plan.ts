/**
 * From rows to commands: organisations matched by normalised name against the register and
 * within the file (each one registered once), contacts recorded as the official, every command
 * carrying an idempotency key derived from what the row says (normalised, not the file's bytes),
 * so that importing the same records again appends nothing, whatever the line endings, a BOM, the
 * order of the rows or rows added since; two identical rows stay two (their ordinal differs).
 */
import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { v5 } from 'uuid'
import canonicalize from 'canonicalize'
import { mayBeContacted } from '../domain/policies/standing.js'
import type { OrganisationState, RegisterState } from '../domain/state.js'
import { activeOn } from '../domain/status.js'
import type { OrganisationKind } from '../domain/values.js'
import { nameKey } from '../domain/names.js'
import type { ContactRow, RowOutcome } from './rows.js'

// ---------------------------------------------------------------------------------------------
// model

export interface PlanContext {
  /** Hex SHA-256 of the file's bytes. */
  readonly fileHash: string
  /** The official recording the contacts. */
  readonly actor: string
  /** The coordinator registering organisations the register does not know; without one, such rows are unreadable. */
  readonly coordinator?: string
  /** Business date of the import (rule 10: no contact after it). */
  readonly today: string
  /** The register as it is now. */
  readonly state: RegisterState
  readonly organisationKind: OrganisationKind
}

/** A command to execute, with the file line it comes from (a registration: the first line naming it). */
export interface PlannedCommand {
  readonly line: number
  readonly command: { readonly command: string; readonly [k: string]: unknown }
  /**
   * For a contact: the key an import before content keys gave it (file hash and line). A register
   * holding that key already has the contact, so running the same file again appends nothing.
   */
  readonly legacyKey?: string
}

export interface RowProblem {
  readonly line: number
  readonly reason: string
}

export interface ImportPlan {
  /** Registrations first, then contacts in file order. */
  readonly commands: ReadonlyArray<PlannedCommand>
  /** Data rows in the file (header left out), filtered and unreadable ones included. */
  readonly rows: number
  readonly filtered: number
  readonly contacts: number
  /** Organisations the import registers. */
  readonly registrations: number
  /** Organisations already in the register that rows name. */
  readonly matched: number
  /** Rows with a text cut to 2,000 characters. */
  readonly truncated: number
  /** Every unreadable row, in line order. */
  readonly problems: ReadonlyArray<RowProblem>
}

// ---------------------------------------------------------------------------------------------
// utils

/** The namespace of the organisation ids an import makes (UUID v5, so a re-import makes the same id). */
export const IMPORT_NAMESPACE = '6f1d8c1e-3b0a-4c55-9f0e-5a7d2e9c4b10'

const short = (hex: string) => hex.slice(0, 32)
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

/**
 * The hex SHA-256 of what a row says, normalised: its date, its organisations' name keys (sorted),
 * subject, officials, form, category and themes. Line endings, a BOM, spacing and case in names,
 * and the row's place in the file change nothing.
 *
 * @example
 * rowHash(row) === rowHash({ ...row, line: 99 }) // true
 */
export const rowHash = (row: ContactRow): string =>
  sha256(
    canonicalize({
      occurredOn: row.occurredOn,
      organisations: row.organisations.map((o) => o.key).sort(),
      subject: row.subject ?? null,
      officials: row.officials,
      form: row.form,
      category: row.category,
      themes: row.themes,
    }) ?? '',
  )

/**
 * The idempotency key of an imported contact: what its row says, and how many identical rows came
 * before it in the file (two real, identical meetings stay two).
 *
 * @example contactKey(rowHash(row), 0) // 'import:contact:3f…:0'
 */
export const contactKey = (hash: string, ordinal: number): string => `import:contact:${short(hash)}:${ordinal}`

/** The key a contact got from imports before content keys: the file's hash and the row's line. @example legacyContactKey(fileHash, 12) */
export const legacyContactKey = (fileHash: string, line: number): string => `import:${short(fileHash)}:line:${line}`

/** The idempotency key of an organisation registration by an import. @example organisationKey('bar council') // 'import:org:9c…' */
export const organisationKey = (key: string): string => `import:org:${short(sha256(key))}`

/** The id an import gives an organisation it registers: the same normalised name gives the same id. @example organisationIdFor('bar council') // a UUID v5 */
export const organisationIdFor = (key: string): string => v5(key, IMPORT_NAMESPACE)

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * Plans an import: the commands to execute, the counts a summary shows and every unreadable row.
 * Pure: the register's state and the file's hash come in through `ctx`.
 *
 * @example
 * const plan = planImport(outcomes, { fileHash, actor: 'a.jansen', coordinator: 'c.smit', today, state, organisationKind: 'other' })
 * if (plan.problems.length === 0) await ledger.executeBatch(plan.commands.map((c) => c.command))
 */
export const planImport = (outcomes: Iterable<RowOutcome>, ctx: PlanContext): ImportPlan => {
  const existing = new Map<string, OrganisationState>()
  // matched by the register's own identity folding (rule 23), so the import never registers an organisation twice
  for (const o of Object.values(ctx.state.organisations)) {
    const key = nameKey(o.name)
    if (!existing.has(key)) existing.set(key, o)
  }
  /** The first row key of each identity in this file: two spellings of one name register one organisation. */
  const firstKey = new Map<string, string>()
  const keyOf = (key: string, name: string): string => {
    const identity = nameKey(name)
    if (!firstKey.has(identity)) firstKey.set(identity, key)
    return firstKey.get(identity)!
  }
  const blocked = new Map<string, string | undefined>()
  // rule 2 is judged on the contact's date: one answer per organisation and date
  const refusal = (o: OrganisationState, on: string): string | undefined => {
    const key = `${o.organisationId} ${on}`
    if (!blocked.has(key)) {
      const r = mayBeContacted(o, on)
      blocked.set(key, E.isLeft(r) ? `${r.left._tag}: ${r.left.message}` : undefined)
    }
    return blocked.get(key)
  }

  const registrations = new Map<string, PlannedCommand & { readonly id: string }>()
  const matched = new Set<string>()
  const contacts: PlannedCommand[] = []
  const ordinals = new Map<string, number>()
  const problems: RowProblem[] = []
  let rows = 0
  let filtered = 0
  let truncated = 0

  const contactOf = (row: ContactRow): PlannedCommand | RowProblem => {
    const reasons: string[] = []
    const ids: string[] = []
    const planned: Array<{ key: string; name: string }> = []
    for (const { name, key: rowKey } of row.organisations) {
      const known = existing.get(nameKey(name))
      const key = keyOf(rowKey, name)
      if (known !== undefined) {
        const why = refusal(known, row.occurredOn)
        if (why !== undefined) reasons.push(why)
        ids.push(known.organisationId)
      } else if (ctx.coordinator === undefined) {
        reasons.push(`organisation "${name}" is not in the register; pass --coordinator ID (a coordinator's account) to let the import register it`)
      } else {
        planned.push({ key, name })
        ids.push(registrations.get(key)?.id ?? organisationIdFor(key))
      }
    }
    if (row.occurredOn > ctx.today) reasons.push(`the date ${row.occurredOn} lies after today (${ctx.today}); a contact cannot be dated in the future (rule 10)`)
    if (row.category === 'partnership') {
      const partner = row.organisations.some(({ name }) => {
        const o = existing.get(nameKey(name))
        return o !== undefined && o.partnershipIds.some((pid) => {
          const p = ctx.state.partnerships[pid]
          return p !== undefined && activeOn(p, row.occurredOn)
        })
      })
      if (!partner) reasons.push(`a contact of category partnership needs an organisation with a partnership active on ${row.occurredOn}; map it as incidental`)
    }
    if (reasons.length > 0) return { line: row.line, reason: reasons.join('; ') }
    for (const { key, name } of planned) {
      if (registrations.has(key)) continue
      const id = organisationIdFor(key)
      registrations.set(key, {
        id,
        line: row.line,
        command: {
          command: 'registerOrganisation',
          actor: { id: ctx.coordinator!, role: 'coordinator' },
          idempotencyKey: organisationKey(key),
          payload: { organisationId: id, name, kind: ctx.organisationKind },
        },
      })
    }
    for (const { name } of row.organisations) {
      const known = existing.get(nameKey(name))
      if (known !== undefined) matched.add(known.organisationId)
    }
    if (row.truncated.length > 0) truncated++
    const hash = rowHash(row)
    const ordinal = ordinals.get(hash) ?? 0
    ordinals.set(hash, ordinal + 1)
    return {
      line: row.line,
      legacyKey: legacyContactKey(ctx.fileHash, row.line),
      command: {
        command: 'recordContact',
        actor: { id: ctx.actor, role: 'official' },
        idempotencyKey: contactKey(hash, ordinal),
        payload: {
          organisationIds: [...new Set(ids)], // two spellings of one organisation in a row name it once
          occurredOn: row.occurredOn,
          form: row.form,
          category: row.category,
          themes: row.themes,
          ...(row.subject !== undefined ? { subject: row.subject } : {}),
          ...(row.officials.length > 0 ? { officials: row.officials } : {}),
        },
      },
    }
  }

  for (const outcome of outcomes) {
    rows++
    if (outcome._tag === 'Filtered') filtered++
    else if (outcome._tag === 'Unreadable') problems.push({ line: outcome.line, reason: outcome.reason })
    else {
      const r = contactOf(outcome.row)
      if ('command' in r) contacts.push(r)
      else problems.push(r)
    }
  }
  const regs = [...registrations.values()].map(({ line, command }) => ({ line, command }))
  return {
    commands: [...regs, ...contacts],
    rows,
    filtered,
    contacts: contacts.length,
    registrations: regs.length,
    matched: matched.size,
    truncated,
    problems: problems.sort((a, b) => a.line - b.line),
  }
}
