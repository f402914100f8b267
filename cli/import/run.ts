/**
 * Importing a CSV export into the register: read, plan, then either report (dry run) or append
 * everything in one atomic batch. A file with any unreadable row appends nothing.
 */
import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { randomBytes } from 'node:crypto'
import {
  columnsOf,
  type ResolvedMapping,
  planImport,
  type PlannedCommand,
  type RowProblem,
  rowReader,
  type RowOutcome,
  personIdsUnder,
  type ScreenedSummary,
} from '../../src/import/index.js'
import { type Ledger, businessDateOf, PSEUDONYM_SECRET_ID, pseudonymSecret } from '../../src/index.js'
import { CliError, usage } from '../errors.js'
import { startProgress, whileWaiting, type ProgressOptions } from '../progress.js'
import { readCsv } from './read-csv.js'
import { decodeStrict } from '../input-limits.js'

export interface ImportRequest {
  /** The file's name, as the user gave it (for messages). */
  readonly file: string
  readonly bytes: Uint8Array
  readonly mapping: ResolvedMapping
  readonly mappingName: string
  readonly actor: string
  readonly coordinator?: string
  readonly dryRun: boolean
}

/** What an import did, or would do with `--dry-run`; `--json` prints exactly this. */
export interface ImportReport {
  readonly file: string
  readonly mapping: string
  readonly fileHash: string
  readonly dryRun: boolean
  readonly rows: number
  readonly filtered: number
  readonly organisations: { readonly matched: number; readonly toRegister: number }
  /** Persons (from a persons column, or person-like values of an organisation column): sealed key figures. */
  readonly keyFigures: { readonly matched: number; readonly toRegister: number }
  readonly contacts: number
  /** Contacts whose organisation cell named persons only: recorded with their key figures and no organisation. */
  readonly personsOnly: number
  /** Values of organisation columns the name screening (or the mapping) took as persons, with counts and lines: check them. */
  readonly screened: ReadonlyArray<ScreenedSummary>
  readonly truncated: number
  /** Unreadable rows (and, after a refused append, the command the register refused). */
  readonly problems: ReadonlyArray<RowProblem>
  /** Events appended now (0 in a dry run, after a refusal, or when everything was imported before). */
  readonly appended: number
  /** Commands answered from an earlier import of the same file. */
  readonly replayed: number
  /** Positions of the first and last event appended now. */
  readonly positions: { readonly first: number; readonly last: number } | null
}


/**
 * The indices of planned contacts whose pre-content key (file hash and line) the register holds:
 * the same file imported by an earlier version. Such an import appended all its contacts or none,
 * so when the first contact's old key is not there, none is, and nothing more is read.
 */
const alreadyImported = async (ledger: Ledger, planned: ReadonlyArray<PlannedCommand>): Promise<ReadonlySet<number>> => {
  const found = new Set<number>()
  const held = async (key: string): Promise<boolean> => {
    const seen = await ledger.store.readByIdempotencyKey(key)()
    if (E.isLeft(seen)) throw new CliError(seen.left.message, 2)
    return seen.right.length > 0
  }
  const first = planned.find((c) => c.legacyKey !== undefined)
  if (first === undefined || !(await held(first.legacyKey!))) return found
  for (const [i, c] of planned.entries()) if (c.legacyKey !== undefined && (await held(c.legacyKey))) found.add(i)
  return found
}

/**
 * The secret key figure ids are made under (the register's pseudonym secret, in its key store), or
 * undefined without a key store. A dry run does not make one: when there is none yet, no person
 * was imported under it, and a throwaway secret answers the same counts.
 */
const importSecret = async (ledger: Ledger, dryRun: boolean): Promise<Uint8Array | undefined> => {
  if (ledger.keys === undefined) return undefined
  if (!dryRun) {
    const made = await pseudonymSecret(ledger.keys)
    if (E.isLeft(made)) throw new CliError(made.left.message, 2)
    return made.right
  }
  const held = await ledger.keys.get(PSEUDONYM_SECRET_ID)()
  if (E.isLeft(held)) throw new CliError(held.left.message, 2)
  return held.right ?? randomBytes(32)
}

