/**
 * Entry point of the command line: runs the program and turns every failure into one line on
 * stderr and an exit code (0 success, 1 rejection or verification failure, 2 usage or store).
 */
import { CommanderError, type Command } from 'commander'
import { CliError, oneLine, type ExitCode } from './errors.js'
import { packageVersion } from './version.js'

/**
 * Makes commander's own errors (unknown option or command, missing argument) one line on stderr
 * that names the help to read, for the program and every subcommand.
 */
const oneLineErrors = (cmd: Command, path: string): void => {
  cmd.configureOutput({
    writeErr: (s) => process.stderr.write(`contact-ledger: ${oneLine(s.replace(/^error:\s*/, '')).replace(/\.$/, '')}; run ${path} --help for usage\n`),
    outputError: (s, write) => write(s),
  })
  for (const sub of cmd.commands) oneLineErrors(sub, `${path} ${sub.name()}`)
}

/**
 * A reader that stops early (`contact-ledger log | head -1`) closes the pipe: end quietly with
 * exit 0, as `git log | head` does, instead of dying on an unhandled EPIPE.
 */
const quietOnClosedPipe = (): void => {
  for (const stream of [process.stdout, process.stderr])
    if (stream.listenerCount('error') === 0)
      stream.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') process.exit(0)
        throw e
      })
}

/**
 * Runs the command line with arguments (without `node` and the script) and returns the exit code.
 *
 * @example
 * process.exitCode = await main(['exec', '--store', 'memory:', 'commands.jsonl'])
 */
export const main = async (argv: ReadonlyArray<string>): Promise<ExitCode> => {
  quietOnClosedPipe()
  // `--version` alone answers without loading the commands (and the library behind them)
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    process.stdout.write(`${packageVersion()}\n`)
    return 0
  }
  const { buildProgram } = await import('./program.js')
  const program = buildProgram()
  oneLineErrors(program, 'contact-ledger')
  if (argv.length === 0) {
    process.stderr.write(`contact-ledger: name a command (${program.commands.map((c) => c.name()).join(', ')}); run contact-ledger --help for what each does\n`)
    return 2
  }
  try {
    process.exitCode = 0
    await program.parseAsync(['node', 'contact-ledger', ...argv])
    return (process.exitCode ?? 0) as ExitCode
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0
      return 2
    }
    if (e instanceof CliError) {
      process.stderr.write(`contact-ledger: ${oneLine(e.message)}\n`)
      return e.code
    }
    const message = e instanceof Error ? e.message : String(e)
    process.stderr.write(`contact-ledger: unexpected failure: ${oneLine(message)}; please report it with the command you ran\n`)
    return 2
  }
}
