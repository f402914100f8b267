/**
 * Runs the command line in the test's own process (`main` from cli/main.ts), capturing what it
 * writes to standard output and standard error: hundreds of invocations in seconds, where
 * spawning bin/contact-ledger.mjs costs half a second each. A `main` that throws (which it must
 * never do) is shown as exit -1 with the stack a user would have seen.
 */
import { vi } from 'vitest'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { main } from '../../cli/main.js'
import { byActor, worstCode } from '../fixtures/cli.js'

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

/**
 * `exec` in this process for a file written by several actors: one `exec --actor ID FILE.N` per run
 * of consecutive lines by one actor (exec acts for one person, CLI.md). ARGS are exec's
 * arguments with the file among them. Answers in order, the worst exit code.
 *
 * @example
 * await runExecAs([join(dir, 'history.jsonl'), '--store', store])
 */
export const runExecAs = async (args: ReadonlyArray<string>): Promise<Run> => {
  const file = args.find((a, i) => !a.startsWith('--') && !['--store', '--key', '--actor'].includes(args[i - 1] ?? '') && existsSync(a))
  if (file === undefined) throw new Error('runExecAs: no file among the arguments')
  const rest = args.filter((a) => a !== file)
  const results: Run[] = []
  for (const [i, r] of byActor(readFileSync(file, 'utf8')).entries()) {
    const part = `${file}.${i}.jsonl`
    writeFileSync(part, r.text)
    results.push(await run(['exec', part, ...rest, '--actor', r.actor]))
  }
  return { code: worstCode(results.map((r) => r.code)) ?? -1, stdout: results.map((r) => r.stdout).join(''), stderr: results.map((r) => r.stderr).join('') }
}
