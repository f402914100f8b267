/** The `contact-ledger` command line: every command of CLI.md, on commander. */
import { Command, Help } from 'commander'
import { allowCreation, mayCreateFor, signsFor } from './creation.js'
import { usage } from './errors.js'
import { guardRun } from './run-files.js'
import { packageVersion } from './version.js'
import { registerDemo } from './commands/demo.js'
import { registerExec } from './commands/exec.js'
import { registerLog } from './commands/log.js'
import { registerPerson } from './commands/person.js'
import { registerRetention } from './commands/retention.js'
import { registerCheckpoint } from './commands/checkpoint.js'
import { registerExport } from './commands/export.js'
import { registerExportTiles } from './commands/tiles.js'
import { registerWitness } from './commands/witness.js'
import { registerKey } from './commands/key.js'
import { registerProve } from './commands/prove.js'
import { registerVerify } from './commands/verify.js'
import { registerImport } from './commands/import.js'
import { registerReport } from './commands/report.js'
import { registerSnapshot } from './commands/snapshot.js'
import { registerProposals } from './commands/proposals.js'
import { registerAccessLog } from './commands/access-log.js'
import { registerRoles } from './commands/roles.js'

/**
 * Builds the program. Commands register themselves from `cli/commands/`.
 *
 * @example
 * await buildProgram().parseAsync(['node', 'contact-ledger', 'log'])
 */
export const buildProgram = (): Command => {
  const program = new Command()
    .name('contact-ledger')
    .description('The register of contacts with civil-society organisations: an append-only, verifiable event log.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help (every command has its own: contact-ledger COMMAND --help)')
    .addHelpText(
      'after',
      // wrapped by commander, as the rest of the help is
      () =>
        '\n' +
        new Help().boxWrap(
          'Exit codes: 0 success; 1 a rejection or verification failure; 2 bad usage, unreadable input or an unreachable store.\n' +
            'Store: --store URL or CONTACT_LEDGER_STORE (memory:, sqlite:PATH, postgres://…).',
          80,
        ) +
        '\n\nExample:\n  contact-ledger exec --store sqlite:register.db commands.jsonl',
    )
    .exitOverride()
  registerExec(program)
  registerLog(program)
  registerDemo(program)
  registerPerson(program)
  registerRetention(program)
  registerCheckpoint(program)
  registerKey(program)
  registerProve(program)
  registerVerify(program)
  registerExport(program)
  registerExportTiles(program)
  registerImport(program)
  registerReport(program)
  registerSnapshot(program)
  registerWitness(program)
  registerProposals(program)
  registerAccessLog(program)
  registerRoles(program)
  program.hook('preAction', (_program, action) => {
    const path = commandPath(action)
    refuseEmptyValues(action)
    guardRun(action.opts(), action.args)
    allowCreation(mayCreateFor(path, action.opts()), action.opts()['dryRun'] === true, signsFor(path))
  })
  for (const group of program.commands) subcommandRequired(group)
  return program
}

/**
 * An option or argument given as an empty string (`--out ""`, `--key ''`) is a usage error naming
 * it: no option of the command line means anything when empty, and an empty path would otherwise
 * be read as "not given" by one command and as a file name by another.
 */
const refuseEmptyValues = (cmd: Command): void => {
  // the command's own options and its groups' (`export tiles --out` may land on `export`)
  for (let c: Command | null = cmd; c !== null; c = c.parent)
    for (const o of c.options) {
      const value: unknown = c.getOptionValue(o.attributeName())
      if (value === '' || (Array.isArray(value) && value.includes(''))) throw usage(`${o.long ?? o.short} was given an empty value; give ${o.flags.replace(/^.*?\s/, '')}`)
    }
  cmd.registeredArguments.forEach((a, i) => {
    if (cmd.args[i] === '') throw usage(`the ${a.name()} argument is empty; run contact-ledger ${commandPath(cmd).join(' ')} --help for usage`)
  })
}

/** A command's names below the program, e.g. ['snapshot', 'annual']. */
const commandPath = (cmd: Command): string[] => (cmd.parent === null || cmd.parent.parent === null ? [cmd.name()] : [...commandPath(cmd.parent), cmd.name()])

/**
 * A command group named without a subcommand (`contact-ledger report`) is a usage error: exit 2
 * and one line naming the subcommands and the help to read, as `import` always did and as git
 * answers a missing subcommand. The same for every group.
 */
const subcommandRequired = (cmd: Command, path = `contact-ledger ${cmd.name()}`): void => {
  // commander keeps the action handler private; a group that has its own action keeps it
  const hasAction = (cmd as unknown as { _actionHandler: unknown })._actionHandler != null
  if (cmd.commands.length > 0 && !hasAction)
    cmd.action(() => {
      throw usage(`${path} needs a subcommand (${cmd.commands.map((c) => c.name()).join(', ')}); run ${path} --help for usage`)
    })
  for (const sub of cmd.commands) subcommandRequired(sub, `${path} ${sub.name()}`)
}
