/** How the command line fails: one line on stderr and an exit code (CLI.md, "Exit codes"). */

/** 1: the command ran and found a rejection or a verification failure. 2: bad usage, unreadable input, unreachable store. */
export type ExitCode = 0 | 1 | 2

/** A failure the user must act on; `main` prints its message as one line and exits with `code`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code: ExitCode = 2,
  ) {
    super(message)
  }
}

/** A usage error (exit 2). @example throw usage('--year needs a year such as 2024') */
export const usage = (message: string): CliError => new CliError(message, 2)

/** One line: newlines in a message would break "one line on stderr". */
export const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ').trim()
