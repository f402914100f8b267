/** `import csv FILE --mapping M --actor ID`: existing contact records from a spreadsheet export. */
import { Option, type Command } from 'commander'
import { ActorId } from '../../src/index.js'
import { resolveActor } from '../actor.js'
import { BUILTIN_MAPPINGS } from '../../src/import/index.js'
import { usingLedger, withStore } from '../context.js'
import { CliError, usage } from '../errors.js'
import { loadMapping } from '../import/mapping-file.js'
import { runImport, type ImportReport } from '../import/run.js'
import { println } from '../io.js'
import { readBounded } from '../input-limits.js'

const MAPPING_HELP = `
Mapping: a JSON file, or a built-in name (${Object.keys(BUILTIN_MAPPINGS).join(', ')}).
  {
    "columns": { "occurredOn": "date", "organisations": "organisation",      required: the header texts
                 "subject": "purpose" (or a list, joined by "subjectJoin"),
                 "officials": "rep_new", "form": "…", "category": "…", "themes": "…" },
    "dateFormat": "DD/MM/YYYY",          DD-MM-YYYY, DD/MM/YYYY, DD.MM.YYYY, YYYY-MM-DD, YYYY/MM/DD, MM/DD/YYYY
    "separators": { "organisations": ",", "officials": ";", "themes": "," },   between values in one cell
    "defaults": { "category": "incidental", "form": "meeting", "themes": [] },
    "values": { "form": { "phone": "call" }, "category": { … }, "themes": { … } },  cell text → register value
    "organisationKind": "other",         the kind of the organisations the import registers
    "filters": [ { "column": "portal_source", "in": ["UK Government"] } ],      or "notIn"
    "longText": "reject",                or "truncate": cut texts over 2,000 characters to 1,999 and "…"
    "columns": { …, "persons": "attendees" },  a column of persons (separator "separators.persons", default ";")
    "screening": "persons-as-key-figures",    or "refuse" (the default) or "off"
    "screeningOverrides": { "persons": ["…"], "organisations": ["…"] }   values the screening gets wrong
  }
  Print a built-in one to start from: contact-ledger import mapping uk-ministerial-meetings

Persons are never organisations:
  Every value of a persons column becomes a key figure (registerKeyFigure: the name sealed under
  the person's own key), linked to the contact; no organisation is given to it. A name screening
  reads every value of the organisation column: a title or honorific (Lord, Lady, Sir, Dame, Dr,
  Prof, Mr, Mrs, Ms, Rt Hon, dhr., mevr., drs., ir., mr., …), letters after a name (MP, QC, KC,
  MEP, …), initials ("A. Jansen"), a common given name before a surname ("Frank Farnel"), or "&"
  between such names ("Lord Neuberger & Lady Hale" is two persons) make it person-like; a word
  such as Foundation, Trust, Ltd or University makes it an organisation. With "screening":
  "persons-as-key-figures" person-like values become key figures; with "refuse" their rows are
  unreadable (nothing is appended); with "off" they are organisations. A row whose organisation
  cell names only persons becomes a contact with key figures and no organisation (it counts for no
  organisation in the reports). The same name (case, accents and spacing ignored) is one key
  figure in the register: its id is a keyed hash of the name under the register's secret, so
  neither the id nor any idempotency key shows the name. A value an earlier import registered as
  an organisation stays that organisation. The dry run lists every value taken as a person, with
  its rows and reasons: check it before importing.

How it works:
  Organisations are matched by name (case, accents and spacing ignored) against the register and
  within the file, so none is registered twice. Contacts are recorded as the official --actor.
  Registering an organisation is a coordinator's work (rule 11): pass --coordinator ID to let the
  import register organisations the register does not know; without it, such rows are unreadable.
  A dry run appends nothing and lists every unreadable row. A real import appends the whole file in
  one transaction, or nothing when any row is unreadable (exit 1). Importing the same file again
  appends nothing: every command carries an idempotency key made from the file's content and row.

Example:
  contact-ledger import csv meetings.csv --mapping uk-ministerial-meetings \\
      --actor a.jansen --coordinator c.smit --store sqlite:register.db --dry-run`

