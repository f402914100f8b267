/**
 * From rows to commands: organisations matched by normalised name against the register and
 * within the file (each one registered once), contacts recorded as the official, every command
 * carrying an idempotency key derived from the file's content hash, so that importing the same
 * file twice appends nothing the second time.
 */
import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { v5 } from 'uuid'
import { mayBeContacted } from '../domain/policies/standing.js'
import type { OrganisationState, RegisterState } from '../domain/state.js'
import { activeOn } from '../domain/status.js'
import type { OrganisationKind } from '../domain/values.js'
import { normaliseName } from './normalise.js'
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

/** The idempotency key of the contact on a line of a file. @example contactKey(hash, 12) // 'import:3f…:line:12' */
export const contactKey = (fileHash: string, line: number): string => `import:${short(fileHash)}:line:${line}`

/** The idempotency key of an organisation registration by an import. @example organisationKey(hash, 'bar council') // 'import:3f…:org:9c…' */
export const organisationKey = (fileHash: string, key: string): string => `import:${short(fileHash)}:org:${short(sha256(key))}`

/** The id an import gives an organisation it registers: the same file and name give the same id. @example organisationIdFor(hash, 'bar council') // a UUID v5 */
export const organisationIdFor = (fileHash: string, key: string): string => v5(`${fileHash}\n${key}`, IMPORT_NAMESPACE)

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
  for (const o of Object.values(ctx.state.organisations)) {
    const key = normaliseName(o.name)
    if (!existing.has(key)) existing.set(key, o)
  }
  const blocked = new Map<string, string | undefined>()
  const refusal = (o: OrganisationState): string | undefined => {
    if (!blocked.has(o.organisationId)) {
      const r = mayBeContacted(o)
      blocked.set(o.organisationId, E.isLeft(r) ? `${r.left._tag}: ${r.left.message}` : undefined)
    }
    return blocked.get(o.organisationId)
  }

  const registrations = new Map<string, PlannedCommand & { readonly id: string }>()
  const matched = new Set<string>()
  const contacts: PlannedCommand[] = []
  const problems: RowProblem[] = []
  let rows = 0
  let filtered = 0
  let truncated = 0

  const contactOf = (row: ContactRow): PlannedCommand | RowProblem => {
    const reasons: string[] = []
    const ids: string[] = []
    const planned: Array<{ key: string; name: string }> = []
    for (const { name, key } of row.organisations) {
      const known = existing.get(key)
      if (known !== undefined) {
        const why = refusal(known)
        if (why !== undefined) reasons.push(why)
        ids.push(known.organisationId)
      } else if (ctx.coordinator === undefined) {
        reasons.push(`organisation "${name}" is not in the register; pass --coordinator ID (a coordinator's account) to let the import register it`)
      } else {
        planned.push({ key, name })
        ids.push(registrations.get(key)?.id ?? organisationIdFor(ctx.fileHash, key))
      }
    }
    if (row.occurredOn > ctx.today) reasons.push(`the date ${row.occurredOn} lies after today (${ctx.today}); a contact cannot be dated in the future (rule 10)`)
    if (row.category === 'partnership') {
      const partner = row.organisations.some(({ key }) => {
        const o = existing.get(key)
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
      const id = organisationIdFor(ctx.fileHash, key)
      registrations.set(key, {
        id,
        line: row.line,
        command: {
          command: 'registerOrganisation',
          actor: { id: ctx.coordinator!, role: 'coordinator' },
          idempotencyKey: organisationKey(ctx.fileHash, key),
          payload: { organisationId: id, name, kind: ctx.organisationKind },
        },
      })
    }
    for (const { key } of row.organisations) {
      const known = existing.get(key)
      if (known !== undefined) matched.add(known.organisationId)
    }
    if (row.truncated.length > 0) truncated++
    return {
      line: row.line,
      command: {
        command: 'recordContact',
        actor: { id: ctx.actor, role: 'official' },
        idempotencyKey: contactKey(ctx.fileHash, row.line),
        payload: {
          organisationIds: ids,
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