/**
 * Runs an import against a ledger and reports it. Throws CliError only for what stops the whole
 * run (bad encoding, a mapping naming a missing column, an unreachable store).
 *
 * @example
 * const report = await runImport(ledger, { file, bytes, mapping, mappingName, actor: 'a.jansen', coordinator: 'c.smit', dryRun: true })
 */
export const runImport = async (ledger: Ledger, req: ImportRequest, progress: ProgressOptions = {}): Promise<ImportReport> => {
  const fileHash = createHash('sha256').update(req.bytes).digest('hex')
  const text = decodeStrict(req.bytes, req.file, 'save it as CSV UTF-8 and run again')
  const { header, rows } = readCsv(text, req.file)
  const missing = columnsOf(req.mapping).filter(([, column]) => !header.includes(column))
  if (missing.length > 0)
    throw usage(
      `mapping ${req.mappingName} names column ${missing.map(([field, c]) => `"${c}" (${field})`).join(', ')}, but ${req.file} has columns ${header.map((h) => `"${h}"`).join(', ')}; fix the mapping`,
    )

  const state = await ledger.state()
  if (E.isLeft(state)) throw new CliError(state.left.message, 2)
  const secret = await importSecret(ledger, req.dryRun)
  const read = rowReader(req.mapping)
  const bar = startProgress('reading rows', rows.length, { unit: 'rows', ...progress })
  const outcomes: RowOutcome[] = []
  try {
    for (const r of rows) {
      outcomes.push('problem' in r ? { _tag: 'Unreadable', line: r.line, reason: r.problem } : read(r.cells, r.line))
      bar.tick()
    }
  } finally {
    bar.stop()
  }
  const plan = planImport(outcomes, {
    fileHash,
    actor: req.actor,
    ...(req.coordinator !== undefined ? { coordinator: req.coordinator } : {}),
    today: businessDateOf(ledger.clock.now()),
    state: state.right,
    organisationKind: req.mapping.organisationKind,
    ...(secret !== undefined ? { personIdFor: personIdsUnder(secret) } : {}),
  })
  const base = {
    file: req.file,
    mapping: req.mappingName,
    fileHash,
    dryRun: req.dryRun,
    rows: plan.rows,
    filtered: plan.filtered,
    organisations: { matched: plan.matched, toRegister: plan.registrations },
    keyFigures: { matched: plan.keyFiguresMatched, toRegister: plan.keyFigures },
    contacts: plan.contacts,
    personsOnly: plan.personsOnly,
    screened: plan.screened,
    truncated: plan.truncated,
    problems: plan.problems,
    appended: 0,
    replayed: 0,
    positions: null,
  }
  if (req.dryRun || plan.problems.length > 0 || plan.commands.length === 0) return base

  // contacts an import before content keys appended hold their old key: they are in already
  const legacy = await alreadyImported(ledger, plan.commands)
  const todo = plan.commands.filter((_, i) => !legacy.has(i))
  if (todo.length === 0) return { ...base, replayed: legacy.size }
  const commands = todo.map((c) => c.command)
  const result = await whileWaiting(
    `appending ${commands.length.toLocaleString('en')} commands in one transaction`,
    () => ledger.executeBatch(commands),
    progress,
  )
  if (E.isLeft(result)) {
    const { index, rejection } = result.left
    if (rejection._tag === 'StoreError') throw new CliError(`nothing was appended: ${rejection.message}`, 2)
    const line = todo[index]?.line ?? 0
    return { ...base, problems: [{ line, reason: `the register refused it (${todo[index]?.command.command}): ${rejection._tag}: ${rejection.message}` }] }
  }
  const fresh = result.right.filter((r) => !r.replayed).flatMap((r) => r.events)
  return {
    ...base,
    appended: fresh.length,
    replayed: result.right.filter((r) => r.replayed).length + legacy.size,
    positions: fresh.length === 0 ? null : { first: fresh[0]!.position, last: fresh[fresh.length - 1]!.position },
  }
}
