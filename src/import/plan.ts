/**
 * From rows to commands: organisations matched by normalised name against the register and
 * within the file (each one registered once), contacts recorded as the official, every command
 * carrying an idempotency key derived from what the row says (normalised, not the file's bytes),
 * so that importing the same records again appends nothing, whatever the line endings, a BOM, the
 * order of the rows or rows added since; two identical rows stay two (their ordinal differs).
 */
import { createHash, createHmac } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { v5 } from 'uuid'
import canonicalize from 'canonicalize'
import { mayBeContacted } from '../domain/policies/standing.js'
import type { OrganisationState, RegisterState } from '../domain/state.js'
import { activeOn } from '../domain/status.js'
import type { OrganisationKind } from '../domain/values.js'
import { nameKey } from '../domain/names.js'
import type { ContactRow, RowOutcome, ScreenedValue } from './rows.js'
import { normaliseName } from './normalise.js'

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
  /**
   * The key figure id of a person, from their normalised name through a keyed hash
   * (`personIdFor`), so that the same name is one key figure per register and the id tells
   * nothing without the register's secret. Without it (no key store), rows naming persons are
   * unreadable.
   */
  readonly personIdFor?: (key: string) => string
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

/** A value of an organisation column taken as persons: how often, on which lines, and why. */
export interface ScreenedSummary {
  readonly value: string
  readonly persons: ReadonlyArray<string>
  readonly reasons: ReadonlyArray<string>
  readonly rows: number
  readonly lines: ReadonlyArray<number>
  /** True when an organisation of this name is in the register already (an earlier import): the row keeps naming it. */
  readonly keptAsOrganisation: boolean
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
  /** Key figures the import registers (persons the register does not know yet). */
  readonly keyFigures: number
  /** Key figures already in the register that rows name. */
  readonly keyFiguresMatched: number
  /** Contacts with key figures only, no organisation (their organisation cell named only persons). */
  readonly personsOnly: number
  /** Values of organisation columns taken as persons, in order of first line, with their rows. */
  readonly screened: ReadonlyArray<ScreenedSummary>
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
 * subject, officials, form, category and themes, and its key figures' ids. Line endings, a BOM, spacing and case in names,
 * and the row's place in the file change nothing.
 *
 * @example
 * rowHash(row) === rowHash({ ...row, line: 99 }) // true
 */
export const rowHash = (row: ContactRow, personIds: ReadonlyArray<string> = []): string =>
  sha256(
    canonicalize({
      occurredOn: row.occurredOn,
      organisations: row.organisations.map((o) => o.key).sort(),
      // key figure ids (keyed hashes), never names; left out when there are none, so rows without persons keep their keys
      ...(personIds.length > 0 ? { persons: [...personIds].sort() } : {}),
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

/** The namespace of the key figure ids an import makes (UUID v5 of a keyed hash of the name). */
export const PERSON_NAMESPACE = '0b9f3c52-7a1e-4d8b-9c6f-2e4a8d1b7f35'

/**
 * The key figure ids of an import under a register's secret: HMAC-SHA-256 of the normalised name
 * under the secret, made a UUID v5. The same name gives the same id in one register (so a person
 * is one key figure, however many rows and imports name them); without the secret, the id (and
 * the idempotency key made from it) tells nothing about the name, not even by trying names.
 *
 * @example
 * const personIdFor = personIdsUnder(secret)
 * personIdFor(normaliseName('Lord Neuberger')) === personIdFor(normaliseName('LORD  NEUBERGER')) // true
 */
export const personIdsUnder =
  (secret: Uint8Array) =>
  (key: string): string =>
    v5(createHmac('sha256', secret).update(`contact-ledger/import/person\u0000${key}`, 'utf8').digest('hex'), PERSON_NAMESPACE)

/** The idempotency key of a key figure registration by an import: from the (keyed) person id, never the name. @example personKey(personIdFor(key)) // 'import:person:5b…' */
export const personKey = (personId: string): string => `import:person:${personId}`

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

  /** Each value the screening took as a person anywhere in the file, by normalised name. */
  const screenedInFile = new Map<string, ScreenedValue>()
  const personRegistrations = new Map<string, PlannedCommand>()
  const personsMatched = new Set<string>()
  let personsOnly = 0
  const screened = new Map<string, { value: string; persons: ReadonlyArray<string>; reasons: ReadonlyArray<string>; lines: number[]; keptAsOrganisation: boolean }>()

  const contactOf = (row: ContactRow): PlannedCommand | RowProblem => {
    const reasons: string[] = []
    const ids: string[] = []
    const planned: Array<{ key: string; name: string }> = []
    // a person-like value an earlier import registered as an organisation stays that organisation
    // (its contacts are in the register under it; nothing canonical is rewritten, rule 22)
    const personLike = new Set<string>()
    const persons = [...row.persons]
    const personKeys = new Set(persons.map((p) => p.key))
    // another spelling of a value the screening took as a person elsewhere in the file is that person too ("Patrice lenormand")
    const screenedHere = new Set(row.screened.map((v) => normaliseName(v.value)))
    const alike = row.organisations.flatMap((o): ScreenedValue[] => {
      const other = screenedInFile.get(o.key)
      if (other === undefined || screenedHere.has(o.key)) return []
      return [{ ...other, value: o.name, persons: other.persons.length === 1 ? [o.name] : other.persons, reasons: [`another spelling of "${other.value}"`] }]
    })
    for (const v of [...row.screened, ...alike]) {
      const kept = existing.has(nameKey(v.value))
      const seen = screened.get(normaliseName(v.value))
      if (seen === undefined) screened.set(normaliseName(v.value), { value: v.value, persons: v.persons, reasons: v.reasons, lines: [row.line], keptAsOrganisation: kept })
      else seen.lines.push(row.line)
      if (kept) continue
      personLike.add(normaliseName(v.value))
      if (v.refused)
        reasons.push(
          `column ${v.column} holds "${v.value}", which looks like a person (${v.reasons.join('; ')}); set "screening": "persons-as-key-figures" in the mapping to register it as a key figure, or list it in "screeningOverrides"`,
        )
      else
        for (const name of v.persons) {
          const key = normaliseName(name)
          if (!personKeys.has(key)) persons.push({ name, key })
          personKeys.add(key)
        }
    }
    const organisations = row.organisations.filter((o) => !personLike.has(o.key))
    const personIds: string[] = []
    const plannedPersons: Array<{ id: string; name: string }> = []
    if (persons.length > 0 && ctx.personIdFor === undefined)
      reasons.push('the row names a person, and this register has no key store to hold personal data; open it with one')
    else
      for (const { name, key } of persons) {
        const id = ctx.personIdFor!(key)
        const known = ctx.state.persons[id]
        if (known?.erased !== undefined) reasons.push(`key figure "${name}" was erased from the register; take the person out of the row`)
        else if (known === undefined) plannedPersons.push({ id, name })
        if (!personIds.includes(id)) personIds.push(id)
      }
    for (const { name, key: rowKey } of organisations) {
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
      const partner = organisations.some(({ name }) => {
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
    for (const { id, name } of plannedPersons) {
      if (personRegistrations.has(id)) continue
      personRegistrations.set(id, {
        line: row.line,
        command: {
          command: 'registerKeyFigure',
          actor: { id: ctx.actor, role: 'official' },
          idempotencyKey: personKey(id),
          // no organisation: an export does not say whom a person speaks for; the row's organisations are the contact's own
          payload: { personId: id, name },
        },
      })
    }
    for (const id of personIds) if (ctx.state.persons[id] !== undefined) personsMatched.add(id)
    for (const { name } of organisations) {
      const known = existing.get(nameKey(name))
      if (known !== undefined) matched.add(known.organisationId)
    }
    if (organisations.length === 0) personsOnly++
    if (row.truncated.length > 0) truncated++
    const hash = rowHash({ ...row, organisations }, personIds)
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
          ...(personIds.length > 0 ? { personIds } : {}),
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

  const all = [...outcomes]
  for (const o of all) if (o._tag === 'Row') for (const v of o.row.screened) if (!screenedInFile.has(normaliseName(v.value))) screenedInFile.set(normaliseName(v.value), v)
  for (const outcome of all) {
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
  const people = [...personRegistrations.values()]
  return {
    commands: [...regs, ...people, ...contacts],
    keyFigures: people.length,
    keyFiguresMatched: personsMatched.size,
    personsOnly,
    screened: [...screened.values()].map(({ lines, ...v }) => ({ ...v, rows: lines.length, lines })),
    rows,
    filtered,
    contacts: contacts.length,
    registrations: regs.length,
    matched: matched.size,
    truncated,
    problems: problems.sort((a, b) => a.line - b.line),
  }
}
