/** The `contact-ledger` command line: every command of CLI.md, on commander. */
import { Command } from 'commander'
import { registerDemo } from './commands/demo.js'
import { registerExec } from './commands/exec.js'
import { registerLog } from './commands/log.js'
import { registerPerson } from './commands/person.js'
import { registerRetention } from './commands/retention.js'

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
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
  registerExec(program)
  registerLog(program)
  registerDemo(program)
  registerPerson(program)
  registerRetention(program)
  return program
}
