/**
 * Runs the command line in the test's own process (`main` from cli/main.ts), capturing what it
 * writes to standard output and standard error: hundreds of invocations in seconds, where
 * spawning bin/contact-ledger.mjs costs half a second each. A `main` that throws (which it must
 * never do) is shown as exit -1 with the stack a user would have seen.
 */
import { vi } from 'vitest'
import { main } from '../../cli/main.js'

export interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs `contact-ledger ARGS…` in this process. @example const r = await run(['log', '--store', 'memory:']) */
export const run = async (args: ReadonlyArray<string>): Promise<Run> => {
  let stdout = ''
  let stderr = ''
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true))
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true))
  let code: number
  try {
    code = await main(args)
  } catch (e) {
    code = -1
    stderr += `\n${e instanceof Error ? e.stack : String(e)}`
  } finally {
    out.mockRestore()
    err.mockRestore()
    process.exitCode = 0
  }
  return { code, stdout, stderr }
}