const summary = (r: ImportReport): string[] => {
  const n = (x: number) => x.toLocaleString('en')
  const lines = [
    `${r.dryRun ? 'Dry run of the import' : 'Import'} of ${r.file} with mapping ${r.mapping}`,
    `  rows in the file                 ${n(r.rows)}`,
    ...(r.filtered > 0 ? [`  rows left out by the filters     ${n(r.filtered)}`] : []),
    `  unreadable rows                  ${n(r.problems.length)}`,
    `  organisations already registered ${n(r.organisations.matched)}`,
    `  organisations to register        ${n(r.organisations.toRegister)}`,
    `  key figures already registered   ${n(r.keyFigures.matched)}`,
    `  key figures to register, sealed  ${n(r.keyFigures.toRegister)}`,
    `  contacts to record               ${n(r.contacts)}`,
    ...(r.personsOnly > 0 ? [`    of which with persons only     ${n(r.personsOnly)}`] : []),
    ...(r.truncated > 0 ? [`  rows with a text cut to 2,000    ${n(r.truncated)}`] : []),
    `  values taken as persons          ${n(r.screened.length)}`,
  ]
  if (r.dryRun && r.screened.length > 0) {
    lines.push('Values of organisation columns taken as persons (check them; "screeningOverrides" in the mapping corrects them):')
    for (const v of r.screened) {
      const shown = v.lines.slice(0, 10).join(', ') + (v.lines.length > 10 ? `, … (${n(v.lines.length - 10)} more)` : '')
      const kept = v.keptAsOrganisation ? '; kept as the organisation an earlier import registered' : ''
      lines.push(`  "${v.value}"  ${n(v.rows)} row(s), line ${shown}: ${v.reasons.join('; ')}${kept}`)
    }
  }
  for (const p of r.problems) lines.push(`  line ${p.line}: ${p.reason}`)
  if (r.problems.length > 0) lines.push('Nothing was appended: fix the rows above (or the mapping) and run again.')
  else if (r.dryRun) lines.push('Dry run: nothing was appended. Run again without --dry-run to import.')
  else if (r.appended === 0 && r.replayed > 0) lines.push(`Nothing appended: this file was imported before (${n(r.replayed)} commands answered from that import).`)
  else if (r.positions !== null)
    lines.push(`Appended ${n(r.appended)} events at positions ${r.positions.first}-${r.positions.last}${r.replayed > 0 ? ` (${n(r.replayed)} commands were imported before)` : ''}.`)
  else lines.push('Nothing to append.')
  return lines
}

// bounded like exec's input (input-limits.ts); a CSV record may span lines, so no line limit
const readBytes = (file: string): Uint8Array => readBounded(file, { maxLine: Number.POSITIVE_INFINITY })

/**
 * Adds `import csv` and `import mapping` to the program.
 *
 * @example
 * registerImport(program) // contact-ledger import csv FILE --mapping M --actor ID
 */
export const registerImport = (program: Command): void => {
  const group = program
    .command('import')
    .summary('import existing contact records (import csv FILE …)')
    .description('Imports existing contact records. Run contact-ledger import csv --help for the mapping format.')
    .addHelpText('after', '\nExample:\n  contact-ledger import csv meetings.csv --mapping uk-ministerial-meetings --actor a.jansen --coordinator c.smit --dry-run')
    .action(() => {
      throw usage('name what to import: contact-ledger import csv FILE --mapping MAPPING --actor ID (see contact-ledger import csv --help)')
    })

  withStore(
    group
      .command('csv')
      .summary('import contacts from a CSV export through a mapping')
      .description(
        "Imports existing contact records from a CSV export (UTF-8, comma-separated, first line the header) as the official --actor, through a mapping from columns to the register's fields.",
      )
      .argument('<file>', 'the CSV file')
      .requiredOption('--mapping <mapping>', `a mapping file, or a built-in mapping: ${Object.keys(BUILTIN_MAPPINGS).join(', ')}`)
      .option('--actor <id>', 'the official recording the contacts and registering the key figures (role official; env CONTACT_LEDGER_ACTOR)')
      .option('--coordinator <id>', 'the coordinator registering organisations the register does not know (role coordinator)')
      .option('--dry-run', 'report what would be appended and every unreadable row; append nothing')
      .addOption(new Option('--json', 'print the report as one JSON object')),
  )
    .addHelpText('after', MAPPING_HELP)
    .action(async (file: string, options: { mapping: string; actor?: string; coordinator?: string; dryRun?: boolean; json?: boolean; store?: string }) => {
      const actor = resolveActor(options)
      if (actor === undefined) throw usage('name the official who records the contacts: --actor ID (or CONTACT_LEDGER_ACTOR)')
      const opts = { ...options, actor }
      if (opts.coordinator !== undefined && !ActorId.is(opts.coordinator)) throw usage(`--coordinator takes an account name such as c.smit, got ${JSON.stringify(opts.coordinator.slice(0, 60))}`)
      const mapping = loadMapping(opts.mapping)
      const bytes = readBytes(file)
      const report = await usingLedger(opts, ({ ledger }) =>
        runImport(ledger, {
          file,
          bytes,
          mapping,
          mappingName: opts.mapping,
          actor: opts.actor,
          ...(opts.coordinator !== undefined ? { coordinator: opts.coordinator } : {}),
          dryRun: opts.dryRun === true,
        }),
      )
      if (opts.json === true) println(JSON.stringify(report))
      else for (const line of summary(report)) println(line)
      if (report.problems.length > 0)
        throw new CliError(`${report.problems.length} row(s) of ${file} cannot be imported (first: line ${report.problems[0]!.line}); nothing was appended`, 1)
    })

  group
    .command('mapping')
    .summary('print a built-in mapping, to copy and adapt')
    .argument('<name>', `a built-in mapping: ${Object.keys(BUILTIN_MAPPINGS).join(', ')}`)
    .addHelpText('after', '\nExample:\n  contact-ledger import mapping uk-ministerial-meetings > my-mapping.json')
    .action((name: string) => {
      const m = BUILTIN_MAPPINGS[name]
      if (m === undefined) throw usage(`no built-in mapping "${name}"; there are: ${Object.keys(BUILTIN_MAPPINGS).join(', ')}`)
      println(JSON.stringify(m, null, 2))
    })
}
